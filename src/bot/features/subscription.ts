/** /start and /stop: subscribing a chat (private chats; group admins in groups). */
import type { Bot, Context } from "grammy";
import { subscribe, unsubscribe } from "../../store/subscribers.ts";
import { type BotDeps, formatTime } from "../context.ts";
import { sendText } from "../send.ts";

async function mayManage(ctx: Context): Promise<boolean> {
  if (ctx.chat?.type === "private") return true;
  if (!ctx.from) return false;
  const member = await ctx.getChatMember(ctx.from.id);
  return member.status === "creator" || member.status === "administrator";
}

/** Registers /start and /stop. */
export function subscription(bot: Bot, deps: BotDeps): void {
  bot.command("start", async (ctx) => {
    if (!(await mayManage(ctx))) {
      await sendText(ctx.api, ctx.chat.id, "Only a group admin can subscribe this group.");
      return;
    }
    const added = subscribe(deps.db, ctx.chat.id, ctx.chat.type);
    const next = deps.nextRun();
    const when = next
      ? `The next digest is due ${formatTime(next, deps.timeZone)}.`
      : "No digest is scheduled.";
    deps.log.info({ chat: ctx.chat.id, added }, "subscribe");
    await sendText(
      ctx.api,
      ctx.chat.id,
      `${added ? "Subscribed" : "You are already subscribed"}: this chat gets the news digest. ${when} Send /latest for the latest one, /help for more.`,
    );
  });

  bot.command("stop", async (ctx) => {
    if (!(await mayManage(ctx))) {
      await sendText(ctx.api, ctx.chat.id, "Only a group admin can unsubscribe this group.");
      return;
    }
    const removed = unsubscribe(deps.db, ctx.chat.id);
    deps.log.info({ chat: ctx.chat.id, removed }, "unsubscribe");
    await sendText(
      ctx.api,
      ctx.chat.id,
      removed
        ? "Unsubscribed: no more digests. Send /start to subscribe again."
        : "This chat is not subscribed.",
    );
  });
}
