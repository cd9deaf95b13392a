/**
 * Repairs text whose lines were hard-wrapped (PDF copies, e-mail, fixed-width dumps): joins the
 * lines of a paragraph, undoes end-of-line hyphenation and rejoins a title split over two lines.
 * Text that is not wrapped (one paragraph per line) passes through with one paragraph per line.
 */

/** Lines ending like this end a sentence or a quotation, so they are never joined blindly. */
const SENTENCE_END = /[.!?…:;]["'”’»)\]]*$/;
/** Wrapped text has lines no longer than this; paragraph-per-line text has longer ones. */
const MAX_WRAP_WIDTH = 130;
/** A wrapped line fills at least this share of the wrap width unless it ends a paragraph. */
const FULL_LINE_SHARE = 0.6;
/** Percentile of line lengths taken as the wrap width (robust to a few long lines). */
const WRAP_PERCENTILE = 0.9;
/** Fewer lines than this give no reliable wrap width. */
const MIN_LINES_FOR_WRAP = 4;

/** Splits text into paragraphs, joining hard-wrapped lines where the text is wrapped. */
export function reflow(text: string): string[] {
  const lines = text.split("\n").map((l) => l.replace(/[ \t\u00a0]+/g, " ").trim());
  const width = wrapWidth(lines);
  const paragraphs: string[] = [];
  let current = "";
  let prevFull = false;
  for (const line of lines) {
    if (!line) {
      if (current) paragraphs.push(current);
      current = "";
      prevFull = false;
      continue;
    }
    if (current && width > 0 && shouldJoin(current, line, prevFull)) {
      current = joinLines(current, line);
    } else {
      if (current) paragraphs.push(current);
      current = line;
    }
    prevFull = width > 0 && line.length >= width * FULL_LINE_SHARE;
  }
  if (current) paragraphs.push(current);
  return rejoinTitle(paragraphs, width);
}

function wrapWidth(lines: string[]): number {
  const lengths = lines.filter((l) => l.length > 0).map((l) => l.length);
  if (lengths.length < MIN_LINES_FOR_WRAP) return 0;
  lengths.sort((a, b) => a - b);
  const p = lengths[Math.floor((lengths.length - 1) * WRAP_PERCENTILE)] ?? 0;
  if (p > MAX_WRAP_WIDTH) return 0;
  // Wrapped text has most lines near the width; a list of short items does not.
  const near = lengths.filter((l) => l >= p * FULL_LINE_SHARE).length;
  return near >= lengths.length / 2 ? p : 0;
}

function shouldJoin(current: string, next: string, prevFull: boolean): boolean {
  if (/^[•\-*–—]\s/.test(next) || /^\d+[.)]\s/.test(next)) return false;
  if (/-$/.test(current)) return true;
  if (/^[\p{Ll}(“"'‘]/u.test(next) && !SENTENCE_END.test(current)) return true;
  return prevFull && !SENTENCE_END.test(current);
}

function joinLines(current: string, next: string): string {
  // "opera-" + "tion" is one word; "State-" + "Khorasan" keeps its hyphen.
  if (/\p{Ll}-$/u.test(current) && /^\p{Ll}/u.test(next)) return current.slice(0, -1) + next;
  if (/-$/.test(current)) return current + next;
  return `${current} ${next}`;
}

/**
 * "2 Kazakhs Killed in Russian Anti-Terror" + "Operation": a first line without sentence
 * punctuation followed by a very short capitalized line is one title broken by the wrap.
 */
function rejoinTitle(paragraphs: string[], width: number): string[] {
  const [first, second] = paragraphs;
  if (width === 0 || first === undefined || second === undefined) return paragraphs;
  const words = second.split(" ").length;
  // A title's last line rarely holds more than four words when it was wrapped away.
  const short = words <= 4 && second.length < width / 2;
  if (short && !SENTENCE_END.test(first) && !SENTENCE_END.test(second) && /^\p{Lu}/u.test(second)) {
    return [joinLines(first, second), ...paragraphs.slice(2)];
  }
  return paragraphs;
}
