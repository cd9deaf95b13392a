import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../src/config.ts";

describe("loadConfig", () => {
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
