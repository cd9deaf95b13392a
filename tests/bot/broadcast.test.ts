import { spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Api } from "grammy";
import { afterEach, describe, expect, it } from "vitest";
import { Broadcaster, RateLimiter } from "../../src/bot/broadcast.ts";
import { createLogger } from "../../src/log.ts";
import type { Digest } from "../../src/pipeline/types.ts";
import { createBroadcastApi } from "../../src/publish.ts";
import { type Db, openDatabase } from "../../src/store/database.ts";
import { deliveryStats, enqueueDeliveries } from "../../src/store/deliveries.ts";
import { saveDigest } from "../../src/store/digests.ts";
import { activeSubscribers, isSubscribed, subscribe } from "../../src/store/subscribers.ts";
import { type FakeTelegram, startFakeTelegram } from "../helpers/fake-telegram.ts";

const log = createLogger({ level: "silent" });
let fake: FakeTelegram | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

/** A database with `chats` subscribers and one queued digest of `parts` messages. */
function setup(
  chats: number,
  parts = 2,
  path = ":memory:",
): { db: Db; digestId: number; telegram: string[] } {
  const db = openDatabase(path);
  for (let i = 1; i <= chats; i++) subscribe(db, 1000 + i, "private");
  const telegram = Array.from(
    { length: parts },
    (_, i) => `<b>Part ${i + 1}</b>\n\nNews &amp; more.`,
  );
  const digest: Digest = {
    createdAt: new Date().toISOString(),
    stories: [],
    markdown: "",
    telegram,
  };
  const digestId = saveDigest(db, digest, []);
  enqueueDeliveries(db, digestId, activeSubscribers(db));
  return { db, digestId, telegram };
}

const api = (apiRoot: string) => createBroadcastApi("123:test", apiRoot);

/** How many times each chat received each part. */
function received(f: FakeTelegram): Map<string, number> {
  const counts = new Map<string, number>();
  for (const m of f.sent)
    counts.set(`${m.chatId}|${m.text}`, (counts.get(`${m.chatId}|${m.text}`) ?? 0) + 1);
  return counts;
}

describe("broadcast", () => {
  it("delivers every part to every chat once, in order, within the rate, with valid HTML", async () => {
    fake = await startFakeTelegram();
    const { db, telegram } = setup(20, 3);
    const started = Date.now();
    const report = await new Broadcaster({ db, api: api(fake.apiRoot), log, rate: 30 }).drain();
    const seconds = (Date.now() - started) / 1000;
    expect(report).toMatchObject({ sent: 20, failed: 0, pending: 0, leader: true });
    expect(fake.sent).toHaveLength(60);
    expect([...received(fake).values()].every((n) => n === 1)).toBe(true);
    expect(fake.invalid).toEqual([]);
    // 60 messages at 30/s take about 2 s; never faster than the rate allows.
    expect(seconds).toBeGreaterThanOrEqual(59 / 30 - 0.1);
    for (const chat of activeSubscribers(db)) {
      expect(fake.sent.filter((m) => m.chatId === chat).map((m) => m.text)).toEqual(telegram);
    }
  });

  it("waits retry_after on 429 and loses nothing", async () => {
    fake = await startFakeTelegram({ rateLimit: 10, retryAfter: 1 });
    const { db } = setup(15, 2);
    const report = await new Broadcaster({ db, api: api(fake.apiRoot), log, rate: 30 }).drain();
    expect(fake.tooMany).toBeGreaterThan(0);
    expect(report).toMatchObject({ sent: 15, failed: 0, pending: 0 });
    expect([...received(fake).values()]).toEqual(Array(30).fill(1));
  });

  it("unsubscribes blocked and vanished chats, retries 5xx and follows a migration", async () => {
    fake = await startFakeTelegram();
    const { db } = setup(5, 1);
    fake.behaviour.blocked.add("1001");
    fake.behaviour.notFound.add("1002");
    fake.behaviour.serverErrors.set("1003", 2);
    fake.behaviour.migrated.set("1004", "-1009999");
    const report = await new Broadcaster({ db, api: api(fake.apiRoot), log, rate: 30 }).drain();
    expect(report).toMatchObject({ sent: 3, failed: 2, pending: 0 });
    expect(isSubscribed(db, 1001)).toBe(false);
    expect(isSubscribed(db, 1002)).toBe(false);
    expect(isSubscribed(db, 1004)).toBe(false);
    expect(isSubscribed(db, -1009999)).toBe(true);
    expect(fake.sent.map((m) => m.chatId).sort()).toEqual(["-1009999", "1003", "1005"]);
    expect(deliveryStats(db)).toEqual({ sent: 3, failed: 2, pending: 0 });
  });

  it("keeps a delivery that keeps failing pending for a later run, then marks it failed", async () => {
    fake = await startFakeTelegram();
    const { db } = setup(1, 1);
    fake.behaviour.serverErrors.set("1001", 1000);
    const b = new Broadcaster({
      db,
      api: new Api("123:test", { apiRoot: fake.apiRoot }),
      log,
      rate: 50,
      maxAttempts: 3,
      retryDelayMs: 10,
    });
    const report = await b.drain();
    expect(report).toMatchObject({ sent: 0, failed: 1, pending: 0 });
    expect(deliveryStats(db)).toEqual({ sent: 0, failed: 1, pending: 0 });
    const row = db.prepare("SELECT attempts, error FROM deliveries").get() as {
      attempts: number;
      error: string;
    };
    expect(row.attempts).toBe(3);
    expect(row.error).toMatch(/500/);
  });

  it("lets only one of two processes broadcast (lease), and each chat still gets the digest once", async () => {
    fake = await startFakeTelegram({ delayMs: 5 });
    const path = join(mkdtempSync(join(tmpdir(), "digest-lease-")), "db.sqlite");
    const { db } = setup(30, 1, path);
    const other = openDatabase(path);
    const [r1, r2] = await Promise.all([
      new Broadcaster({ db, api: api(fake.apiRoot), log, rate: 100 }).drain(),
      new Broadcaster({ db: other, api: api(fake.apiRoot), log, rate: 100 }).drain(),
    ]);
    expect([r1.leader, r2.leader].filter(Boolean)).toHaveLength(1);
    expect(fake.sent).toHaveLength(30);
    expect(new Set(fake.sent.map((m) => m.chatId)).size).toBe(30);
  });

  it("resumes after kill -9 mid-broadcast: nothing missed, only in-flight messages repeated", async () => {
    fake = await startFakeTelegram({ delayMs: 20 });
    const path = join(mkdtempSync(join(tmpdir(), "digest-crash-")), "db.sqlite");
    const { db, telegram } = setup(60, 3, path);
    const child = spawn(
      process.execPath,
      ["--import", "tsx", "tests/helpers/broadcast-child.ts", path, fake.apiRoot],
      {
        stdio: "ignore",
      },
    );
    const f = fake;
    await new Promise<void>((resolve, reject) => {
      const timer = setInterval(() => {
        if (f.sent.length >= 60) {
          clearInterval(timer);
          child.kill("SIGKILL");
          resolve();
        } else if (child.exitCode !== null) {
          clearInterval(timer);
          reject(new Error("child finished before it could be killed"));
        }
      }, 5);
    });
    await new Promise((r) => child.once("exit", r));
    const beforeRestart = fake.sent.length;
    expect(beforeRestart).toBeLessThan(180);
    // The dead process's lease expires (1 s); the restarted broadcaster resumes.
    await new Promise((r) => setTimeout(r, 1_100));
    const report = await new Broadcaster({ db, api: api(fake.apiRoot), log, rate: 200 }).drain();
    expect(report.pending).toBe(0);
    const counts = received(fake);
    for (const chat of activeSubscribers(db)) {
      for (const part of telegram)
        expect(counts.get(`${chat}|${part}`), `${chat} ${part}`).toBeGreaterThanOrEqual(1);
    }
    const duplicates = [...counts.values()].reduce((n, c) => n + c - 1, 0);
    // At most the messages in flight at the kill (the child sends to 4 chats at a time).
    expect(duplicates).toBeLessThanOrEqual(4);
    expect(deliveryStats(db)).toEqual({ sent: 60, failed: 0, pending: 0 });
  });

  it("spaces sends to the configured rate", async () => {
    const limiter = new RateLimiter(50);
    const started = performance.now();
    for (let i = 0; i < 26; i++) await limiter.take();
    expect(performance.now() - started).toBeGreaterThanOrEqual(480);
  });
});
