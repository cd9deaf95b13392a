/**
 * End to end over loopback: telegram-test-api emulates the Bot API, the real service polls it
 * through TELEGRAM_API_ROOT, and emulated users send commands and press buttons.
 */
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TelegramServer as Emulator } from "telegram-test-api/lib/telegramServer.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SEEDS_DIR } from "../helpers/fixtures.ts";
import { freePort, type Service, startService, waitFor } from "../helpers/service.ts";
import { assertTelegramHtml } from "../helpers/telegram-html.ts";

// The emulator is CommonJS; require it to get its class with the right types.
const { TelegramServer } = createRequire(import.meta.url)(
  "telegram-test-api/lib/telegramServer.js",
) as {
  TelegramServer: typeof Emulator;
};
const TOKEN = "123456:TEST-token_for-e2e";
const ADMIN = 9001;
type Client = ReturnType<Emulator["getClient"]>;
interface BotMessage {
  text: string;
  parse_mode?: string;
  link_preview_options?: { is_disabled?: boolean };
  reply_markup?: { inline_keyboard?: Array<Array<{ text: string; callback_data: string }>> };
}

let server: Emulator;
let service: Service;
let work: string;
let input: string;
const inbox = new Map<Client, BotMessage[]>();
const chatOf = new Map<Client, number>();

async function read(client: Client): Promise<BotMessage[]> {
  // One request to the emulator's client endpoint. (client.getUpdates() keeps polling in the
  // background after its timeout and would swallow later replies.)
  const chatId = chatOf.get(client);
  const response = await fetch(`${server.config.apiURL}/getUpdates`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ token: TOKEN, chatId }),
  });
  const { result } = (await response.json()) as { result: Array<{ message: unknown }> };
  const got = result.map((u) => u.message as unknown as BotMessage);
  for (const m of got) {
    expect(m.parse_mode).toBe("HTML");
    expect(m.link_preview_options?.is_disabled).toBe(true);
    assertTelegramHtml(m.text);
  }
  const all = [...(inbox.get(client) ?? []), ...got];
  inbox.set(client, all);
  return all;
}

/** Sends a command and waits for `count` new replies. */
async function ask(client: Client, text: string, count = 1): Promise<BotMessage[]> {
  const before = (await read(client)).length;
  await client.sendCommand(client.makeCommand(text));
  const all = await waitFor(
    async () => {
      const msgs = await read(client);
      return msgs.length >= before + count ? msgs : undefined;
    },
    20_000,
    `reply to ${text}`,
  ).catch((e: Error) => {
    throw new Error(`${e.message}\n${service.log().slice(-3000)}`);
  });
  return all.slice(before);
}

function user(id: number, name: string): Client {
  const client = server.getClient(TOKEN, {
    userId: id,
    chatId: id,
    firstName: name,
    userName: name.toLowerCase(),
  });
  chatOf.set(client, id);
  return client;
}
const alice = () => user(101, "Alice");
const bob = () => user(102, "Bob");
let adminClient: Client | undefined;
const admin = () => {
  adminClient ??= user(ADMIN, "Ada");
  return adminClient;
};
let a: Client;
let b: Client;

const digestMessages = (msgs: BotMessage[]) =>
  msgs.filter((m) => m.text.startsWith("<b>News digest"));

beforeAll(async () => {
  const port = await freePort();
  server = new TelegramServer({ port, host: "127.0.0.1", storeTimeout: 600 });
  await server.start();
  work = mkdtempSync(join(tmpdir(), "digest-bot-"));
  input = join(work, "input");
  mkdirSync(input);
  service = await startService({
    BOT_TOKEN: TOKEN,
    TELEGRAM_API_ROOT: server.config.apiURL,
    DIGEST_SCHEDULE: "*/2 * * * * *",
    DIGEST_INPUT: input,
    DATABASE_PATH: join(work, "db.sqlite"),
    DIGESTS_DIR: join(work, "digests"),
    ADMIN_IDS: String(ADMIN),
  });
  a = alice();
  b = bob();
});

afterAll(async () => {
  await service?.stop();
  await server?.stop();
});

describe("the bot, end to end", () => {
  it("subscribes with /start and delivers the scheduled digest exactly once", async () => {
    const [welcome] = await ask(a, "/start");
    expect(welcome?.text).toMatch(/Subscribed.*next digest is due/);
    expect((await ask(a, "/start"))[0]?.text).toMatch(/already subscribed/);
    expect((await ask(b, "/start"))[0]?.text).toMatch(/Subscribed/);
    expect((await ask(a, "/latest"))[0]?.text).toMatch(/No digest yet/);

    for (const f of readdirSync(SEEDS_DIR)) copyFileSync(join(SEEDS_DIR, f), join(input, f));
    await waitFor(
      async () => (digestMessages(await read(a)).length > 0 ? true : undefined),
      20_000,
      "digest",
    );
    // Several more ticks: nothing new, so nothing more is sent.
    await new Promise((r) => setTimeout(r, 5_000));
    for (const c of [a, b]) {
      const digests = digestMessages(await read(c));
      expect(digests).toHaveLength(1);
      expect(digests[0]?.text).toContain("Kyrgyzstan Says It Foiled Two Islamic State Attacks");
    }
  });

  it("answers /latest with every part of the latest digest", async () => {
    const [latest] = await ask(a, "/latest");
    expect(latest?.text).toMatch(/^<b>News digest/);
    expect(latest?.text).toContain("<b>2. Kyrgyzstan Says It Foiled Two Islamic State Attacks</b>");
  });

  it("answers /source 1 with the articles and a button that sends an article's text", async () => {
    const [sources] = await ask(a, "/source 1");
    expect(sources?.text).toMatch(/^<b>Sources of story 1: /);
    expect(sources?.text).toContain("The Moscow Times");
    const buttons = sources?.reply_markup?.inline_keyboard?.flat() ?? [];
    expect(buttons).toHaveLength(4);
    const before = (await read(a)).length;
    await a.sendCallback(
      a.makeCallbackQuery(
        buttons[0]?.callback_data as string,
        { message: { chat: { id: 101 } } } as never,
      ),
    );
    const text = await waitFor(
      async () => {
        const msgs = await read(a);
        return msgs.length > before ? msgs.slice(before) : undefined;
      },
      20_000,
      "article text",
    );
    expect(text[0]?.text).toMatch(/^<b>Kazakhstan Confirms Two Citizens Killed/);
    expect(text[0]?.text).toContain("ASTANA");
  });

  it("answers bad /source arguments with a usage hint", async () => {
    for (const arg of ["", "0", "-1", "99", "abc", "1e9", "x".repeat(300)]) {
      const [reply] = await ask(a, `/source ${arg}`.trim());
      expect(reply?.text, arg).toBe(
        "Usage: /source N, where N is a story number of the latest digest (1 to 2).",
      );
    }
  });

  it("refuses admin commands to others and answers unknown input with a hint", async () => {
    expect((await ask(a, "/publish"))[0]?.text).toMatch(/^Not allowed/);
    expect((await ask(a, "/stats"))[0]?.text).toMatch(/^Not allowed/);
    expect((await ask(a, "/frobnicate"))[0]?.text).toMatch(/\/help/);
    expect((await ask(a, "/help"))[0]?.text).toContain("/source");
    const [stats] = await ask(admin(), "/stats");
    expect(stats?.text).toMatch(
      /Subscribers: 2\nLast digest: digest 1, .* 2 stories\nDeliveries: 2 sent, 0 failed, 0 pending/,
    );
  });

  it("stops deliveries after /stop and later sends only the new story", async () => {
    // Alice has the scheduled digest and her /latest reply so far.
    const aliceBefore = digestMessages(await read(a)).length;
    expect((await ask(a, "/stop"))[0]?.text).toMatch(/^Unsubscribed/);
    expect((await ask(a, "/stop"))[0]?.text).toMatch(/not subscribed/);
    writeFileSync(
      join(input, "volcano.txt"),
      [
        "Volcano Erupts on Remote Island, Forcing Evacuation",
        "",
        "A volcano on the remote island of Tavua erupted on Tuesday, sending ash twelve kilometres into the sky and forcing the evacuation of three villages.",
        "",
        "Officials said about 2,400 residents were taken by boat to the neighbouring island, and no injuries had been reported so far.",
        "",
        "Flights across the region were cancelled as the ash cloud drifted west over the ocean.",
      ].join("\n"),
    );
    const update = await waitFor(
      async () => {
        const d = digestMessages(await read(b));
        return d.length >= 2 ? d[1] : undefined;
      },
      20_000,
      "second digest",
    );
    expect(update?.text).toContain("Volcano Erupts on Remote Island");
    expect(update?.text).not.toContain("Kyrgyzstan");
    await new Promise((r) => setTimeout(r, 3_000));
    expect(digestMessages(await read(a))).toHaveLength(aliceBefore);
    expect(digestMessages(await read(b))).toHaveLength(2);
  });

  it("stops gracefully on SIGTERM with exit code 0 and never logs the token", async () => {
    expect(await service.stop()).toBe(0);
    expect(service.log()).toContain('"msg":"stopped"');
    expect(service.log()).not.toContain(TOKEN.split(":")[1]);
  });
});
