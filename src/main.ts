/**
 * The service (`npm start`): config → database → bot + broadcaster + schedule, in one process.
 * Resumes any broadcast a crash interrupted, and stops gracefully on SIGINT/SIGTERM: the message
 * in flight is finished, progress is recorded, and the process exits 0.
 */
import { run } from "@grammyjs/runner";
import dotenv from "dotenv";
import { Broadcaster } from "./bot/broadcast.ts";
import { createBot, registerCommands } from "./bot/index.ts";
import { loadConfig } from "./config.ts";
import { createLogger } from "./log.ts";
import { DigestError } from "./pipeline/errors.ts";
import { buildAndQueue, createBroadcastApi } from "./publish.ts";
import { createScheduler, type Scheduler } from "./scheduler/index.ts";
import { openDatabase } from "./store/database.ts";

async function main(): Promise<number> {
  dotenv.config({ quiet: true });
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig(process.env, "config", true);
  } catch (e) {
    process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
    return 1;
  }
  const log = createLogger({ level: config.logLevel, secrets: [config.botToken] });
  const db = openDatabase(config.databasePath);
  let scheduler: Scheduler | undefined;
  const bot = createBot(config.botToken as string, config.apiRoot, {
    db,
    log,
    adminIds: config.adminIds,
    timeZone: config.timezone,
    nextRun: () => scheduler?.nextRun() ?? null,
    publish: async () => {
      const r = await buildAndQueue(config, db, log);
      void broadcaster.drain();
      return { digestId: r.digestId, stories: r.digest.stories.length, queued: r.queued };
    },
  });
  const api = createBroadcastApi(config.botToken, config.apiRoot);
  const broadcaster = new Broadcaster({ db, api, log, rate: config.broadcastRate });
  await registerCommands(bot, { log });
  const runner = run(bot);
  scheduler = createScheduler(
    config.schedule,
    config.timezone,
    async () => {
      await buildAndQueue(config, db, log);
      await broadcaster.drain();
    },
    log,
  );
  void broadcaster.drain();
  log.info({ apiRoot: config.apiRoot ?? "https://api.telegram.org" }, "bot started");

  return new Promise<number>((resolve) => {
    let stopping = false;
    const stop = async (signal: string) => {
      if (stopping) return;
      stopping = true;
      log.info({ signal }, "stopping");
      // Tell the broadcaster first, so a scheduled run in mid-broadcast ends after its message
      // in flight instead of sending to everyone before the process may exit.
      const broadcastStopped = broadcaster.stop();
      await scheduler?.stop();
      await broadcastStopped;
      if (runner.isRunning()) await runner.stop();
      db.close();
      log.info("stopped");
      resolve(0);
    };
    process.once("SIGINT", () => void stop("SIGINT"));
    process.once("SIGTERM", () => void stop("SIGTERM"));
  });
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    process.stderr.write(
      `${e instanceof DigestError ? e.message : String(e instanceof Error ? e.stack : e)}\n`,
    );
    process.exit(1);
  },
);
