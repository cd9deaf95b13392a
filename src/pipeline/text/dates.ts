/**
 * Finds a publication date in a short date line ("December 15th, 2008, 7:35 am",
 * "Fri., May. 3, 2013", "26 September 2013", "2013-09-26"). Only lines that are mostly a date
 * count, so a date mentioned in a sentence is not taken for the publication date.
 */

const MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
const MONTH = "(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\\.?";
const PATTERNS: RegExp[] = [
  new RegExp(`\\b${MONTH}\\s+(\\d{1,2})(?:st|nd|rd|th)?,?\\s+(\\d{4})\\b`, "i"),
  new RegExp(`\\b(\\d{1,2})(?:st|nd|rd|th)?\\s+${MONTH},?\\s+(\\d{4})\\b`, "i"),
  /\b(\d{4})-(\d{2})-(\d{2})\b/,
];
/** A date line holds few words besides the date (weekday, time, zone, "Posted on"). */
const MAX_DATE_LINE_WORDS = 12;

/** ISO date (YYYY-MM-DD) of the first line that is a date line, or "". */
export function findDateLine(lines: string[]): string {
  for (const line of lines) {
    if (line.split(/\s+/).length > MAX_DATE_LINE_WORDS) continue;
    const iso = parseDate(line);
    if (iso) return iso;
  }
  return "";
}

/** Parses the first date in a text to YYYY-MM-DD, or "". */
export function parseDate(text: string): string {
  const [a, b, c] = PATTERNS;
  let m = a?.exec(text);
  if (m) return iso(Number(m[3]), monthIndex(m[1]), Number(m[2]));
  m = b?.exec(text);
  if (m) return iso(Number(m[3]), monthIndex(m[2]), Number(m[1]));
  m = c?.exec(text);
  if (m) return iso(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  return "";
}

function monthIndex(name: string | undefined): number {
  return MONTHS.indexOf((name ?? "").slice(0, 3).toLowerCase());
}

function iso(year: number, month: number, day: number): string {
  // Plausible news dates only: no month 13, no year 0200.
  if (month < 0 || month > 11 || day < 1 || day > 31 || year < 1900 || year > 2200) return "";
  return `${year}-${String(month + 1).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

/** Days between two ISO dates (absolute), or undefined if either is missing or invalid. */
export function daysBetween(a: string, b: string): number | undefined {
  const ta = Date.parse(a);
  const tb = Date.parse(b);
  if (Number.isNaN(ta) || Number.isNaN(tb)) return undefined;
  const MS_PER_DAY = 86_400_000;
  return Math.abs(ta - tb) / MS_PER_DAY;
}
