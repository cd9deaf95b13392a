/**
 * Word tokenization shared by dedupe, cluster and summarize, so that every stage agrees on what
 * a word is. Unicode-aware: letters and digits of any script.
 */

const WORD = /[\p{L}\p{N}]+(?:['’][\p{L}]+)*/gu;

/** Words as they appear in the text (case kept). */
export function words(text: string): string[] {
  return text.match(WORD) ?? [];
}

/** Lower-cased words with apostrophes normalized. */
export function lowerWords(text: string): string[] {
  return words(text.toLowerCase().replace(/’/g, "'"));
}

/** Number of words in a text. */
export function countWords(text: string): number {
  let n = 0;
  WORD.lastIndex = 0;
  while (WORD.exec(text) !== null) n++;
  return n;
}

/**
 * English function words. They carry no topic, so clustering ignores them and the summarizer
 * does not count them as content.
 */
export const STOPWORDS: ReadonlySet<string> = new Set(
  (
    "a about above after again against all also am an and any are as at be because been before " +
    "being below between both but by can could did do does doing down during each few for from " +
    "further had has have having he her here hers herself him himself his how i if in into is it " +
    "its itself just me more most my myself no nor not now of off on once only or other our ours " +
    "ourselves out over own same she should so some such than that the their theirs them " +
    "themselves then there these they this those through to too under until up very was we were " +
    "what when where which while who whom why will with would you your yours yourself " +
    "yourselves said says say told according one two new last year years first since after like " +
    "it's he's she's they're we're i'm don't didn't won't can't isn't wasn't mr mrs ms dr"
  ).split(" "),
);
