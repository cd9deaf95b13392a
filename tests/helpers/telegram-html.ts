/** Checks that a message is HTML Telegram accepts: only its tags, balanced, entities intact. */
import { expect } from "vitest";
import { TELEGRAM_MAX_LENGTH } from "../../src/pipeline/render/split.ts";

export function assertTelegramHtml(html: string): void {
  expect(html.length).toBeLessThanOrEqual(TELEGRAM_MAX_LENGTH);
  const stack: string[] = [];
  for (const m of html.matchAll(/<(\/?)([a-z]+)([^>]*)>/g)) {
    const [, close, name = "", attrs] = m;
    expect(["b", "i", "u", "s", "a", "code", "pre", "blockquote"]).toContain(name);
    if (name === "a" && !close) expect(attrs).toMatch(/^ href="[^"<>]*"$/);
    if (close) expect(stack.pop()).toBe(name);
    else stack.push(name);
  }
  expect(stack).toEqual([]);
  // No raw "<" or "&" outside tags and entities.
  const text = html.replace(/<\/?[a-z]+[^>]*>/g, "").replace(/&(amp|lt|gt|quot|#\d+);/g, "");
  expect(text).not.toMatch(/[<>&]/);
}
