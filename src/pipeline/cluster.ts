/**
 * Cluster: Copyset[] → Story[]. Reports of one event by different outlets become one story.
 * TF-IDF vectors with entity boosts; candidate pairs come from blocking on each document's most
 * distinctive terms (an inverted index), never from all pairs; average-link agglomeration on the
 * candidate graph then merges while the mean similarity between two clusters stays high enough.
 */
import { daysBetween } from "./text/dates.ts";
import {
  type Background,
  countTerms,
  dot,
  type PackedVector,
  packCounts,
  tfidf,
  Vocabulary,
} from "./text/vectors.ts";
import type { Copyset, Story } from "./types.ts";

/** Options of the clustering stage (defaults tuned on the development set). */
export interface ClusterOptions {
  /** Mean pairwise cosine two clusters need to merge. */
  threshold: number;
  /** Two articles published further apart than this many days report different events. */
  maxEventDays: number;
  /** General-language word frequencies (see vectors.ts); optional but recommended. */
  background?: Background | undefined;
}

/** Tuned on ../shared/eval/clustering (see README, "Quality"). */
export const DEFAULT_CLUSTER_OPTIONS: ClusterOptions = {
  threshold: 0.1,
  maxEventDays: 30,
};

/** How many of a document's highest-weighted terms are used as blocking keys. */
const BLOCKING_TERMS = 12;
/**
 * A blocking term shared by more documents than this is too common to propose pairs; with 50
 * the dev-set F1 is unchanged and the per-article work stays bounded as the corpus grows.
 */
const MAX_POSTING = 50;
/** Each document keeps at most this many candidate neighbours (20 cost 0.004 F1 on the dev set). */
const MAX_NEIGHBOURS = 30;
/** Title words count this many times as much as body words. */
const TITLE_WEIGHT = 2;

/** Groups copysets into stories; every copyset lands in exactly one story. */
export function cluster(copysets: Copyset[], options = DEFAULT_CLUSTER_OPTIONS): Story[] {
  const vocab = new Vocabulary();
  const counts = new Map<number, number>();
  const packed = copysets.map((c) => {
    counts.clear();
    countTerms(c.primary.title, vocab, counts, TITLE_WEIGHT);
    return packCounts(countTerms(c.primary.paragraphs.join("\n"), vocab, counts));
  });
  const vectors = tfidf(packed, vocab, options.background);
  const dates = copysets.map((c) => c.primary.published);
  const edges = candidateEdges(vectors, vocab).filter(
    ([i, j]) => (daysBetween(dates[i] ?? "", dates[j] ?? "") ?? 0) <= options.maxEventDays,
  );
  return averageLink(copysets.length, edges, options.threshold).map((members) => ({
    copysets: members.map((i) => copysets[i] as Copyset),
  }));
}

/**
 * Cosine similarities of blocked candidate pairs, as [i, j, sim] with i < j. Candidates share a
 * blocking term; they are ranked by the part of the dot product their shared blocking terms
 * give (accumulated from the postings, cheap), and only the best are compared exactly.
 */
export function candidateEdges(
  vectors: PackedVector[],
  vocab: Vocabulary,
): Array<[number, number, number]> {
  const keys = vectors.map((v) => topTerms(v, vocab));
  const postings = new Map<number, number[]>();
  keys.forEach((ks, i) => {
    for (const [t] of ks) {
      const p = postings.get(t);
      if (p) p.push(i);
      else postings.set(t, [i]);
    }
  });
  const weightOf = keys.map((ks) => new Map(ks));
  const edges: Array<[number, number, number]> = [];
  const partial = new Map<number, number>();
  keys.forEach((ks, i) => {
    partial.clear();
    for (const [t, w] of ks) {
      const p = postings.get(t) ?? [];
      if (p.length > MAX_POSTING) continue;
      for (const j of p) {
        if (j > i) partial.set(j, (partial.get(j) ?? 0) + w * (weightOf[j]?.get(t) ?? 0));
      }
    }
    const best = [...partial.entries()].sort((a, b) => b[1] - a[1]).slice(0, MAX_NEIGHBOURS);
    for (const [j] of best) {
      const s = dot(vectors[i] as PackedVector, vectors[j] as PackedVector);
      if (s > 0) edges.push([i, j, s]);
    }
  });
  return edges;
}

/** A vector's highest-weighted single words (phrases are too specific to block on). */
function topTerms(v: PackedVector, vocab: Vocabulary): Array<[number, number]> {
  const terms: Array<[number, number]> = [];
  v.ids.forEach((id, k) => {
    if (!vocab.isPhrase(id)) terms.push([id, v.weights[k] as number]);
  });
  return terms.sort((a, b) => b[1] - a[1]).slice(0, BLOCKING_TERMS);
}

/**
 * Average-link agglomeration on a sparse similarity graph: pairs without an edge count as
 * similarity 0. Merges the pair with the highest mean similarity until none reaches `threshold`.
 */
export function averageLink(
  n: number,
  edges: Array<[number, number, number]>,
  threshold: number,
): number[][] {
  const members = new Map<number, number[]>();
  const links = new Map<number, Map<number, number>>();
  for (let i = 0; i < n; i++) {
    members.set(i, [i]);
    links.set(i, new Map());
  }
  for (const [i, j, s] of edges) {
    links.get(i)?.set(j, s);
    links.get(j)?.set(i, s);
  }
  const heap = new MaxHeap();
  const version = new Int32Array(n);
  const mean = (a: number, b: number, sum: number) =>
    sum / ((members.get(a)?.length ?? 1) * (members.get(b)?.length ?? 1));
  for (const [i, j, s] of edges) if (s >= threshold) heap.push(s, i, j, 0, 0);
  for (let top = heap.pop(); top; top = heap.pop()) {
    const [, a, b, va, vb] = top;
    if (version[a] !== va || version[b] !== vb || !members.has(a) || !members.has(b)) continue;
    const la = links.get(a) as Map<number, number>;
    const lb = links.get(b) as Map<number, number>;
    members.set(a, [...(members.get(a) ?? []), ...(members.get(b) ?? [])]);
    members.delete(b);
    la.delete(b);
    for (const [c, s] of lb) {
      if (c === a) continue;
      const lc = links.get(c) as Map<number, number>;
      const sum = (la.get(c) ?? 0) + s;
      la.set(c, sum);
      lc.set(a, sum);
      lc.delete(b);
    }
    links.delete(b);
    version[a] = (version[a] ?? 0) + 1;
    for (const [c, sum] of la) {
      const m = mean(a, c, sum);
      if (m >= threshold) heap.push(m, a, c, version[a] ?? 0, version[c] ?? 0);
    }
  }
  return [...members.values()]
    .map((m) => m.sort((x, y) => x - y))
    .sort((x, y) => (x[0] ?? 0) - (y[0] ?? 0));
}

type Entry = [priority: number, a: number, b: number, va: number, vb: number];

/** A binary max-heap of merge candidates. */
class MaxHeap {
  private readonly items: Entry[] = [];

  push(...e: Entry): void {
    const items = this.items;
    items.push(e);
    for (let i = items.length - 1; i > 0; ) {
      const p = (i - 1) >> 1;
      if ((items[p] as Entry)[0] >= e[0]) break;
      [items[i], items[p]] = [items[p] as Entry, e];
      i = p;
    }
  }

  pop(): Entry | undefined {
    const items = this.items;
    const top = items[0];
    const last = items.pop();
    if (items.length > 0 && last) {
      items[0] = last;
      for (let i = 0; ; ) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < items.length && (items[l] as Entry)[0] > (items[m] as Entry)[0]) m = l;
        if (r < items.length && (items[r] as Entry)[0] > (items[m] as Entry)[0]) m = r;
        if (m === i) break;
        [items[i], items[m]] = [items[m] as Entry, items[i] as Entry];
        i = m;
      }
    }
    return top;
  }
}
