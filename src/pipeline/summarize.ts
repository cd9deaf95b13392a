/**
 * Summarize: Story → headline + one or two extractive sentences (≤ 60 words). The lead of a
 * news article is its best summary, so sentences are chosen from the top of the story's most
 * central article, skipping captions, datelines, bylines and fragments.
 */
import type { BoilerplateRules } from "./clean/rules.ts";
import { mostComplete } from "./dedupe.ts";
import { splitSentences } from "./text/sentences.ts";
import { countWords, lowerWords, STOPWORDS } from "./text/tokenize.ts";
import type { Article, Story, Summary } from "./types.ts";

/** Hard cap on summary length from the product spec. */
export const MAX_SUMMARY_WORDS = 60;
/** Preferred length: editors' highlights run about 50 words. */
const TARGET_WORDS = 55;
/**
 * Only the first sentences are candidates: the lead carries the news. Eight was best on the
 * dev set (six: ROUGE-1 −2 points; ten: −0.2).
 */
const CANDIDATE_SENTENCES = 8;
/** Score factor of an opening sentence that starts with a pronoun or connective. */
const DANGLING_PENALTY = 0.2;
const DANGLING_START =
  /^(He|She|It|They|This|These|That|Those|But|And|Or|So|Yet|Also|Still|Then|Because|However|His|Her|Their|Its|Meanwhile)\b/;
/** Later sentences score a little less (1 / (1 + i × this)): the lead usually states the news. */
const POSITION_DECAY = 0.05;
/** Shorter sentences are fragments ("Read on.", "He refused.") that do not stand alone. */
const MIN_SENTENCE_WORDS = 6;
/** A generated headline keeps at most this many words of the lead. */
const MAX_HEADLINE_WORDS = 14;

const DATELINE_PREFIX =
  /^(?:[\p{Lu}][\p{L}.'’ -]{1,40}(?:,\s*[\p{L}.' ]{2,30})?\s*)?(?:\((?:CNN|AP|Reuters|AFP|UPI)\)\s*)?(?:--|—|–)\s+/u;
const UPPER_DATELINE = /^[\p{Lu}][\p{Lu} .,'’-]{1,40}(?:\([\p{L} .]+\))?\s*(?:--|—|–|-|:)\s+/u;

/** Summarizes one story. */
export function summarize(story: Story, rules: BoilerplateRules): Summary {
  const articles = story.copysets.flatMap((c) => c.copies);
  const central = centralArticle(story);
  const summary = summarizeArticle(
    central,
    rules,
    story.copysets.map((c) => c.primary),
  );
  return { headline: pickHeadline(articles, central, summary), summary };
}

/**
 * One article's summary: the one or two sentences from the top of the article that cover the
 * story's most repeated content words, within the word budget, in article order.
 */
export function summarizeArticle(
  article: Article,
  rules: BoilerplateRules,
  story: Article[] = [article],
): string {
  const candidates = leadSentences(article, rules);
  if (candidates.length === 0)
    return truncateWords(article.paragraphs.join(" "), MAX_SUMMARY_WORDS);
  const freq = new Map<string, number>();
  // Words the story's reports repeat (across outlets when there are several) are its core.
  for (const a of story) {
    for (const w of lowerWords(a.paragraphs.join(" "))) {
      if (w.length > 2 && !STOPWORDS.has(w)) freq.set(w, (freq.get(w) ?? 0) + 1);
    }
  }
  const words = candidates.map(countWords);
  const score = candidates.map((s, i) => {
    let total = 0;
    for (const w of new Set(lowerWords(s))) {
      const f = freq.get(w) ?? 0;
      if (f > 1) total += Math.log(f);
    }
    total /= 1 + POSITION_DECAY * i;
    // A summary should not open on a pronoun or a connective whose referent it lacks.
    return DANGLING_START.test(s) ? [total * DANGLING_PENALTY, total] : [total, total];
  });
  let best: number[] = [];
  let bestScore = -1;
  for (let i = 0; i < candidates.length; i++) {
    if ((words[i] ?? 0) > MAX_SUMMARY_WORDS) continue;
    const asFirst = score[i]?.[0] ?? 0;
    if (asFirst > bestScore) [best, bestScore] = [[i], asFirst];
    for (let j = i + 1; j < candidates.length; j++) {
      if ((words[i] ?? 0) + (words[j] ?? 0) > TARGET_WORDS) continue;
      const pair = asFirst + (score[j]?.[1] ?? 0);
      if (pair > bestScore) [best, bestScore] = [[i, j], pair];
    }
  }
  if (best.length === 0) return truncateWords(candidates[0] as string, MAX_SUMMARY_WORDS);
  return best.map((i) => candidates[i]).join(" ");
}

function leadSentences(article: Article, rules: BoilerplateRules): string[] {
  const out: string[] = [];
  for (const p of article.paragraphs) {
    for (const raw of splitSentences(p)) {
      const s = raw.replace(DATELINE_PREFIX, "").replace(UPPER_DATELINE, "").trim();
      if (!usable(s, rules)) continue;
      out.push(s);
      if (out.length >= CANDIDATE_SENTENCES) return out;
    }
  }
  return out;
}

function usable(sentence: string, rules: BoilerplateRules): boolean {
  if (countWords(sentence) < MIN_SENTENCE_WORDS) return false;
  if (rules.caption.test(sentence) || rules.line.test(sentence)) return false;
  // A sentence must end like one (a cut-off teaser or a heading does not).
  return /[.!?]["'”’)]*$/.test(sentence);
}

/** The article whose words overlap most with the rest of the story (the most typical report). */
function centralArticle(story: Story): Article {
  const primaries = story.copysets.map((c) => c.primary);
  if (primaries.length <= 2) return mostComplete(primaries);
  const bags = primaries.map((a) => contentWords(a.paragraphs.join(" ")));
  const df = new Map<string, number>();
  for (const b of bags) for (const w of b) df.set(w, (df.get(w) ?? 0) + 1);
  let best = 0;
  let bestScore = -1;
  bags.forEach((b, i) => {
    let score = 0;
    for (const w of b) score += (df.get(w) ?? 1) - 1;
    score /= Math.sqrt(b.size || 1);
    if (score > bestScore) [best, bestScore] = [i, score];
  });
  return primaries[best] as Article;
}

function contentWords(text: string): Set<string> {
  return new Set(lowerWords(text).filter((w) => w.length > 2 && !STOPWORDS.has(w)));
}

/**
 * The best headline among the story's titles: the one sharing most words with the summary
 * (it names the same event), ties going to the central article's; otherwise one from the lead.
 */
function pickHeadline(articles: Article[], central: Article, summary: string): string {
  const summaryWords = contentWords(summary);
  let best = "";
  let bestScore = -1;
  for (const a of articles) {
    if (!a.title) continue;
    const words = contentWords(a.title);
    let overlap = 0;
    for (const w of words) if (summaryWords.has(w)) overlap++;
    const score = overlap + (a === central ? 0.5 : 0);
    if (score > bestScore) [best, bestScore] = [a.title, score];
  }
  return best || headlineFromLead(summary);
}

function headlineFromLead(summary: string): string {
  const first = splitSentences(summary)[0] ?? summary;
  const clause = first.split(/,\s|\s(?:that|which|who)\s/)[0] ?? first;
  const text = countWords(clause) >= 4 ? clause : first;
  return truncateWords(text.replace(/[.!?]+$/, ""), MAX_HEADLINE_WORDS);
}

/** Cuts a text to `max` words, ending with an ellipsis when it was cut. */
export function truncateWords(text: string, max: number): string {
  const parts = text.trim().split(/\s+/);
  if (parts.length <= max) return text.trim();
  return `${parts
    .slice(0, max)
    .join(" ")
    .replace(/[,;:]$/, "")}…`;
}
