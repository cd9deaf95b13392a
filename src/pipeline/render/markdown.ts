/**
 * Render the digest as Markdown: the one written form of a digest. The Telegram version is
 * derived from it (telegram.ts), so both always say the same thing.
 */
import type { DigestStory, SourceRef } from "../types.ts";

/** Characters that would start Markdown syntax inside plain text. */
const MARKDOWN_SPECIAL = /[\\`*_[\]<>|~]/g;

/** Escapes text so Markdown shows it literally. */
export function escapeMarkdown(text: string): string {
  return text.replace(MARKDOWN_SPECIAL, "\\$&").replace(/^(#+|\d+[.)]|[-+] )/, "\\$1");
}

/** A human date-time for the digest's heading, e.g. "22 November 2026, 08:00 UTC". */
export function formatWhen(iso: string, timeZone = "UTC"): string {
  const d = new Date(iso);
  const date = new Intl.DateTimeFormat("en-GB", {
    day: "numeric",
    month: "long",
    year: "numeric",
    timeZone,
  }).format(d);
  const time = new Intl.DateTimeFormat("en-GB", {
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
    timeZone,
  }).format(d);
  return `${date}, ${time} ${timeZone}`;
}

/** Renders ranked stories as a Markdown digest. */
export function renderMarkdown(
  stories: DigestStory[],
  createdAt: string,
  timeZone = "UTC",
): string {
  const lines = [`# News digest, ${escapeMarkdown(formatWhen(createdAt, timeZone))}`, ""];
  if (stories.length === 0) lines.push("No new stories since the last digest.", "");
  stories.forEach((s, i) => {
    const mark = s.updated ? " (updated)" : "";
    lines.push(`## ${i + 1}. ${escapeMarkdown(s.headline)}${mark}`, "");
    lines.push(escapeMarkdown(s.summary), "");
    lines.push(`*Sources: ${sourceLine(s.articles)}*`, "");
  });
  return `${lines.join("\n").trimEnd()}\n`;
}

/** One entry per outlet (linked when a URL is known), in order of first appearance. */
function sourceLine(articles: SourceRef[]): string {
  const seen = new Map<string, SourceRef>();
  for (const a of articles) {
    const name = a.outlet || baseName(a.input);
    if (!seen.has(name) || (!seen.get(name)?.url && a.url)) seen.set(name, a);
  }
  return [...seen.entries()]
    .map(([name, a]) =>
      /^https?:\/\//i.test(a.url)
        ? `[${escapeMarkdown(name)}](<${a.url.replace(/[<>\s]/g, encodeURIComponent)}>)`
        : escapeMarkdown(name),
    )
    .join(", ");
}

/** The file name of an input path, for articles with no known outlet. */
export function baseName(input: string): string {
  return input.split(/[\\/]/).pop() ?? input;
}
