/**
 * Small, fast, dependency-free hashes. FNV-1a is used for shingles and ids because it is
 * deterministic across runs and platforms, which a stable article id needs.
 */

/** FNV-1a offset basis and prime for 32-bit hashing (from the FNV specification). */
const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/** 32-bit FNV-1a hash of a string's UTF-16 code units. */
export function fnv1a(text: string, seed = FNV_OFFSET): number {
  let h = seed >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, FNV_PRIME);
  }
  return h >>> 0;
}

/**
 * A 64-bit hex digest built from two independently seeded 32-bit FNV-1a hashes: wide enough
 * that two different articles collide with negligible probability, short enough for a file name.
 */
export function hash64(text: string): string {
  // The second seed is an arbitrary odd constant that decorrelates the two halves.
  const a = fnv1a(text);
  const b = fnv1a(text, 0x9e3779b1);
  return a.toString(16).padStart(8, "0") + b.toString(16).padStart(8, "0");
}
