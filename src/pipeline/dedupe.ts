/**
 * Dedupe: Article[] → Copyset[]. Exact copies share an id; near-duplicates (re-wrapped,
 * truncated, other boilerplate) are found with MinHash + LSH banding, so only articles that
 * share a band are compared, never all pairs. Candidates are confirmed by exact containment.
 */

import { intersectionSize, minhash, shingleSet } from "./text/shingles.ts";
import { lowerWords } from "./text/tokenize.ts";
import { UnionFind } from "./text/unionfind.ts";
import type { Article, Copyset } from "./types.ts";

/** Word 5-grams: long enough that unrelated articles share almost none. */
const SHINGLE_WORDS = 5;
/**
 * 42 bands of 3 rows: a pair with Jaccard similarity 0.5 (e.g. a copy cut to half) becomes a
 * candidate with probability 1 - (1 - 0.5^3)^42 ≈ 0.996, a pair at 0.1 with ≈ 0.04.
 */
const BANDS = 42;
const ROWS = 3;
/** Share of the smaller copy's shingles found in the other that makes two articles copies. */
const CONTAINMENT = 0.7;
/** Buckets larger than this are compared against their first member only (star, not clique). */
const MAX_BUCKET_PAIRS = 64;

/** Groups copies of the same article; each copyset's primary is its most complete copy. */
export function dedupe(articles: Article[]): Copyset[] {
  const sets = articles.map((a) =>
    shingleSet(lowerWords([a.title, ...a.paragraphs].join(" ")), SHINGLE_WORDS),
  );
  const uf = new UnionFind(articles.length);
  const byId = new Map<string, number>();
  articles.forEach((a, i) => {
    const first = byId.get(a.id);
    if (first === undefined) byId.set(a.id, i);
    else uf.union(first, i);
  });
  // One map per band keyed by a number (a hash of the band's rows): far lighter than strings.
  const bands = Array.from({ length: BANDS }, () => new Map<number, number[]>());
  sets.forEach((set, i) => {
    if (set.length === 0) return;
    const sig = minhash(set, BANDS * ROWS);
    bands.forEach((band, b) => {
      let key = 0x811c9dc5;
      for (let r = b * ROWS; r < b * ROWS + ROWS; r++)
        key = Math.imul(key ^ (sig[r] as number), 0x01000193);
      const bucket = band.get(key);
      if (bucket) bucket.push(i);
      else band.set(key, [i]);
    });
  });
  const buckets = bands.flatMap((band) => [...band.values()].filter((b) => b.length > 1));
  const checked = new Set<number>();
  for (const bucket of buckets) {
    for (let x = 0; x < bucket.length; x++) {
      const ys = bucket.length > MAX_BUCKET_PAIRS ? (x === 0 ? [] : [0]) : range(x);
      for (const y of ys) {
        const i = bucket[y] as number;
        const j = bucket[x] as number;
        const pairKey = i * articles.length + j;
        if (checked.has(pairKey) || uf.find(i) === uf.find(j)) continue;
        checked.add(pairKey);
        if (isCopy(sets[i] as Uint32Array, sets[j] as Uint32Array)) uf.union(i, j);
      }
    }
  }
  return uf.groups().map((group) => {
    const copies = group.map((i) => articles[i] as Article);
    return { primary: mostComplete(copies), copies };
  });
}

function range(n: number): number[] {
  return Array.from({ length: n }, (_, i) => i);
}

function isCopy(a: Uint32Array, b: Uint32Array): boolean {
  const smaller = Math.min(a.length, b.length);
  return smaller > 0 && intersectionSize(a, b) / smaller >= CONTAINMENT;
}

/** The most complete of several articles: the longest body, a title breaking ties. */
export function mostComplete(copies: Article[]): Article {
  const score = (a: Article) => a.paragraphs.join(" ").length + (a.title ? 1 : 0);
  return copies.reduce((best, a) => (score(a) > score(best) ? a : best));
}
