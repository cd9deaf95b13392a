/**
 * The one way this project sends a message: HTML parse mode, link previews off, never over
 * Telegram's 4096-character limit (longer texts are split between blocks, never inside a tag or
 * an entity). Every command reply and every broadcast goes through here.
 */
import type { Api } from "grammy";
import type { InlineKeyboardMarkup } from "grammy/types";
import { packBlocks } from "../pipeline/render/split.ts";
import { escapeHtml } from "../pipeline/render/telegram.ts";

export { escapeHtml };

/** Options of sendHtml besides the fixed parse mode and preview setting. */
export interface SendOptions {
  reply_markup?: InlineKeyboardMarkup;
}

/** Sends Telegram HTML, split into parts of at most 4096 characters; options go on the last part. */
export async function sendHtml(
  api: Api,
  chatId: string | number,
  html: string,
  options: SendOptions = {},
): Promise<void> {
  const parts = packBlocks(html.split("\n\n"));
  for (let i = 0; i < parts.length; i++) {
    await api.sendMessage(chatId, parts[i] as string, {
      ...(i === parts.length - 1 ? options : {}),
      parse_mode: "HTML",
      link_preview_options: { is_disabled: true },
    });
  }
}

/** Sends plain text (escaped) with the same guarantees. */
export function sendText(
  api: Api,
  chatId: string | number,
  text: string,
  options: SendOptions = {},
): Promise<void> {
  return sendHtml(api, chatId, escapeHtml(text), options);
}
