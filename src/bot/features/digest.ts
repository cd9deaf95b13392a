/** /latest, /source N and the buttons that send an article's cleaned text. */
import { type Bot, InlineKeyboard } from "grammy";
import { escapeAttr } from "../../pipeline/render/telegram.ts";
import { articleText, getDigest, latestDigest } from "../../store/digests.ts";
import type { BotDeps } from "../context.ts";
import { escapeHtml, sendHtml, sendText } from "../send.ts";

/** Callback data of an article button: digest id, story and article index (≤ 64 bytes). */
const BUTTON = /^src:(\d{1,9}):(\d{1,3}):(\d{1,3})$/;
/** Buttons shown under /source at most (Telegram allows 100; a story rarely has more). */
const MAX_BUTTONS = 20;
/** Button labels longer than this are cut (they must stay readable on a phone). */
const MAX_LABEL = 40;

/** Registers /latest, /source and the article buttons. */
export function digestCommands(bot: Bot, deps: BotDeps): void {
  bot.command("latest", async (ctx) => {
    const digest = latestDigest(deps.db);
    if (!digest) {
      await sendText(
        ctx.api,
        ctx.chat.id,
        "No digest yet. The first one comes with the next scheduled run.",
      );
      return;
    }
    for (const part of digest.telegram) await sendHtml(ctx.api, ctx.chat.id, part);
  });

  bot.command("source", async (ctx) => {
    const digest = latestDigest(deps.db);
    if (!digest || digest.stories.length === 0) {
      await sendText(ctx.api, ctx.chat.id, "No digest yet, so no sources to show.");
      return;
    }
    const count = digest.stories.length;
    const arg = ctx.match.trim();
    const n = /^\d{1,3}$/.test(arg) ? Number(arg) : Number.NaN;
    if (!(n >= 1 && n <= count)) {
      const range = count === 1 ? "1" : `1 to ${count}`;
      await sendText(
        ctx.api,
        ctx.chat.id,
        `Usage: /source N, where N is a story number of the latest digest (${range}).`,
      );
      return;
    }
    const story = digest.stories[n - 1];
    if (!story) return;
    const lines = story.articles.map((a, i) => {
      const where = /^https?:\/\//.test(a.url)
        ? `<a href="${escapeAttr(a.url)}">link</a>`
        : escapeHtml(a.input);
      const date = a.published ? `, ${escapeHtml(a.published)}` : "";
      return `${i + 1}. <b>${escapeHtml(a.outlet || "unknown outlet")}</b>: ${escapeHtml(a.title || "(untitled)")} (${where}${date})`;
    });
    const keyboard = new InlineKeyboard();
    story.articles.slice(0, MAX_BUTTONS).forEach((a, i) => {
      const label = `Text of ${i + 1}: ${a.outlet || a.input.split("/").pop() || ""}`.slice(
        0,
        MAX_LABEL,
      );
      keyboard.text(label, `src:${digest.id}:${n - 1}:${i}`).row();
    });
    await sendHtml(
      ctx.api,
      ctx.chat.id,
      `<b>Sources of story ${n}: ${escapeHtml(story.headline)}</b>\n\n${lines.join("\n")}`,
      {
        reply_markup: keyboard,
      },
    );
  });

  bot.callbackQuery(BUTTON, async (ctx) => {
    const [, digestId, storyIndex, articleIndex] = ctx.match;
    const ref = getDigest(deps.db, Number(digestId))?.stories[Number(storyIndex)]?.articles[
      Number(articleIndex)
    ];
    const article = ref ? articleText(deps.db, ref.articleId) : undefined;
    await ctx.answerCallbackQuery(article ? {} : { text: "That article is no longer available." });
    const chatId = ctx.chat?.id ?? ctx.from.id;
    if (!article || !ref) return;
    const heading = `<b>${escapeHtml(article.title || ref.outlet || ref.input)}</b>`;
    await sendHtml(
      ctx.api,
      chatId,
      [heading, ...article.text.split("\n\n").map(escapeHtml)].join("\n\n"),
    );
  });
}
