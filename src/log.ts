/**
 * Structured logging (pino) to stderr, so stdout stays clean for `--json`. On a terminal the
 * lines are shortened to "level: message key=value"; elsewhere they are JSON. Every line passes
 * through a filter that replaces secrets (the bot token) wherever they appear.
 */
import pino, { type Logger } from "pino";

export type { Logger };

/** Options of createLogger. */
export interface LogOptions {
  level?: string;
  /** Strings that must never be written (the bot token). */
  secrets?: Array<string | undefined>;
  /** Human-readable lines instead of JSON (default: when stderr is a terminal). */
  pretty?: boolean;
  /** Where lines go (default: stderr). */
  write?: (line: string) => void;
}

/** Creates the process's logger. */
export function createLogger(options: LogOptions = {}): Logger {
  const secrets = (options.secrets ?? []).filter(
    (s): s is string => typeof s === "string" && s.length >= 6,
  );
  const pretty = options.pretty ?? Boolean(process.stderr.isTTY);
  const out = options.write ?? ((line: string) => process.stderr.write(line));
  const scrub = (line: string) => secrets.reduce((l, s) => l.split(s).join("[redacted]"), line);
  const stream = {
    write(line: string) {
      out(scrub(pretty ? humanize(line) : line));
    },
  };
  return pino(
    {
      level: options.level ?? "info",
      base: undefined,
      formatters: { level: (label) => ({ level: label }) },
      redact: { paths: ["token", "botToken", "*.token", "*.botToken"], censor: "[redacted]" },
    },
    stream,
  );
}

function humanize(line: string): string {
  try {
    const { level, time: _time, msg, ...rest } = JSON.parse(line) as Record<string, unknown>;
    const extras = Object.entries(rest)
      .map(([k, v]) => `${k}=${typeof v === "string" ? v : JSON.stringify(v)}`)
      .join(" ");
    return `${String(level)}: ${String(msg ?? "")}${extras ? ` ${extras}` : ""}\n`;
  } catch {
    return line;
  }
}
