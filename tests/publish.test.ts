import { spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { openDatabase } from "../src/store/database.ts";
import { deliveryStats } from "../src/store/deliveries.ts";
import { subscribe } from "../src/store/subscribers.ts";
import { type FakeTelegram, startFakeTelegram } from "./helpers/fake-telegram.ts";
import { SEEDS_DIR } from "./helpers/fixtures.ts";

let fake: FakeTelegram | undefined;
afterEach(async () => {
  await fake?.close();
});

/** Runs `digest publish` (async spawn: the fake server lives in this process). */
function publish(env: Record<string, string>): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ["--import", "tsx", "src/cli.ts", "publish"], {
      env: { ...process.env, ...env },
      stdio: ["ignore", "ignore", "pipe"],
    });
    let stderr = "";
    child.stderr.on("data", (d: Buffer) => {
      stderr += d.toString();
    });
    child.on("exit", (code) => resolve({ code, stderr }));
  });
}

describe("digest publish", () => {
  it("builds once, sends the digest to subscribers and the channel, and exits", async () => {
    fake = await startFakeTelegram();
    const work = mkdtempSync(join(tmpdir(), "digest-publish-"));
    const dbPath = join(work, "db.sqlite");
    const db = openDatabase(dbPath);
    subscribe(db, 501, "private");
    subscribe(db, 502, "private");
    db.close();
    const env = {
      BOT_TOKEN: "123456:publish-token",
      TELEGRAM_API_ROOT: fake.apiRoot,
      DATABASE_PATH: dbPath,
      DIGESTS_DIR: join(work, "digests"),
      DIGEST_INPUT: SEEDS_DIR,
      CHANNEL_ID: "@news_channel",
    };
    const first = await publish(env);
    expect(first.code, first.stderr).toBe(0);
    expect(fake.sent.map((m) => m.chatId).sort()).toEqual(["501", "502", "@news_channel"]);
    expect(fake.sent[0]?.text).toMatch(/^<b>News digest/);
    expect(first.stderr).not.toContain("publish-token");
    // Nothing new: a second run sends nothing.
    const second = await publish(env);
    expect(second.code).toBe(0);
    expect(fake.sent).toHaveLength(3);
    const check = openDatabase(dbPath);
    expect(deliveryStats(check)).toEqual({ sent: 3, failed: 0, pending: 0 });
    check.close();
  });

  it("fails with exit 1 and names BOT_TOKEN when it is missing", async () => {
    const r = await publish({ BOT_TOKEN: "" });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/BOT_TOKEN/);
  });
});
