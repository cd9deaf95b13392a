/**
 * Clean: RawArticle → Article. Repairs wrapping, strips boilerplate, moves URLs into metadata
 * and detects title, outlet and dateline. Pure: everything it needs comes in as parameters.
 */
import { SkippedInputError } from "../errors.ts";
import { extractHtml } from "../extract/html.ts";
import { findDateLine } from "../text/dates.ts";
import type { Article, RawArticle } from "../types.ts";
import { type Block, classify, isTitleLike, mainRegion } from "./boilerplate.ts";
import {
  detectDateline,
  domainOf,
  extractLinks,
  outletFromDomain,
  outletFromLinks,
  outletFromSignature,
} from "./metadata.ts";
import { reflow } from "./reflow.ts";
import type { BoilerplateRules } from "./rules.ts";

/** How many blocks above the article a headline may stand (captions, bylines in between). */
const TITLE_LOOKBACK = 6;
/** An article needs at least this many words of body text (a one-line brief still counts). */
const MIN_ARTICLE_WORDS = 5;

/** Cleans one article; throws SkippedInputError when nothing but boilerplate is left. */
export function clean(raw: RawArticle, rules: BoilerplateRules): Article {
  if (raw.format === "html") {
    const page = extractHtml(raw.text);
    // Front matter (or a feed) wins over what the page says about itself.
    // The page's own headline is the title, not body text (even when a feed names it otherwise).
    const blocks = page.blocks.filter((b) => b !== page.meta.title);
    return cleanBlocks({ ...raw, meta: { ...page.meta, ...raw.meta } }, blocks, rules, false);
  }
  const source = raw.format === "markdown" ? stripMarkdown(raw.text) : raw.text;
  return cleanBlocks(raw, reflow(source), rules, true);
}

function cleanBlocks(
  raw: RawArticle,
  blocksIn: string[],
  rules: BoilerplateRules,
  findRegion: boolean,
): Article {
  const links: string[] = [];
  const paragraphs: string[] = [];
  for (const p of blocksIn) {
    const extracted = extractLinks(p);
    links.push(...extracted.links);
    const text = stripPrefixes(extracted.text, rules);
    if (/[\p{L}\p{N}]/u.test(text)) paragraphs.push(text);
  }
  const blocks = classify(paragraphs, rules);
  // No run of prose (a brief of a line or two): keep whatever is not boilerplate.
  // HTML pages were narrowed to the article by their DOM already.
  const [start, end] = findRegion
    ? fallbackRegion(blocks, mainRegion(blocks))
    : ([0, blocks.length] as [number, number]);
  const title = raw.meta.title ?? findTitle(blocks, start);
  const body = dedupeParagraphs(
    blocks.slice(start, end).filter((b) => !b.boilerplate && b.text !== title),
  );
  if (body.reduce((n, b) => n + b.words, 0) < MIN_ARTICLE_WORDS) {
    throw new SkippedInputError(raw.input, "no article text left after removing boilerplate");
  }
  const url = raw.meta.url ?? "";
  return {
    id: raw.id,
    input: raw.input,
    title,
    outlet: detectOutlet(raw, paragraphs, links, rules),
    url,
    links: [...new Set(links)].filter((l) => l !== url),
    dateline: detectDateline(body[0]?.text ?? ""),
    published: raw.meta.published ?? findDateLine(datelineCandidates(paragraphs, start)),
    paragraphs: body.map((b) => b.text),
  };
}

/** Where a date line stands: just above the article, or among the first few lines. */
const DATE_LOOKBACK = 8;

function datelineCandidates(paragraphs: string[], start: number): string[] {
  return paragraphs.slice(Math.max(0, start - DATE_LOOKBACK), start + 2);
}

function fallbackRegion(blocks: Block[], region: [number, number]): [number, number] {
  if (region[1] > region[0]) return region;
  const kept = blocks.map((b, i) => (b.boilerplate ? -1 : i)).filter((i) => i >= 0);
  const first = kept[0];
  const last = kept[kept.length - 1];
  if (first === undefined || last === undefined) return region;
  // Keep the headline out of the body when there is more than one line.
  const start =
    kept.length > 1 && isTitleLike(blocks[first] as Block) ? (kept[1] as number) : first;
  return [start, last + 1];
}

function stripPrefixes(text: string, rules: BoilerplateRules): string {
  let out = text;
  for (let changed = true; changed; ) {
    changed = false;
    for (const re of rules.strip) {
      const m = re.exec(out);
      if (m && m[0].length > 0 && m[0].length < out.length) {
        out = out.slice(m[0].length);
        changed = true;
      }
    }
  }
  return out;
}

function findTitle(blocks: Block[], start: number): string {
  for (let i = start - 1; i >= Math.max(0, start - TITLE_LOOKBACK); i--) {
    const b = blocks[i];
    if (b && isTitleLike(b)) return b.text;
  }
  const first = blocks[start];
  return first && isTitleLike(first) ? first.text : "";
}

function dedupeParagraphs(blocks: Block[]): Block[] {
  const seen = new Set<string>();
  return blocks.filter((b) => {
    const key = b.text.toLowerCase();
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function detectOutlet(
  raw: RawArticle,
  paragraphs: string[],
  links: string[],
  rules: BoilerplateRules,
): string {
  if (raw.meta.outlet) return raw.meta.outlet;
  const signature = outletFromSignature(paragraphs, rules);
  if (signature) return signature;
  if (raw.meta.url) return outletFromDomain(domainOf(raw.meta.url), rules);
  return outletFromLinks(links, rules);
}

/** Markdown to plain paragraphs: headings, emphasis and link syntax out, link targets kept. */
function stripMarkdown(md: string): string {
  return md
    .replace(/^```[\s\S]*?^```/gm, "")
    .replace(/^#{1,6}\s+/gm, "")
    .replace(/!\[[^\]]*\]\([^)]*\)/g, "")
    .replace(/\[([^\]]+)\]\(([^)\s]+)[^)]*\)/g, "$1 $2")
    .replace(/(\*\*|__)(.+?)\1/g, "$2")
    .replace(/(^|\W)[*_](\S.*?)[*_](?=\W|$)/g, "$1$2")
    .replace(/^>\s?/gm, "")
    .replace(/^\s*[-*+]\s+/gm, "• ");
}
