/**
 * A small fake Bot API server on loopback for what telegram-test-api lacks: rate limits with
 * 429 + retry_after, 403 blocked users, "chat not found", 5xx, group migration, slow replies,
 * and strict checks of every sendMessage (HTML Telegram accepts, ≤ 4096 characters, previews
 * off). Used by the tests and by `npm run bench:bot`.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

const ALLOWED_TAGS = new Set([
  "b",
  "strong",
  "i",
  "em",
  "u",
  "ins",
  "s",
  "strike",
  "del",
  "a",
  "code",
  "pre",
  "blockquote",
  "tg-spoiler",
  "span",
]);
/** Telegram's limit on a message's text. */
const MAX_TEXT = 4096;

/** Why Telegram would refuse this HTML, or undefined if it would accept it. */
export function telegramHtmlProblem(html: string): string | undefined {
  if (html.length > MAX_TEXT) return `message is ${html.length} characters, over ${MAX_TEXT}`;
  if (html.trim().length === 0) return "message is empty";
  const stack: string[] = [];
  const tag =
    /<(\/?)([a-zA-Z-]+)((?:\s+[a-z-]+="[^"<>]*")*)\s*>|<|>|&(?:amp|lt|gt|quot|#\d+|#x[0-9a-f]+);|&/gi;
  for (const m of html.matchAll(tag)) {
    const [all, close, name = "", attrs = ""] = m;
    if (all === "<" || all === ">") return `unescaped "${all}" at ${m.index}`;
    if (all === "&") return `unescaped "&" at ${m.index}`;
    if (all.startsWith("&")) continue;
    const lower = name.toLowerCase();
    if (!ALLOWED_TAGS.has(lower)) return `unsupported tag <${name}>`;
    if (close) {
      if (stack.pop() !== lower) return `unbalanced </${name}>`;
    } else {
      if (lower === "a" && !/^\s+href="[^"]+"$/.test(attrs)) return "<a> needs exactly one href";
      if (lower !== "a" && attrs.trim()) return `unexpected attributes on <${name}>`;
      stack.push(lower);
    }
  }
  return stack.length ? `unclosed <${stack.join("><")}>` : undefined;
}

/** One message the fake server accepted. */
export interface SentMessage {
  chatId: string;
  text: string;
  at: number;
}

/** Behaviour of the fake server; every field can be changed while it runs. */
export interface FakeBehaviour {
  /** Messages per second accepted across all chats; beyond it, 429 with retry_after. */
  rateLimit?: number;
  /** retry_after (seconds) sent with a 429. */
  retryAfter?: number;
  blocked: Set<string>;
  notFound: Set<string>;
  /** Chat id → how many more sendMessage calls fail with 500. */
  serverErrors: Map<string, number>;
  /** Group id → supergroup id it migrated to. */
  migrated: Map<string, string>;
  /** Extra latency of every sendMessage, in milliseconds. */
  delayMs: number;
}

/** A running fake server. */
export interface FakeTelegram {
  apiRoot: string;
  behaviour: FakeBehaviour;
  sent: SentMessage[];
  /** Requests refused: 429s, and messages that failed the HTML/length/preview checks. */
  tooMany: number;
  invalid: string[];
  /** Updates served to getUpdates (for the /start flood). */
  pushUpdate(update: Record<string, unknown>): void;
  close(): Promise<void>;
}

/** Starts a fake Bot API server on 127.0.0.1 with a random port. */
export async function startFakeTelegram(
  behaviour: Partial<FakeBehaviour> = {},
): Promise<FakeTelegram> {
  const state: FakeTelegram = {
    apiRoot: "",
    behaviour: {
      blocked: new Set(),
      notFound: new Set(),
      serverErrors: new Map(),
      migrated: new Map(),
      delayMs: 0,
      ...behaviour,
    },
    sent: [],
    tooMany: 0,
    invalid: [],
    pushUpdate: (u) => {
      updates.push({ ...u, update_id: ++updateId });
      for (const w of waiters.splice(0)) w();
    },
    close: () => new Promise((r) => server.close(() => r())),
  };
  const updates: Array<Record<string, unknown>> = [];
  const waiters: Array<() => void> = [];
  let updateId = 0;
  let messageId = 0;
  const window: number[] = [];

  const reply = (res: ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { "content-type": "application/json" });
    res.end(JSON.stringify(body));
  };
  const error = (
    res: ServerResponse,
    code: number,
    description: string,
    parameters?: Record<string, unknown>,
  ) =>
    reply(res, code, {
      ok: false,
      error_code: code,
      description,
      ...(parameters ? { parameters } : {}),
    });

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const method = /^\/bot[^/]+\/(\w+)/.exec(req.url ?? "")?.[1] ?? "";
    let raw = "";
    for await (const chunk of req) raw += chunk;
    const body = (raw ? JSON.parse(raw) : {}) as Record<string, unknown>;
    const b = state.behaviour;
    switch (method) {
      case "getMe":
        return reply(res, 200, {
          ok: true,
          result: { id: 1, is_bot: true, first_name: "Digest", username: "digest_bot" },
        });
      case "setMyCommands":
      case "answerCallbackQuery":
      case "deleteWebhook":
        return reply(res, 200, { ok: true, result: true });
      case "getUpdates": {
        const offset = Number(body.offset ?? 0);
        while (updates.length && Number(updates[0]?.update_id) < offset) updates.shift();
        if (updates.length === 0) {
          // Long polling, but short: a stopped bot must not wait long for its last request.
          await new Promise<void>((r) => {
            waiters.push(r);
            setTimeout(r, Math.min(Number(body.timeout ?? 0), 1) * 1000);
          });
        }
        return reply(res, 200, { ok: true, result: updates.slice(0, Number(body.limit ?? 100)) });
      }
      case "sendMessage": {
        if (b.delayMs) await new Promise((r) => setTimeout(r, b.delayMs));
        const chatId = String(body.chat_id);
        const now = Date.now();
        if (b.rateLimit) {
          while (window.length && (window[0] as number) <= now - 1000) window.shift();
          if (window.length >= b.rateLimit) {
            state.tooMany++;
            return error(res, 429, `Too Many Requests: retry after ${b.retryAfter ?? 1}`, {
              retry_after: b.retryAfter ?? 1,
            });
          }
          window.push(now);
        }
        const failures = b.serverErrors.get(chatId) ?? 0;
        if (failures > 0) {
          b.serverErrors.set(chatId, failures - 1);
          return error(res, 500, "Internal Server Error");
        }
        if (b.blocked.has(chatId)) return error(res, 403, "Forbidden: bot was blocked by the user");
        if (b.notFound.has(chatId)) return error(res, 400, "Bad Request: chat not found");
        const to = b.migrated.get(chatId);
        if (to)
          return error(res, 400, "Bad Request: group chat was upgraded to a supergroup chat", {
            migrate_to_chat_id: Number(to),
          });
        const text = String(body.text ?? "");
        const problem =
          body.parse_mode !== "HTML"
            ? "parse_mode is not HTML"
            : (body.link_preview_options as { is_disabled?: boolean } | undefined)?.is_disabled !==
                true
              ? "link previews are not off"
              : telegramHtmlProblem(text);
        if (problem) {
          state.invalid.push(problem);
          return error(res, 400, `Bad Request: can't parse entities: ${problem}`);
        }
        state.sent.push({ chatId, text, at: now });
        return reply(res, 200, {
          ok: true,
          result: {
            message_id: ++messageId,
            date: Math.floor(now / 1000),
            chat: { id: Number(chatId), type: "private" },
            text,
          },
        });
      }
      default:
        return error(res, 404, `Not Found: method ${method} is not faked`);
    }
  };

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((e: unknown) => error(res, 500, String(e)));
  });
  server.keepAliveTimeout = 1000;
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
  state.apiRoot = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return state;
}
