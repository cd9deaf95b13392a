/**
 * Word shingles and MinHash signatures. Written here because no maintained npm library offers
 * MinHash with LSH banding; the algorithm is short (Broder 1997; Leskovec et al., "Mining of
 * Massive Datasets", ch. 3) and this keeps it dependency-free and deterministic.
 */
import { fnv1a } from "./hash.ts";

/** Hashed word n-grams of a token list, as a sorted array of distinct 32-bit values. */
export function shingleSet(tokens: string[], size: number): Uint32Array {
  const n = Math.max(1, tokens.length - size + 1);
  const out = new Uint32Array(tokens.length === 0 ? 0 : n);
  for (let i = 0; i < out.length; i++) {
    let h = 0x811c9dc5;
    for (let j = i; j < Math.min(i + size, tokens.length); j++) h = fnv1a(` ${tokens[j]}`, h);
    out[i] = h;
  }
  out.sort();
  let w = 0;
  for (let i = 0; i < out.length; i++)
    if (i === 0 || out[i] !== out[i - 1]) out[w++] = out[i] as number;
  return out.subarray(0, w);
}

/** Size of the intersection of two sorted sets. */
export function intersectionSize(a: Uint32Array, b: Uint32Array): number {
  let i = 0;
  let j = 0;
  let n = 0;
  while (i < a.length && j < b.length) {
    const x = a[i] as number;
    const y = b[j] as number;
    if (x === y) {
      n++;
      i++;
      j++;
    } else if (x < y) i++;
    else j++;
  }
  return n;
}

/** Deterministic per-function salts and multipliers (odd, so multiplication is a bijection). */
function makeSeeds(count: number): { salt: Uint32Array; mult: Uint32Array } {
  const salt = new Uint32Array(count);
  const mult = new Uint32Array(count);
  // xorshift32 from a fixed seed: the same signatures on every run and machine.
  let s = 0x2545f491;
  const next = () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return s >>> 0;
  };
  for (let i = 0; i < count; i++) {
    salt[i] = next();
    mult[i] = next() | 1;
  }
  return { salt, mult };
}

const seedCache = new Map<number, { salt: Uint32Array; mult: Uint32Array }>();

/** MinHash signature: for each of `count` hash functions, the minimum over the set. */
export function minhash(set: Uint32Array, count: number): Uint32Array {
  let seeds = seedCache.get(count);
  if (!seeds) {
    seeds = makeSeeds(count);
    seedCache.set(count, seeds);
  }
  const { salt, mult } = seeds;
  const sig = new Uint32Array(count).fill(0xffffffff);
  for (let k = 0; k < set.length; k++) {
    const x = set[k] as number;
    for (let i = 0; i < count; i++) {
      // Multiply-xorshift mixing: a cheap, well-distributed hash per function.
      let h = Math.imul(x ^ (salt[i] as number), mult[i] as number);
      h = (h ^ (h >>> 15)) >>> 0;
      if (h < (sig[i] as number)) sig[i] = h;
    }
  }
  return sig;
}
