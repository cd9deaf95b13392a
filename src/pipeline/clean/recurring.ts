/**
 * Recurring lines: a paragraph that one outlet prints under several different articles (a
 * donation appeal, a newsletter box, an author bio) is that outlet's boilerplate, whatever its
 * wording. Runs after deduplication, so copies of one article do not count as recurrence.
 */
import type { Copyset } from "../types.ts";

/** A paragraph under this many different articles of one outlet is boilerplate. */
const MIN_ARTICLES = 2;

const normalize = (p: string) => p.toLowerCase().replace(/\s+/g, " ").trim();

/** Removes recurring paragraphs from every copy, in place; returns how many were removed. */
export function stripRecurring(copysets: Copyset[]): number {
  const counts = new Map<string, number>();
  for (const c of copysets) {
    const outlet = c.primary.outlet.toLowerCase();
    if (!outlet) continue;
    const keys = new Set(
      c.copies.flatMap((a) => a.paragraphs.map((p) => `${outlet}\u0000${normalize(p)}`)),
    );
    for (const k of keys) counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  let removed = 0;
  for (const c of copysets) {
    const outlet = c.primary.outlet.toLowerCase();
    if (!outlet) continue;
    for (const a of c.copies) {
      const kept = a.paragraphs.filter(
        (p) => (counts.get(`${outlet}\u0000${normalize(p)}`) ?? 0) < MIN_ARTICLES,
      );
      // Never empty an article: if everything recurs, the recurrence says nothing.
      if (kept.length > 0 && kept.length < a.paragraphs.length) {
        removed += a.paragraphs.length - kept.length;
        a.paragraphs = kept;
      }
    }
  }
  return removed;
}
