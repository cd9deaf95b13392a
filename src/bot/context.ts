/** What the bot's features share: the database, the logger and the publishing hooks. */
import type { Logger } from "../log.ts";
import type { Db } from "../store/database.ts";

/** Dependencies of createBot, passed in so tests can supply their own. */
export interface BotDeps {
  db: Db;
  log: Logger;
  /** Telegram user ids allowed /publish and /stats. */
  adminIds: number[];
  /** When the next scheduled digest is due, or null when none is scheduled. */
  nextRun: () => Date | null;
  timeZone: string;
  /** Builds a digest now and broadcasts it (the admin's /publish). */
  publish: () => Promise<{ digestId?: number | undefined; stories: number; queued: number }>;
}

/** The commands, as registered with setMyCommands and listed by /help. */
export const COMMANDS = [
  { command: "start", description: "Subscribe this chat to the digest" },
  { command: "stop", description: "Unsubscribe" },
  { command: "latest", description: "The latest digest" },
  { command: "source", description: "Where story N of the latest digest came from: /source N" },
  { command: "help", description: "What each command does" },
  { command: "publish", description: "Admins: build and send a digest now" },
  { command: "stats", description: "Admins: subscribers and deliveries" },
] as const;

/** A date in the configured time zone, e.g. "Mon, 23 Nov 2026, 08:00 UTC". */
export function formatTime(date: Date, timeZone: string): string {
  const text = new Intl.DateTimeFormat("en-GB", {
    weekday: "short",
    day: "numeric",
    month: "short",
    year: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
    timeZone,
  }).format(date);
  return `${text} ${timeZone}`;
}
