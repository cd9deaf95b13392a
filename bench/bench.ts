/**
 * `npm run bench`: throughput, memory and scaling of a full build. Builds synthetic corpora of
 * 1k, 4k and 16k articles from the development sets (sentences recombined into new articles,
 * with re-wrapped, truncated and boilerplate-wrapped duplicates mixed in), then runs one build
 * per corpus in a fresh process and prints wall time and peak RSS.
 * Usage: npm run bench -- [EVAL_DIR (default ../shared/eval)] [--sizes 1000,4000,16000]
 */
import { execFileSync } from "node:child_process";
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { splitSentences } from "../src/pipeline/text/sentences.ts";

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { sizes: { type: "string" }, keep: { type: "boolean" } },
});
const evalDir = positionals[0] ?? "../shared/eval";
const sizes = (values.sizes ?? "1000,4000,16000").split(",").map(Number);
/** Share of each corpus that is a reformatted copy of another article in it. */
const DUPLICATE_SHARE = 0.2;
/** Sentences per synthetic article (a typical news article has 15 to 30). */
const SENTENCES_PER_ARTICLE = 18;

function textsOf(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).map((f) => readFileSync(join(dir, f), "utf8"));
}

const pool = [
  ...textsOf(join(evalDir, "clustering", "docs")),
  ...textsOf(join(evalDir, "summaries", "articles")),
]
  .flatMap((t) => t.split(/\n+/).flatMap(splitSentences))
  .filter((s) => s.split(" ").length >= 8);
if (pool.length === 0) {
  process.stderr.write(
    `no development texts under ${evalDir}; pass the eval folder as the first argument\n`,
  );
  process.exit(2);
}

// A small deterministic PRNG (mulberry32) so every run builds the same corpora.
let seed = 42;
const random = () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
const pick = <T>(xs: T[]): T => xs[Math.floor(random() * xs.length)] as T;

const APPEAL =
  "Dear readers,\nWe need your support to keep our journalism free. Please donate today.\nRemind me later.";
function wrap(text: string, width: number): string {
  return text
    .split("\n\n")
    .map((p) => p.replace(new RegExp(`(.{1,${width}})(\\s+|$)`, "g"), "$1\n").trim())
    .join("\n\n");
}

function makeCorpus(dir: string, size: number): void {
  mkdirSync(dir, { recursive: true });
  const originals: string[] = [];
  for (let i = 0; i < size; i++) {
    let text: string;
    if (originals.length > 0 && random() < DUPLICATE_SHARE) {
      const source = pick(originals);
      const variant = random();
      if (variant < 1 / 3) text = wrap(source, 72);
      else if (variant < 2 / 3) text = source.slice(0, Math.floor(source.length * 0.75));
      else text = `${source}\n\n${APPEAL}`;
    } else {
      const title = pick(pool).replace(/[.!?]+$/, "");
      const sentences = Array.from({ length: SENTENCES_PER_ARTICLE }, () => pick(pool));
      const paragraphs: string[] = [];
      for (let s = 0; s < sentences.length; s += 3)
        paragraphs.push(sentences.slice(s, s + 3).join(" "));
      text = `${title}\n\n${paragraphs.join("\n\n")}`;
      originals.push(text);
    }
    writeFileSync(join(dir, `a${String(i).padStart(6, "0")}.txt`), text);
  }
}

const work = mkdtempSync(join(tmpdir(), "digest-bench-"));
const rows: Array<{
  size: number;
  ms: number;
  rss: number;
  articles: number;
  copysets: number;
  stories: number;
}> = [];
for (const size of sizes) {
  const dir = join(work, `corpus-${size}`);
  makeCorpus(dir, size);
  const out = execFileSync(
    process.execPath,
    [
      "--import",
      "tsx",
      "bench/build-once.ts",
      dir,
      join(work, `db-${size}.sqlite`),
      join(work, `out-${size}`),
    ],
    { encoding: "utf8", maxBuffer: 1 << 20 },
  );
  const r = JSON.parse(out.trim().split("\n").pop() ?? "{}");
  rows.push({
    size,
    ms: r.ms,
    rss: r.maxRssMb,
    articles: r.articles,
    copysets: r.copysets,
    stories: r.stories,
  });
  process.stdout.write(
    `${String(size).padStart(6)} articles: ${(r.ms / 1000).toFixed(2)} s, peak RSS ${r.maxRssMb.toFixed(0)} MB, ` +
      `${r.copysets} after dedupe, ${r.stories} stories\n`,
  );
}
for (let i = 1; i < rows.length; i++) {
  const a = rows[i - 1];
  const b = rows[i];
  if (a && b)
    process.stdout.write(
      `${b.size}/${a.size}: time ×${(b.ms / a.ms).toFixed(2)} for ×${(b.size / a.size).toFixed(0)} articles\n`,
    );
}
if (!values.keep) rmSync(work, { recursive: true, force: true });
else process.stdout.write(`corpora kept in ${work}\n`);
