/** Placeholder entry for `digest publish`; the broadcaster arrives with the bot. */
import type { Config } from "./config.ts";
import { ConfigError } from "./config.ts";
import type { Logger } from "./log.ts";

/** Builds and broadcasts once. */
export async function publishOnce(config: Config, _log: Logger, _db?: string): Promise<number> {
  if (!config.botToken)
    throw new ConfigError("BOT_TOKEN", "is required to publish: get one from @BotFather");
  return 1;
}
