/** Checks that a message is HTML Telegram accepts: only its tags, balanced, entities intact. */
import { expect } from "vitest";
import { telegramHtmlProblem } from "./fake-telegram.ts";

/** Fails the test if `html` is not a message Telegram would accept. */
export function assertTelegramHtml(html: string): void {
  expect(telegramHtmlProblem(html)).toBeUndefined();
}
