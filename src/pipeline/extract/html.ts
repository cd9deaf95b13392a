/**
 * HTML extraction: a page's main text and metadata from its DOM (htmlparser2, a fast
 * streaming parser), not by stripping tags. Metadata comes from meta tags and JSON-LD, then the
 * content. The main text is found the way Readability does, on a cheaper tree: obvious chrome
 * (scripts, navigation, asides, figures, share bars, comment and newsletter boxes) is dropped,
 * every prose paragraph scores its ancestors, and the best-scoring container, with the siblings
 * that score well too, is the article. Its blocks then go through the same cleaning as text.
 */
import type { ChildNode, Element } from "domhandler";
import { parseDocument } from "htmlparser2";
import type { ArticleMeta } from "../types.ts";
import { attr, readMeta } from "./meta.ts";

/** What a page yields: metadata and the article's text blocks in order. */
export interface ExtractedPage {
  meta: ArticleMeta;
  blocks: string[];
}

/** Elements that never hold article text. */
const DROP_TAGS = new Set([
  "script",
  "style",
  "noscript",
  "iframe",
  "svg",
  "canvas",
  "button",
  "input",
  "select",
  "textarea",
  "nav",
  "footer",
  "aside",
  "figure",
  "figcaption",
  "template",
  "object",
  "embed",
  "video",
  "audio",
  "picture",
  "img",
  "head",
  "menu",
  "dialog",
]);
/** Elements that start a new block of text. */
const BLOCK_TAGS = new Set([
  "p",
  "div",
  "section",
  "article",
  "main",
  "h1",
  "h2",
  "h3",
  "h4",
  "h5",
  "h6",
  "li",
  "ul",
  "ol",
  "blockquote",
  "pre",
  "table",
  "tr",
  "dd",
  "dt",
  "dl",
  "header",
  "br",
  "hr",
  "center",
  "address",
]);
/** class/id words of page chrome. */
const UNLIKELY =
  /comment|share|sharing|social|related|recommend|newsletter|subscri|signup|sign-up|promo|advert|sponsor|cookie|consent|popup|modal|breadcrumb|sidebar|footer|masthead|menu|navbar|caption|credit|byline|author-bio|tags\b|topics|toolbar|widget|outbrain|taboola|paywall|disclaimer|print-only|sr-only|visually-hidden|rating|read-more|more-stories|trending|most-popular|jump-link/i;
/** class/id words of content (and embedded posts quoted by the article), which protect an element from UNLIKELY. */
const LIKELY = /article|body|content|entry|main|post|story|text|prose|embed|tweet/i;
/** A paragraph needs this much text (not in links) to count as prose when scoring. */
const MIN_PROSE_CHARS = 25;
/** Blocks with more of their text in links than this are navigation, not article. */
const MAX_LINK_DENSITY = 0.5;
/** Siblings of the best container scoring this share of it belong to the article too. */
const SIBLING_SHARE = 0.2;
/** How many ancestors up a paragraph's score is shared (divided by 1, 2, 3 …). */
const SCORE_LEVELS = 3;
/**
 * With fewer characters of article than this, the class/id filter probably removed a wrapper
 * ("has-sidebar", "widget Blog"): extraction runs again without it, as Readability does.
 */
const MIN_ARTICLE_CHARS = 500;
/** A container scoring this share of the best one is another part of the same article. */
const RIVAL_SHARE = 0.75;

interface Block {
  text: string;
  linkChars: number;
  container: Element | null;
  heading: boolean;
}

/** Extracts metadata and the main text blocks from an HTML page. */
export function extractHtml(html: string): ExtractedPage {
  const doc = parseDocument(html, {
    decodeEntities: true,
    lowerCaseTags: true,
    lowerCaseAttributeNames: true,
  });
  const meta = readMeta(doc.children);
  let texts = mainText(doc.children, true);
  if (texts.reduce((n, t) => n + t.length, 0) < MIN_ARTICLE_CHARS)
    texts = mainText(doc.children, false);
  return { meta, blocks: texts };
}

function mainText(nodes: ChildNode[], strict: boolean): string[] {
  const blocks: Block[] = [];
  collect(
    nodes,
    blocks,
    { text: "", linkChars: 0, container: null, heading: false },
    false,
    strict,
  );
  return chooseArticle(blocks)
    .filter((b) => b.text && b.linkChars / b.text.length <= MAX_LINK_DENSITY)
    .map((b) => b.text);
}

function isHidden(el: Element): boolean {
  return (
    "hidden" in el.attribs ||
    attr(el, "aria-hidden") === "true" ||
    /display\s*:\s*none|visibility\s*:\s*hidden/i.test(attr(el, "style"))
  );
}

function isUnlikely(el: Element): boolean {
  if (el.name === "body" || el.name === "article" || el.name === "main") return false;
  const names = `${attr(el, "class")} ${attr(el, "id")} ${attr(el, "role")}`;
  if (/\b(navigation|banner|complementary|contentinfo|dialog)\b/.test(attr(el, "role")))
    return true;
  return UNLIKELY.test(names) && !LIKELY.test(names);
}

/** Walks the tree, appending text to the current block and starting new blocks at block tags. */
function collect(
  nodes: ChildNode[],
  out: Block[],
  current: Block,
  inLink: boolean,
  strict: boolean,
): Block {
  let block = current;
  for (const node of nodes) {
    if (node.type === "text") {
      const text = node.data.replace(/\s+/g, " ");
      if (text.trim()) {
        block.text += text;
        if (inLink) block.linkChars += text.trim().length;
      } else if (block.text && !block.text.endsWith(" ")) block.text += " ";
      continue;
    }
    if (node.type !== "tag" && node.type !== "script" && node.type !== "style") continue;
    const el = node as Element;
    if (DROP_TAGS.has(el.name) || isHidden(el) || (strict && isUnlikely(el))) continue;
    if (BLOCK_TAGS.has(el.name)) {
      flush(block, out);
      const inner: Block = {
        text: "",
        linkChars: 0,
        container: el,
        heading: /^h[1-6]$/.test(el.name),
      };
      flush(collect(el.children, out, inner, inLink, strict), out);
      block = { text: "", linkChars: 0, container: block.container, heading: false };
    } else {
      // Table cells stay on their row's line, separated by a space.
      if ((el.name === "td" || el.name === "th") && block.text && !block.text.endsWith(" "))
        block.text += " ";
      block = collect(el.children, out, block, inLink || el.name === "a", strict);
    }
  }
  return block;
}

function flush(block: Block, out: Block[]): void {
  const text = block.text.trim();
  if (!text) return;
  out.push({ ...block, text });
  block.text = "";
  block.linkChars = 0;
}

/** Scores containers by the prose they hold and returns the blocks of the best one. */
function chooseArticle(blocks: Block[]): Block[] {
  const scores = new Map<Element, number>();
  for (const b of blocks) {
    const own = b.text.length - b.linkChars;
    if (own < MIN_PROSE_CHARS || b.linkChars / b.text.length > MAX_LINK_DENSITY / 2) continue;
    // Readability's paragraph score: one point, one per comma, one per 100 characters (≤ 3).
    const score = 1 + (b.text.match(/[,，、]/g)?.length ?? 0) + Math.min(3, Math.floor(own / 100));
    let el: Element | null = b.container;
    for (let level = 1; el && level <= SCORE_LEVELS + 1; level++) {
      // The paragraph element itself scores fully, like its parent.
      const share = level === 1 ? 1 : level === 2 ? 1 : 1 / (level - 1);
      scores.set(el, (scores.get(el) ?? 0) + score * share);
      el = parentOf(el);
    }
  }
  let best: Element | undefined;
  let bestScore = 0;
  for (const [el, s] of scores) {
    if (el.name === "p" || el.name === "li" || /^h[1-6]$/.test(el.name)) continue;
    if (s > bestScore) [best, bestScore] = [el, s];
  }
  if (!best) return blocks;
  best = commonContainer(best, bestScore, scores);
  const keep = new Set<Element>([best]);
  const parent = parentOf(best);
  for (const sibling of parent?.children ?? []) {
    if (sibling.type !== "tag" || sibling === best) continue;
    const s = scores.get(sibling as Element) ?? 0;
    if (s >= bestScore * SIBLING_SHARE) keep.add(sibling as Element);
  }
  return blocks.filter((b) => within(b.container, keep));
}

/**
 * An article split into parts (several "article body" blocks) has several near-best
 * containers; their common ancestor is the article.
 */
function commonContainer(best: Element, bestScore: number, scores: Map<Element, number>): Element {
  const rivals = [...scores.entries()]
    .filter(
      ([el, s]) =>
        el !== best && s >= bestScore * RIVAL_SHARE && el.name !== "p" && el.name !== "li",
    )
    .map(([el]) => el)
    .filter((el) => !within(el, new Set([best])) && !within(best, new Set([el])));
  let top = best;
  for (const rival of rivals) {
    const ancestors = new Set<Element>();
    for (let e: Element | null = top; e; e = parentOf(e)) ancestors.add(e);
    for (let e: Element | null = rival; e; e = parentOf(e)) {
      if (ancestors.has(e)) {
        top = e;
        break;
      }
    }
  }
  return top;
}

function parentOf(el: Element): Element | null {
  return el.parent?.type === "tag" ? (el.parent as Element) : null;
}

function within(el: Element | null, set: Set<Element>): boolean {
  for (let e: Element | null = el; e; e = parentOf(e)) {
    if (set.has(e)) return true;
  }
  return false;
}
