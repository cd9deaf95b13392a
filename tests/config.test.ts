import { copyFileSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../src/config.ts";

function configDir(defaults: unknown): string {
  const dir = mkdtempSync(join(tmpdir(), "digest-config-"));
  for (const f of ["boilerplate.json", "outlets.json"])
    copyFileSync(join("config", f), join(dir, f));
  writeFileSync(join(dir, "default.json"), JSON.stringify(defaults));
  return dir;
}

describe("loadConfig", () => {
  it("accepts any mix of feed and folder sources", () => {
    const dir = configDir({
      sources: {
        feeds: [
          { url: "https://example.com/rss", name: "Example" },
          { url: "https://example.org/atom.xml", fetchArticles: false },
        ],
        folders: [{ path: "in", outlet: "Local Paper" }],
      },
      fetch: { timeoutMs: 5000 },
    });
    const c = loadConfig({ FETCH_ALLOW_PRIVATE: "true" }, dir);
    expect(c.feeds).toEqual([
      { url: "https://example.com/rss", name: "Example", fetchArticles: true },
      { url: "https://example.org/atom.xml", fetchArticles: false },
    ]);
    expect(c.folders).toEqual([{ path: "in", outlet: "Local Paper" }]);
    expect(c.fetch).toMatchObject({ timeoutMs: 5000, allowPrivate: true, maxRedirects: 5 });
    expect(() => loadConfig({}, configDir({ sources: { feeds: [{ url: "not a url" }] } }))).toThrow(
      /config\/default.json.sources.feeds.0.url/,
    );
  });

  it("gives the documented defaults", () => {
    const c = loadConfig({});
    expect(c.schedule).toBe("0 8 * * *");
    expect(c.timezone).toBe("UTC");
    expect(c.broadcastRate).toBe(25);
    expect(c.databasePath).toBe("data/digest.db");
    expect(c.maxStories).toBe(10);
    expect(c.folders).toEqual([{ path: "samples/seeds" }]);
  });

  it("applies the environment", () => {
    const c = loadConfig({
      BOT_TOKEN: "123456:ABC-def_1",
      ADMIN_IDS: "1, 22,333",
      DIGEST_SCHEDULE: "*/5 * * * * *",
      DIGEST_TIMEZONE: "Europe/Berlin",
      CHANNEL_ID: "@news_channel",
      DIGEST_INPUT: "a:b/c",
      BROADCAST_RATE: "10",
    });
    expect(c.adminIds).toEqual([1, 22, 333]);
    expect(c.inputs).toEqual(["a", "b/c"]);
    expect(c.broadcastRate).toBe(10);
    expect(c.timezone).toBe("Europe/Berlin");
  });

  it.each([
    ["BOT_TOKEN", "not-a-token"],
    ["ADMIN_IDS", "12,abc"],
    ["DIGEST_SCHEDULE", "every morning"],
    ["DIGEST_TIMEZONE", "Mars/Olympus"],
    ["CHANNEL_ID", "my channel"],
    ["BROADCAST_RATE", "100"],
    ["TELEGRAM_API_ROOT", "not a url"],
  ])("rejects a malformed %s naming the key", (key, value) => {
    expect(() => loadConfig({ [key]: value })).toThrow(ConfigError);
    expect(() => loadConfig({ [key]: value })).toThrow(new RegExp(`^config: ${key} `));
  });

  it("requires BOT_TOKEN for the service without echoing secrets", () => {
    expect(() => loadConfig({}, "config", true)).toThrow(/BOT_TOKEN is required/);
    let message = "";
    try {
      loadConfig({ BOT_TOKEN: "123:secret with spaces" });
    } catch (e) {
      message = String(e);
    }
    expect(message).toMatch(/BOT_TOKEN/);
    expect(message).not.toContain("secret");
  });
});
