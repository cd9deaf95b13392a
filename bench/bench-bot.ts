/**
 * `npm run bench:bot`: the bot against a fake Bot API server on loopback.
 * 1. 1,000 chats send /start at once, no rate limit: /start reply latency p50/p99 (the bot's own
 *    overhead, with grammY's runner handling updates concurrently).
 * 2. One digest broadcast to 5,000 subscribers with the server allowing BROADCAST_RATE messages
 *    per second and answering 429 beyond: achieved rate, 429s, deliveries lost and duplicated.
 * Options: --starts N (1000), --chats N (5000), --rate R (BROADCAST_RATE or 25).
 */
import { fork } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { run } from "@grammyjs/runner";
import { Broadcaster } from "../src/bot/broadcast.ts";
import { createBot } from "../src/bot/index.ts";
import { createLogger } from "../src/log.ts";
import { createBroadcastApi } from "../src/publish.ts";
import { openDatabase } from "../src/store/database.ts";
import { enqueueDeliveries } from "../src/store/deliveries.ts";
import { saveDigest } from "../src/store/digests.ts";
import { activeSubscribers } from "../src/store/subscribers.ts";
import { startFakeTelegram } from "../tests/helpers/fake-telegram.ts";

const { values } = parseArgs({
  options: { starts: { type: "string" }, chats: { type: "string" }, rate: { type: "string" } },
});
const STARTS = Number(values.starts ?? 1000);
const CHATS = Number(values.chats ?? 5000);
const RATE = Number(values.rate ?? process.env.BROADCAST_RATE ?? 25);
const TOKEN = "123456:bench-token";

const work = mkdtempSync(join(tmpdir(), "digest-bench-bot-"));
const db = openDatabase(join(work, "db.sqlite"));
const log = createLogger({ level: "silent" });

const percentile = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(p * xs.length))] ?? 0;

// 1. /start flood, against a fake server in another process (as Telegram would be).
const child = fork("tests/helpers/fake-telegram-child.ts", { execArgv: ["--import", "tsx"] });
const remoteRoot = await new Promise<string>((resolve) =>
  child.once("message", (m: { apiRoot: string }) => resolve(m.apiRoot)),
);
const bot = createBot(TOKEN, remoteRoot, {
  db,
  log,
  adminIds: [],
  timeZone: "UTC",
  nextRun: () => new Date(Date.now() + 3_600_000),
  publish: async () => ({ stories: 0, queued: 0 }),
});
const runner = run(bot);
await new Promise((r) => setTimeout(r, 300));
const sentAt = new Map<string, number>();
const startedAt = performance.now();
for (let i = 0; i < STARTS; i++) {
  const chat = 10_000 + i;
  sentAt.set(String(chat), Date.now());
  child.send({
    push: {
      message: {
        message_id: i + 1,
        date: Math.floor(Date.now() / 1000),
        chat: { id: chat, type: "private", first_name: "U" },
        from: { id: chat, is_bot: false, first_name: "U" },
        text: "/start",
        entities: [{ type: "bot_command", offset: 0, length: 6 }],
      },
    },
  });
}
const report = () =>
  new Promise<Array<{ chatId: string; at: number }>>((resolve) => {
    child.once("message", (m: { sent: Array<{ chatId: string; at: number }> }) => resolve(m.sent));
    child.send({ report: true });
  });
const deadline = Date.now() + 60_000;
let replies = await report();
while (replies.length < STARTS && Date.now() < deadline) {
  await new Promise((r) => setTimeout(r, 50));
  replies = await report();
}
const latencies = replies.map((m) => m.at - (sentAt.get(m.chatId) ?? m.at));
const flood = (performance.now() - startedAt) / 1000;
await runner.stop();
child.send({ close: true });
process.stdout.write(
  `/start × ${STARTS}: ${replies.length} replies in ${flood.toFixed(2)} s; latency p50 ${percentile(latencies, 0.5)} ms, p99 ${percentile(latencies, 0.99)} ms\n`,
);

// 2. Broadcast to CHATS subscribers under the server's rate limit.
const fake = await startFakeTelegram();
fake.behaviour.rateLimit = RATE;
fake.behaviour.retryAfter = 1;
const insert = db.prepare(
  "INSERT OR IGNORE INTO subscribers (chat_id, kind, active, subscribed_at) VALUES (?, 'private', 1, ?)",
);
db.transaction(() => {
  for (let i = 0; i < CHATS; i++) insert.run(String(100_000 + i), new Date().toISOString());
})();
const chats = activeSubscribers(db).filter((c) => Number(c) >= 100_000);
const digestId = saveDigest(
  db,
  {
    createdAt: new Date().toISOString(),
    stories: [],
    markdown: "",
    telegram: ["<b>Digest</b>\n\nBench."],
  },
  [],
);
enqueueDeliveries(db, digestId, chats);
const t0 = performance.now();
const outcome = await new Broadcaster({
  db,
  api: createBroadcastApi(TOKEN, fake.apiRoot),
  log,
  rate: RATE,
}).drain();
const seconds = (performance.now() - t0) / 1000;
const perChat = new Map<string, number>();
for (const m of fake.sent) perChat.set(m.chatId, (perChat.get(m.chatId) ?? 0) + 1);
const lost = chats.filter((c) => !perChat.has(c)).length;
const duplicated = [...perChat.values()].reduce((n, c) => n + Math.max(0, c - 1), 0);
const achieved = fake.sent.length / seconds;
process.stdout.write(
  `broadcast to ${chats.length} chats: ${seconds.toFixed(1)} s, ${achieved.toFixed(2)} msg/s = ${(achieved / RATE).toFixed(3)} of BROADCAST_RATE ${RATE}; ` +
    `429s ${fake.tooMany}; lost ${lost}; duplicated ${duplicated}; invalid ${fake.invalid.length}; report ${JSON.stringify(outcome)}\n`,
);
db.close();
await fake.close();
rmSync(work, { recursive: true, force: true });
process.exit(0);
