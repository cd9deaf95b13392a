/**
 * Configuration: config/*.json plus environment variables, validated by one zod schema into a
 * typed Config. Only entry points (cli.ts, main.ts) call loadConfig; everything else receives
 * the values it needs as parameters. A bad value fails at start, naming the key.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { z } from "zod";
import { loadBackground } from "./background.ts";
import { type BoilerplateRules, compileRules } from "./pipeline/clean/rules.ts";
import { type ClusterOptions, DEFAULT_CLUSTER_OPTIONS } from "./pipeline/cluster.ts";
import { DigestError } from "./pipeline/errors.ts";
import { DEFAULT_FETCH_OPTIONS, type FetchOptions } from "./sources/fetch.ts";

/** Thrown when a setting is missing or malformed; the message names the key and what it expects. */
export class ConfigError extends DigestError {
  override name = "ConfigError";
  constructor(
    readonly key: string,
    readonly expected: string,
  ) {
    super(`config: ${key} ${expected}`);
  }
}

/** Telegram allows about 30 messages per second per bot; stay under it. */
const TELEGRAM_MAX_RATE = 30;

const timezone = z.string().refine((tz) => {
  try {
    new Intl.DateTimeFormat("en", { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}, "must be an IANA time zone such as UTC or Europe/Berlin");

const folderSource = z.object({ path: z.string().min(1), outlet: z.string().optional() });
const feedSource = z.object({
  url: z.url(),
  name: z.string().optional(),
  fetchArticles: z.boolean().default(true),
});

const fileSchema = z.object({
  sources: z
    .object({
      folders: z.array(folderSource).default([]),
      feeds: z.array(feedSource).default([]),
    })
    .default({ folders: [], feeds: [] }),
  digest: z
    .object({
      maxStories: z.number().int().min(1).max(100).default(10),
      maxFileBytes: z
        .number()
        .int()
        .min(1024)
        .default(5 * 1024 * 1024),
    })
    .default({ maxStories: 10, maxFileBytes: 5 * 1024 * 1024 }),
  schedule: z.string().default("0 8 * * *"),
  timezone: timezone.default("UTC"),
  digestsDir: z.string().default("digests"),
  databasePath: z.string().default("data/digest.db"),
  broadcastRate: z.number().positive().max(TELEGRAM_MAX_RATE).default(25),
  fetch: z
    .object({
      timeoutMs: z.number().int().min(100).default(DEFAULT_FETCH_OPTIONS.timeoutMs),
      maxBytes: z.number().int().min(1024).default(DEFAULT_FETCH_OPTIONS.maxBytes),
      maxRedirects: z.number().int().min(0).max(20).default(DEFAULT_FETCH_OPTIONS.maxRedirects),
      retries: z.number().int().min(0).max(10).default(DEFAULT_FETCH_OPTIONS.retries),
      allowPrivate: z.boolean().default(false),
      userAgent: z.string().min(1).default(DEFAULT_FETCH_OPTIONS.userAgent),
    })
    .default({
      timeoutMs: DEFAULT_FETCH_OPTIONS.timeoutMs,
      maxBytes: DEFAULT_FETCH_OPTIONS.maxBytes,
      maxRedirects: DEFAULT_FETCH_OPTIONS.maxRedirects,
      retries: DEFAULT_FETCH_OPTIONS.retries,
      allowPrivate: false,
      userAgent: DEFAULT_FETCH_OPTIONS.userAgent,
    }),
});

const cronField = /^[\d*/,\-A-Za-z?LW#]+$/;
const envSchema = z.object({
  BOT_TOKEN: z
    .string()
    .regex(/^\d+:[\w-]+$/, "must look like 123456:ABC-DEF… (the token BotFather gives)")
    .optional(),
  TELEGRAM_API_ROOT: z.url("must be a URL such as http://127.0.0.1:8081").optional(),
  ADMIN_IDS: z
    .string()
    .regex(/^\s*(-?\d+\s*(,\s*-?\d+\s*)*)?$/, "must be comma-separated numeric user ids")
    .optional(),
  DIGEST_SCHEDULE: z
    .string()
    .refine((s) => {
      const f = s.trim().split(/\s+/);
      return (f.length === 5 || f.length === 6) && f.every((x) => cronField.test(x));
    }, "must be a cron expression with 5 or 6 fields, e.g. '0 8 * * *'")
    .optional(),
  DIGEST_TIMEZONE: timezone.optional(),
  CHANNEL_ID: z
    .string()
    .regex(/^(-?\d+|@\w{4,})$/, "must be a numeric chat id or @channelname")
    .optional(),
  DIGEST_INPUT: z.string().min(1).optional(),
  DIGESTS_DIR: z.string().min(1).optional(),
  DATABASE_PATH: z.string().min(1).optional(),
  BROADCAST_RATE: z.coerce
    .number()
    .positive("must be a positive number")
    .max(TELEGRAM_MAX_RATE, `must be at most ${TELEGRAM_MAX_RATE} (Telegram's limit)`)
    .optional(),
  FETCH_ALLOW_PRIVATE: z.enum(["true", "false"], "must be true or false").optional(),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).optional(),
});

/** The validated, typed configuration every adapter is built from. */
export interface Config {
  botToken: string | undefined;
  apiRoot: string | undefined;
  adminIds: number[];
  schedule: string;
  timezone: string;
  channelId: string | undefined;
  folders: { path: string; outlet?: string | undefined }[];
  feeds: { url: string; name?: string | undefined; fetchArticles: boolean }[];
  /** Explicit inputs (DIGEST_INPUT) that replace the configured folders. */
  inputs: string[];
  digestsDir: string;
  databasePath: string;
  broadcastRate: number;
  maxStories: number;
  maxFileBytes: number;
  logLevel: string;
  rules: BoilerplateRules;
  /** Clustering settings, with the general-English background model loaded. */
  cluster: ClusterOptions;
  /** Limits and policy of fetching feeds and pages. */
  fetch: FetchOptions;
}

function readJson(path: string, key: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (e) {
    throw new ConfigError(key, `cannot be read from ${path}: ${(e as Error).message}`);
  }
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new ConfigError(key, `must be valid JSON (${path}: ${(e as Error).message})`);
  }
}

function firstIssue(error: z.ZodError, prefix: string): ConfigError {
  const issue = error.issues[0];
  const key = [prefix, ...(issue?.path ?? []).map(String)].filter(Boolean).join(".");
  return new ConfigError(key || prefix, issue?.message ?? "is invalid");
}

/**
 * Reads config/default.json, config/boilerplate.json and config/outlets.json from `configDir`
 * and applies the environment. `requireBot` makes BOT_TOKEN mandatory (the service needs it,
 * the CLI's build does not).
 */
export function loadConfig(
  env: Record<string, string | undefined>,
  configDir = "config",
  requireBot = false,
): Config {
  const parsedFile = fileSchema.safeParse(
    readJson(join(configDir, "default.json"), "config/default.json"),
  );
  if (!parsedFile.success) throw firstIssue(parsedFile.error, "config/default.json");
  const cleanEnv = Object.fromEntries(
    Object.entries(env).filter(([k, v]) => k in envSchema.shape && v !== undefined && v !== ""),
  );
  const parsedEnv = envSchema.safeParse(cleanEnv);
  if (!parsedEnv.success) throw firstIssue(parsedEnv.error, "");
  const file = parsedFile.data;
  const e = parsedEnv.data;
  if (requireBot && !e.BOT_TOKEN) {
    throw new ConfigError("BOT_TOKEN", "is required: get one from @BotFather and put it in .env");
  }
  const rules = compileRules(
    readJson(join(configDir, "boilerplate.json"), "config/boilerplate.json") as never,
    readJson(join(configDir, "outlets.json"), "config/outlets.json") as Record<string, string>,
  );
  return {
    botToken: e.BOT_TOKEN,
    apiRoot: e.TELEGRAM_API_ROOT,
    adminIds: (e.ADMIN_IDS ?? "")
      .split(",")
      .map((s) => s.trim())
      .filter(Boolean)
      .map(Number),
    schedule: e.DIGEST_SCHEDULE ?? file.schedule,
    timezone: e.DIGEST_TIMEZONE ?? file.timezone,
    channelId: e.CHANNEL_ID,
    folders: file.sources.folders,
    feeds: file.sources.feeds,
    inputs: e.DIGEST_INPUT ? e.DIGEST_INPUT.split(":").filter(Boolean) : [],
    digestsDir: e.DIGESTS_DIR ?? file.digestsDir,
    databasePath: e.DATABASE_PATH ?? file.databasePath,
    broadcastRate: e.BROADCAST_RATE ?? file.broadcastRate,
    maxStories: file.digest.maxStories,
    maxFileBytes: file.digest.maxFileBytes,
    logLevel: e.LOG_LEVEL ?? "info",
    rules,
    cluster: { ...DEFAULT_CLUSTER_OPTIONS, background: loadBackground() },
    fetch: {
      ...DEFAULT_FETCH_OPTIONS,
      ...file.fetch,
      allowPrivate: e.FETCH_ALLOW_PRIVATE
        ? e.FETCH_ALLOW_PRIVATE === "true"
        : file.fetch.allowPrivate,
    },
  };
}
