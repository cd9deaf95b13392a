/**
 * Sentence splitting for news prose. A period ends a sentence unless it belongs to an
 * abbreviation ("Mr.", "Gen."), an initial ("J. Smith"), a decimal ("3.5") or a dotted acronym
 * ("U.S.", "a.m.") that is followed by something other than a typical sentence opener.
 */

const TITLES = new Set(
  (
    "mr mrs ms dr prof sr jr st mt ft gen col lt sgt capt cmdr adm maj gov sen rep rev pres " +
    "supt det insp hon messrs mme mlle sra sr"
  ).split(" "),
);
const ABBREVIATIONS = new Set(
  (
    "inc corp co ltd llc plc bros dept univ assn est approx vs etc al fig figs no nos vol vols " +
    "pp op jan feb mar apr jun jul aug sep sept oct nov dec mon tue tues wed thu thur thurs fri " +
    "sat sun ave blvd rd hwy ca cf eg ie viz"
  ).split(" "),
);
/** Capitalized words that usually open a sentence, so a dotted acronym before them ends one. */
const OPENERS = new Set(
  (
    "the a an it he she they we i but and in on at this that these those there his her their its " +
    "our after before when while if as however meanwhile also yet so for with by from one two " +
    "police officials authorities"
  ).split(" "),
);

const CANDIDATE = /([.!?…]+)(["'”’»)\]]*)(\s+)(?=["'“‘«([]?[\p{Lu}\p{N}])/gu;

/** Splits prose into sentences; whitespace inside sentences is kept as is, ends are trimmed. */
export function splitSentences(text: string): string[] {
  const out: string[] = [];
  let start = 0;
  CANDIDATE.lastIndex = 0;
  for (let m = CANDIDATE.exec(text); m !== null; m = CANDIDATE.exec(text)) {
    const punct = m[1] ?? "";
    const end = m.index + punct.length + (m[2]?.length ?? 0);
    if (punct === "." && !(m[2] ?? "") && !endsSentence(text, m.index, end + (m[3]?.length ?? 0))) {
      continue;
    }
    const s = text.slice(start, end).trim();
    if (s) out.push(s);
    start = end;
  }
  const tail = text.slice(start).trim();
  if (tail) out.push(tail);
  return out;
}

function endsSentence(text: string, dot: number, next: number): boolean {
  const before = /([\p{L}\p{N}.]+)$/u.exec(text.slice(Math.max(0, dot - 24), dot))?.[1] ?? "";
  const lower = before.toLowerCase();
  if (TITLES.has(lower)) return false;
  if (ABBREVIATIONS.has(lower) && !/^\p{Lu}\p{Ll}+\b/u.test(followingWord(text, next))) {
    return false;
  }
  // A single letter before the period is an initial ("John F. Kennedy").
  if (/^\p{L}$/u.test(before)) return false;
  // Dotted acronyms ("U.S.", "a.m."): a boundary only when a typical sentence opener follows.
  if (before.includes(".")) return OPENERS.has(followingWord(text, next).toLowerCase());
  return true;
}

function followingWord(text: string, from: number): string {
  return /^["'“‘«([]?([\p{L}\p{N}]+)/u.exec(text.slice(from, from + 40))?.[1] ?? "";
}
