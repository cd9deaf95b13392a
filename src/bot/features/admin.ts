/** Admin-only commands: /publish and /stats. Anyone else is told "not allowed" and nothing happens. */
import type { Bot, Context } from "grammy";
import { deliveryStats } from "../../store/deliveries.ts";
import { latestDigest } from "../../store/digests.ts";
import { subscriberCount } from "../../store/subscribers.ts";
import { type BotDeps, formatTime } from "../context.ts";
import { sendText } from "../send.ts";

/** Registers /publish and /stats. */
export function adminCommands(bot: Bot, deps: BotDeps): void {
  const allowed = async (ctx: Context & { chat: { id: number } }) => {
    if (ctx.from && deps.adminIds.includes(ctx.from.id)) return true;
    deps.log.warn({ user: ctx.from?.id }, "admin command refused");
    await sendText(ctx.api, ctx.chat.id, "Not allowed: this command is for the bot's admins.");
    return false;
  };

  bot.command("publish", async (ctx) => {
    if (!(await allowed(ctx))) return;
    await sendText(ctx.api, ctx.chat.id, "Building a digest…");
    const r = await deps.publish();
    await sendText(
      ctx.api,
      ctx.chat.id,
      r.digestId === undefined
        ? "No new stories since the last digest; nothing sent."
        : `Digest ${r.digestId} with ${r.stories} stories queued for ${r.queued} chats.`,
    );
  });

  bot.command("stats", async (ctx) => {
    if (!(await allowed(ctx))) return;
    const d = deliveryStats(deps.db);
    const latest = latestDigest(deps.db);
    const last = latest
      ? `digest ${latest.id}, ${formatTime(new Date(latest.createdAt), deps.timeZone)}, ${latest.stories.length} stories`
      : "none yet";
    await sendText(
      ctx.api,
      ctx.chat.id,
      `Subscribers: ${subscriberCount(deps.db)}\nLast digest: ${last}\nDeliveries: ${d.sent} sent, ${d.failed} failed, ${d.pending} pending`,
    );
  });
}
