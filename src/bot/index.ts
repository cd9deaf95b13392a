/**
 * createBot: the grammY bot with every command. Replies go through sendHtml (HTML, no previews,
 * ≤ 4096 characters); API calls retry 429/5xx through auto-retry; a handler's error is logged and
 * the user told, never swallowed.
 */
import { autoRetry } from "@grammyjs/auto-retry";
import { Bot } from "grammy";
import { type BotDeps, COMMANDS } from "./context.ts";
import { adminCommands } from "./features/admin.ts";
import { digestCommands } from "./features/digest.ts";
import { subscription } from "./features/subscription.ts";
import { sendText } from "./send.ts";

export { type BotDeps, COMMANDS };

/** Builds the bot (not started: main.ts runs it with grammY's runner). */
export function createBot(token: string, apiRoot: string | undefined, deps: BotDeps): Bot {
  const bot = new Bot(token, apiRoot ? { client: { apiRoot } } : {});
  bot.api.config.use(autoRetry({ maxRetryAttempts: 3, maxDelaySeconds: 60 }));
  subscription(bot, deps);
  digestCommands(bot, deps);
  adminCommands(bot, deps);
  bot.command("help", (ctx) =>
    sendText(
      ctx.api,
      ctx.chat.id,
      COMMANDS.map((c) => `/${c.command}: ${c.description}`).join("\n"),
    ),
  );
  bot.on("message", (ctx) =>
    sendText(ctx.api, ctx.chat.id, "I don't know that one. Send /help for the commands."),
  );
  bot.catch(async (err) => {
    deps.log.error(
      {
        update: err.ctx.update.update_id,
        error: err.error instanceof Error ? err.error.message : String(err.error),
      },
      "handler failed",
    );
    const chat = err.ctx.chat?.id;
    if (chat !== undefined) {
      await sendText(
        err.ctx.api,
        chat,
        "Sorry, something went wrong. Please try again later.",
      ).catch((e: unknown) =>
        deps.log.error({ error: String(e) }, "could not send the error reply"),
      );
    }
  });
  return bot;
}

/** Registers the command list with Telegram; a failure is a warning, not fatal. */
export async function registerCommands(bot: Bot, deps: Pick<BotDeps, "log">): Promise<void> {
  try {
    await bot.api.setMyCommands(
      COMMANDS.map((c) => ({ command: c.command, description: c.description })),
    );
  } catch (e) {
    deps.log.warn(
      { error: e instanceof Error ? e.message : String(e) },
      "setMyCommands failed; commands still work",
    );
  }
}
