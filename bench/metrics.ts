/**
 * The evaluation metrics of ../shared/eval/README.md, re-implemented so `npm run eval` needs no
 * Python: shingle F1 for extraction, B-cubed for clustering, ROUGE-1/2/L for summaries. They
 * follow the reference scorers line by line; eval.ts can also write files for those scorers.
 */

/** Python's Unicode `\w+` (letters, digits, underscore in any script). */
const EXTRACTION_TOKEN = /[\p{L}\p{N}_]+/gu;

function shingles(text: string, n = 4): Map<string, number> {
  const t = text.match(EXTRACTION_TOKEN) ?? [];
  const out = new Map<string, number>();
  for (let i = 0; i < Math.max(1, t.length - n + 1); i++) {
    const s = t.slice(i, i + n);
    if (s.length === 0) continue;
    const k = s.join("\u0001");
    out.set(k, (out.get(k) ?? 0) + 1);
  }
  return out;
}

/** Per-page shingle precision/recall averaged over pages; F1 of the averages. */
export function extractionScore(
  truth: Record<string, string>,
  predicted: Record<string, string>,
): { f1: number; precision: number; recall: number; n: number } {
  const ps: number[] = [];
  const rs: number[] = [];
  for (const [id, gold] of Object.entries(truth)) {
    const a = shingles(gold);
    const b = shingles(predicted[id] ?? "");
    let tp = 0;
    let fp = 0;
    let fn = 0;
    for (const k of new Set([...a.keys(), ...b.keys()])) {
      const x = a.get(k) ?? 0;
      const y = b.get(k) ?? 0;
      tp += Math.min(x, y);
      fp += Math.max(0, y - x);
      fn += Math.max(0, x - y);
    }
    const s = tp + fp + fn;
    const [t, f, n] = s ? [tp / s, fp / s, fn / s] : [0, 0, 0];
    if (t + f > 0) ps.push(f === 0 && n === 0 ? 1 : t / (t + f));
    if (t + n > 0) rs.push(f === 0 && n === 0 ? 1 : t / (t + n));
  }
  const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0);
  const precision = mean(ps);
  const recall = mean(rs);
  const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
  return { f1, precision, recall, n: Object.keys(truth).length };
}

/** B-cubed precision, recall and F1 of predicted clusters against gold labels. */
export function bcubed(
  gold: Record<string, string>,
  clusters: string[][],
): { f1: number; precision: number; recall: number } {
  const predOf = new Map<string, number>();
  clusters.forEach((c, i) => {
    for (const name of c) predOf.set(name, i);
  });
  let next = clusters.length;
  for (const name of Object.keys(gold)) if (!predOf.has(name)) predOf.set(name, next++);
  const goldMembers = new Map<string, string[]>();
  const predMembers = new Map<number, string[]>();
  for (const name of Object.keys(gold)) {
    const g = gold[name] as string;
    const p = predOf.get(name) as number;
    goldMembers.set(g, [...(goldMembers.get(g) ?? []), name]);
    predMembers.set(p, [...(predMembers.get(p) ?? []), name]);
  }
  let p = 0;
  let r = 0;
  const names = Object.keys(gold);
  for (const name of names) {
    const g = gold[name] as string;
    const inPred = predMembers.get(predOf.get(name) as number) ?? [];
    const inGold = goldMembers.get(g) ?? [];
    const both = inPred.filter((x) => gold[x] === g).length;
    p += both / inPred.length;
    r += both / inGold.length;
  }
  const precision = p / names.length;
  const recall = r / names.length;
  const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
  return { f1, precision, recall };
}

const ROUGE_TOKEN = /[a-z0-9]+/g;
const toks = (s: string) => s.toLowerCase().match(ROUGE_TOKEN) ?? [];

function fscore(overlap: number, a: number, b: number): number {
  if (!a || !b || !overlap) return 0;
  const p = overlap / a;
  const r = overlap / b;
  return (2 * p * r) / (p + r);
}

function ngrams(t: string[], n: number): Map<string, number> {
  const m = new Map<string, number>();
  for (let i = 0; i + n <= t.length; i++) {
    const k = t.slice(i, i + n).join(" ");
    m.set(k, (m.get(k) ?? 0) + 1);
  }
  return m;
}

function rougeN(ref: string[], hyp: string[], n: number): number {
  const rc = ngrams(ref, n);
  const hc = ngrams(hyp, n);
  let overlap = 0;
  let hs = 0;
  let rs = 0;
  for (const [k, v] of hc) {
    overlap += Math.min(v, rc.get(k) ?? 0);
    hs += v;
  }
  for (const v of rc.values()) rs += v;
  return fscore(overlap, hs, rs);
}

function lcs(a: string[], b: string[]): number {
  let prev = new Array<number>(b.length + 1).fill(0);
  for (const x of a) {
    const cur = [0];
    for (let j = 0; j < b.length; j++) {
      cur.push(x === b[j] ? (prev[j] ?? 0) + 1 : Math.max(prev[j + 1] ?? 0, cur[j] ?? 0));
    }
    prev = cur;
  }
  return prev[b.length] ?? 0;
}

/** Mean ROUGE-1/2/L F1 (×100) and mean prediction length in words. */
export function rouge(
  refs: Record<string, string>,
  preds: Record<string, string>,
): { r1: number; r2: number; rl: number; n: number; meanWords: number } {
  let r1 = 0;
  let r2 = 0;
  let rl = 0;
  let words = 0;
  const names = Object.keys(refs);
  for (const name of names) {
    const ref = toks(refs[name] ?? "");
    const hyp = toks(preds[name] ?? "");
    r1 += rougeN(ref, hyp, 1);
    r2 += rougeN(ref, hyp, 2);
    rl += fscore(lcs(ref, hyp), hyp.length, ref.length);
    words += hyp.length;
  }
  const n = names.length || 1;
  return {
    r1: (100 * r1) / n,
    r2: (100 * r2) / n,
    rl: (100 * rl) / n,
    n: names.length,
    meanWords: words / n,
  };
}
