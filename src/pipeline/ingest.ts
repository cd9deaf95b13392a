/**
 * Ingest: bytes → RawArticle. Detects binary files, decodes UTF-8, UTF-16 and legacy 8-bit
 * encodings (Windows-1251, Latin-1 …), reads an optional front-matter block and gives the article
 * a stable id. Throws SkippedInputError for an input that cannot become an article.
 */
import chardet from "chardet";
import { SkippedInputError } from "./errors.ts";
import { hash64 } from "./text/hash.ts";
import type { ArticleMeta, RawArticle, SourceFile } from "./types.ts";

/** Leading bytes of common binary formats that sometimes land in an input folder. */
const MAGIC: ReadonlyArray<[string, number[]]> = [
  ["PNG image", [0x89, 0x50, 0x4e, 0x47]],
  ["JPEG image", [0xff, 0xd8, 0xff]],
  ["GIF image", [0x47, 0x49, 0x46, 0x38]],
  ["PDF document (convert it to text first)", [0x25, 0x50, 0x44, 0x46]],
  ["ZIP archive", [0x50, 0x4b, 0x03, 0x04]],
  ["gzip archive", [0x1f, 0x8b]],
];
/** How many leading bytes are searched for NUL bytes to tell binary from text. */
const SNIFF_BYTES = 8192;
/** Share of U+FFFD or control characters above which a decoding is rejected as garbage. */
const MAX_GARBAGE_RATIO = 0.02;

/** Turns one input's bytes into a RawArticle, or throws SkippedInputError saying why not. */
export function ingest(file: SourceFile): RawArticle {
  const { input, bytes } = file;
  if (bytes.length === 0) throw new SkippedInputError(input, "empty file");
  const kind = binaryKind(bytes);
  if (kind) throw new SkippedInputError(input, `not a text file (${kind})`);
  const { text: decoded, encoding } = decode(input, bytes);
  const { meta: own, body } = frontMatter(decoded.replace(/\r\n?/g, "\n"));
  // What the file says about itself (front matter) wins over what its source said.
  const meta: ArticleMeta = { ...file.meta, ...own };
  const format =
    file.format ??
    (/\.html?$/i.test(input) ? "html" : /\.(md|markdown)$/i.test(input) ? "markdown" : "text");
  if (!body.trim()) throw new SkippedInputError(input, "no text in file");
  if (file.outlet && !meta.outlet) meta.outlet = file.outlet;
  return { id: articleId(body), input, encoding, format, text: body, meta };
}

/** Stable id: the same text, however it is spaced or cased, always gets the same id. */
export function articleId(text: string): string {
  return hash64(text.toLowerCase().replace(/\s+/g, " ").trim());
}

function binaryKind(bytes: Uint8Array): string | undefined {
  for (const [name, magic] of MAGIC) {
    if (magic.every((b, i) => bytes[i] === b)) return name;
  }
  const utf16 =
    (bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff);
  if (!utf16 && bytes.subarray(0, SNIFF_BYTES).includes(0)) return "binary data";
  return undefined;
}

function decode(input: string, bytes: Uint8Array): { text: string; encoding: string } {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return { text: new TextDecoder("utf-8").decode(bytes.subarray(3)), encoding: "utf-8" };
  }
  if (bytes[0] === 0xff && bytes[1] === 0xfe)
    return tryDecode(input, bytes.subarray(2), "utf-16le");
  if (bytes[0] === 0xfe && bytes[1] === 0xff)
    return tryDecode(input, bytes.subarray(2), "utf-16be");
  try {
    return { text: new TextDecoder("utf-8", { fatal: true }).decode(bytes), encoding: "utf-8" };
  } catch {
    // Not valid UTF-8: fall through to detection below.
  }
  const lossy = new TextDecoder("utf-8").decode(bytes);
  const bad = countChars(lossy, (c) => c === 0xfffd);
  const multibyte = countChars(lossy, (c) => c > 0x7f && c !== 0xfffd);
  // Mostly UTF-8 with a few broken sequences: keep it, the broken bytes become U+FFFD.
  if (multibyte > bad * 4) return { text: lossy, encoding: "utf-8 (repaired)" };
  const detected = chardet.detect(bytes) ?? "windows-1252";
  return tryDecode(input, bytes, legacyName(detected));
}

function legacyName(detected: string): string {
  const name = detected.toLowerCase();
  // Plain Latin-1 is almost always Windows-1252 in practice (curly quotes in 0x80–0x9F).
  if (name === "iso-8859-1") return "windows-1252";
  return name;
}

function tryDecode(
  input: string,
  bytes: Uint8Array,
  encoding: string,
): { text: string; encoding: string } {
  let text: string;
  try {
    text = new TextDecoder(encoding).decode(bytes);
  } catch {
    throw new SkippedInputError(input, `unsupported text encoding ${encoding}; save it as UTF-8`);
  }
  // U+FFFD and C0 control characters other than tab, newline, form feed and carriage return.
  const garbage = countChars(text, (c) => c === 0xfffd || c <= 0x08 || (c >= 0x0e && c <= 0x1f));
  if (garbage > text.length * MAX_GARBAGE_RATIO) {
    throw new SkippedInputError(input, `cannot decode text (tried ${encoding}); save it as UTF-8`);
  }
  return { text, encoding };
}

function countChars(text: string, test: (code: number) => boolean): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) if (test(text.charCodeAt(i))) n++;
  return n;
}

const FRONT_MATTER = /^\uFEFF?---[ \t]*\n([\s\S]*?)\n---[ \t]*(?:\n|$)/;
const META_KEYS = new Set(["title", "url", "outlet", "published"]);

/** Reads a `---` block of `key: value` lines at the very top; unknown keys are ignored. */
export function frontMatter(text: string): { meta: ArticleMeta; body: string } {
  const m = FRONT_MATTER.exec(text);
  if (!m) return { meta: {}, body: text };
  const meta: ArticleMeta = {};
  for (const line of (m[1] ?? "").split("\n")) {
    const kv = /^\s*([A-Za-z]+)\s*:\s*(.*?)\s*$/.exec(line);
    const key = kv?.[1]?.toLowerCase();
    if (!kv || !key || !META_KEYS.has(key)) continue;
    const value = (kv[2] ?? "").replace(/^(["'])(.*)\1$/, "$2");
    if (value) meta[key as keyof ArticleMeta] = value;
  }
  return { meta, body: text.slice(m[0].length) };
}
