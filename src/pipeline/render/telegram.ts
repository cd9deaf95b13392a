/**
 * Markdown → Telegram HTML with marked and a renderer that emits only the tags Telegram accepts
 * (b, i, u, s, a href, code, pre, blockquote), escapes &, < and > in all text, and returns
 * messages of at most 4096 characters split between blocks.
 */
import { Marked, type Tokens } from "marked";
import { packBlocks, TELEGRAM_MAX_LENGTH } from "./split.ts";

/** Escapes text for Telegram's HTML parse mode. */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** Escapes text for a double-quoted HTML attribute (an href). */
export function escapeAttr(text: string): string {
  return escapeHtml(text).replace(/"/g, "&quot;");
}
/** Link schemes Telegram opens; anything else is shown as plain text. */
const SAFE_HREF = /^(https?:|tg:|mailto:)/i;

const telegram = new Marked({
  gfm: true,
  renderer: {
    space: () => "",
    hr: () => "",
    def: () => "",
    checkbox: () => "",
    html: ({ text }) => escapeHtml(text),
    heading({ tokens }) {
      return `<b>${this.parser.parseInline(tokens)}</b>`;
    },
    paragraph({ tokens }) {
      return this.parser.parseInline(tokens);
    },
    blockquote({ tokens }) {
      return `<blockquote>${this.parser.parse(tokens).trim()}</blockquote>`;
    },
    code: ({ text }) => `<pre>${escapeHtml(text)}</pre>`,
    list(token: Tokens.List) {
      return token.items
        .map((item, i) => {
          const bullet = token.ordered ? `${Number(token.start || 1) + i}.` : "•";
          return `${bullet} ${this.parser.parse(item.tokens).trim()}`;
        })
        .join("\n");
    },
    listitem(item) {
      return this.parser.parse(item.tokens);
    },
    table(token: Tokens.Table) {
      const row = (cells: Tokens.TableCell[]) =>
        cells.map((c) => this.parser.parseInline(c.tokens)).join(" | ");
      return [row(token.header), ...token.rows.map(row)].join("\n");
    },
    tablerow: ({ text }) => text,
    tablecell(token) {
      return this.parser.parseInline(token.tokens);
    },
    strong({ tokens }) {
      return `<b>${this.parser.parseInline(tokens)}</b>`;
    },
    em({ tokens }) {
      return `<i>${this.parser.parseInline(tokens)}</i>`;
    },
    del({ tokens }) {
      return `<s>${this.parser.parseInline(tokens)}</s>`;
    },
    codespan: ({ text }) => `<code>${escapeHtml(text)}</code>`,
    br: () => "\n",
    link({ href, tokens }) {
      const inner = this.parser.parseInline(tokens);
      return SAFE_HREF.test(href) ? `<a href="${escapeAttr(href)}">${inner}</a>` : inner;
    },
    image: ({ text }) => escapeHtml(text),
    text(token) {
      if ("tokens" in token && token.tokens) return this.parser.parseInline(token.tokens);
      return escapeHtml(token.text);
    },
  },
});

/** Renders Markdown to Telegram HTML messages, each at most `limit` characters. */
export function renderTelegram(markdown: string, limit = TELEGRAM_MAX_LENGTH): string[] {
  const tokens = telegram.lexer(markdown);
  const groups: string[][] = [];
  for (const token of tokens) {
    const html = telegram.parser([token]).trim();
    if (!html) continue;
    // A heading starts a new group, so a story's heading, summary and sources stay together.
    if (token.type === "heading" || groups.length === 0) groups.push([html]);
    else groups[groups.length - 1]?.push(html);
  }
  const joined = groups.map((g) => g.join("\n\n"));
  const packed = packBlocks(
    joined.flatMap((g, i) => (g.length > limit ? (groups[i] ?? []) : [g])),
    "\n\n",
    limit,
  );
  return packed;
}
