/**
 * One publishing run, shared by the schedule, the admin's /publish and `digest publish`: build a
 * digest from the configured sources; if it has new (or updated) stories, save it, write its
 * files and queue a delivery for every subscriber and the channel; then broadcast.
 */
import { autoRetry } from "@grammyjs/auto-retry";
import { Api } from "grammy";
import { Broadcaster } from "./bot/broadcast.ts";
import { type Config, ConfigError } from "./config.ts";
import { writeDigestFiles } from "./digest-files.ts";
import type { Logger } from "./log.ts";
import { runPipeline } from "./pipeline/run.ts";
import type { Digest, PipelineWarning } from "./pipeline/types.ts";
import { collectSources } from "./sources/index.ts";
import { type Db, openDatabase } from "./store/database.ts";
import { enqueueDeliveries } from "./store/deliveries.ts";
import { saveDigest, storyHistory } from "./store/digests.ts";
import { activeSubscribers } from "./store/subscribers.ts";

/** Result of building: the digest, and its id and queued deliveries when it had new stories. */
export interface BuildOutcome {
  digest: Digest;
  digestId?: number;
  queued: number;
}

/** Builds and saves a digest and queues its deliveries (no sending). */
export async function buildAndQueue(
  config: Config,
  db: Db,
  log: Logger,
  now = new Date(),
): Promise<BuildOutcome> {
  const warn = (w: PipelineWarning) =>
    log.warn({ input: w.input }, `skipped ${w.input}: ${w.message}`);
  const sources = await collectSources(config, db, log, warn);
  const result = runPipeline(sources.files, {
    rules: config.rules,
    cluster: config.cluster,
    maxStories: config.maxStories,
    now,
    timeZone: config.timezone,
    history: storyHistory(db),
    onWarning: warn,
  });
  const { digest } = result;
  sources.commit();
  if (digest.stories.length === 0) {
    log.info({ articles: result.articles.length }, "no new stories; nothing to publish");
    return { digest, queued: 0 };
  }
  const digestId = saveDigest(db, digest, result.articles);
  const files = writeDigestFiles(config.digestsDir, digest, config.timezone);
  const chats = [...activeSubscribers(db), ...(config.channelId ? [config.channelId] : [])];
  const queued = enqueueDeliveries(db, digestId, [...new Set(chats)]);
  log.info(
    { digest: digestId, stories: digest.stories.length, queued, file: files.markdown },
    "digest saved",
  );
  return { digest, digestId, queued };
}

/**
 * The Bot API client of the broadcaster: 5xx and network errors are retried a few times here
 * (the broadcaster retries a failed delivery again later); 429s are rethrown (maxDelaySeconds 0)
 * because the broadcaster pauses every worker for retry_after, not just the one that hit it.
 */
export function createBroadcastApi(token: string | undefined, apiRoot: string | undefined): Api {
  if (!token)
    throw new ConfigError("BOT_TOKEN", "is required to send messages: get one from @BotFather");
  const api = new Api(token, apiRoot ? { apiRoot } : undefined);
  api.config.use(autoRetry({ maxRetryAttempts: 3, maxDelaySeconds: 0 }));
  return api;
}

/** `digest publish`: one build and broadcast from the command line; returns the exit code. */
export async function publishOnce(config: Config, log: Logger, dbPath?: string): Promise<number> {
  const api = createBroadcastApi(config.botToken, config.apiRoot);
  const db = openDatabase(dbPath ?? config.databasePath);
  try {
    await buildAndQueue(config, db, log);
    const report = await new Broadcaster({ db, api, log, rate: config.broadcastRate }).drain();
    return report.pending === 0 || !report.leader ? 0 : 1;
  } finally {
    db.close();
  }
}
