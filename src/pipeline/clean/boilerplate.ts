/**
 * Boilerplate detection on paragraphs. Rules from config (phrases and patterns) are combined
 * with statistical signals that work on pages never seen before:
 * - prose vs. non-prose: length and sentence punctuation (menus, share bars and tag lists are
 *   short lines without sentence punctuation);
 * - appeal language: first/second person ("we", "your") with support/subscribe vocabulary, and
 *   the block that follows an appeal's opening line;
 * - position: the article is the densest run of prose; what lies outside it is dropped.
 * Recurrence across one outlet's articles is handled after deduplication (recurring.ts).
 */
import { countWords, lowerWords } from "../text/tokenize.ts";
import type { BoilerplateRules } from "./rules.ts";

/** One paragraph with the signals the cleaner decides on. */
export interface Block {
  text: string;
  words: number;
  /** Looks like running text: long enough and punctuated like sentences. */
  prose: boolean;
  boilerplate: boolean;
  /** Starts what follows an article (comments, recommendations). */
  articleEnd: boolean;
}

/** Rule patterns are only tried on paragraphs up to this length: boilerplate lines are short. */
const MAX_RULE_CHARS = 400;
/** A paragraph of at least this many words is prose even without a final period. */
const LONG_PROSE_WORDS = 25;
/** A paragraph shorter than this is prose only if it ends like a sentence. */
const MIN_PROSE_WORDS = 8;
/** Share of "we/our/you/your" words (outside quotes) that marks appeal language. */
const APPEAL_PRONOUN_SHARE = 0.04;
/** A stand-alone paragraph is an appeal at this pronoun share plus an appeal word. */
const STANDALONE_APPEAL_SHARE = 0.06;
/**
 * Region scoring: the n-th non-prose line of a run costs n times this, so a heading inside an
 * article costs little while a long menu or link list splits regions apart.
 */
const NON_PROSE_COST = 3;
/** The run factor stops growing here (tuned on the dev set: 2 to 3 is a plateau). */
const MAX_RUN_FACTOR = 2;
/** Prose words an article must have before an end marker (comments …) may close it. */
const MIN_WORDS_BEFORE_END = 50;
/** Region scoring: a boilerplate line inside an article costs little (it is removed anyway). */
const BOILERPLATE_COST = 1;

const PRONOUNS = new Set(["we", "our", "ours", "us", "you", "your", "yours", "we're", "you're"]);
const SENTENCE_END = /[.!?…]["'”’»)\]]*$/;
const QUOTED = /["“][^"”]*["”]/g;

/** Classifies paragraphs: rule matches, captions, appeals and appeal blocks are boilerplate. */
export function classify(paragraphs: string[], rules: BoilerplateRules): Block[] {
  const blocks: Block[] = [];
  let inAppeal = false;
  for (const text of paragraphs) {
    const words = countWords(text);
    const prose =
      words >= LONG_PROSE_WORDS || (words >= MIN_PROSE_WORDS && SENTENCE_END.test(text));
    const short = text.length <= MAX_RULE_CHARS;
    const ruled = short && (rules.line.test(text) || rules.caption.test(text));
    const appeal = appealSignal(text, rules);
    if (short && rules.appealStart.test(text)) inAppeal = true;
    else if (inAppeal && !appeal.any && !ruled) inAppeal = false;
    const boilerplate = ruled || inAppeal || appeal.strong;
    const articleEnd = short && rules.articleEnd.test(text);
    blocks.push({ text, words, prose, boilerplate: boilerplate || articleEnd, articleEnd });
  }
  return blocks;
}

function appealSignal(text: string, rules: BoilerplateRules): { any: boolean; strong: boolean } {
  const tokens = lowerWords(text.replace(QUOTED, " "));
  if (tokens.length === 0) return { any: false, strong: false };
  let pronouns = 0;
  let appealWords = 0;
  for (const t of tokens) {
    if (PRONOUNS.has(t)) pronouns++;
    if (rules.appealWords.has(t)) appealWords++;
  }
  const share = pronouns / tokens.length;
  return {
    any: share >= APPEAL_PRONOUN_SHARE || appealWords > 0,
    strong: share >= STANDALONE_APPEAL_SHARE && appealWords > 0,
  };
}

/**
 * The main region: the contiguous run of blocks with the highest score (maximum-sum segment),
 * where prose scores its word count and everything else a small cost. Returns [start, end).
 */
export function mainRegion(blocks: Block[]): [number, number] {
  let best = 0;
  let bestStart = 0;
  let bestEnd = 0;
  let sum = 0;
  let start = 0;
  let run = 0;
  let proseSoFar = 0;
  let closed = false;
  blocks.forEach((b, i) => {
    if (closed) return;
    if (b.articleEnd && proseSoFar >= MIN_WORDS_BEFORE_END && sum > 0) {
      closed = true;
      return;
    }
    run = b.prose ? 0 : Math.min(run + 1, MAX_RUN_FACTOR);
    const value = b.boilerplate
      ? -BOILERPLATE_COST * run
      : b.prose
        ? b.words
        : -NON_PROSE_COST * run;
    if (b.prose) proseSoFar += b.words;
    if (sum <= 0) {
      sum = 0;
      start = i;
    }
    sum += value;
    if (sum > best) {
      best = sum;
      bestStart = start;
      bestEnd = i + 1;
    }
  });
  return [bestStart, bestEnd];
}

/** True for a line that can be a headline: a few words, capitalized, not a sentence. */
export function isTitleLike(block: Block): boolean {
  // Headlines run from 3 to about 20 words; longer unpunctuated lines are leads.
  const HEADLINE_MIN_WORDS = 3;
  const HEADLINE_MAX_WORDS = 20;
  return (
    !block.boilerplate &&
    block.words >= HEADLINE_MIN_WORDS &&
    block.words <= HEADLINE_MAX_WORDS &&
    /^["'“‘]?[\p{Lu}\p{N}]/u.test(block.text) &&
    !/[.:;,]$/.test(block.text)
  );
}
