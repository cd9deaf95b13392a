/**
 * The broadcaster: delivers queued digests to every chat exactly once, within the rate limit.
 * Deliveries are rows written before sending (store/deliveries.ts); each part sent is recorded,
 * so after a crash the next process resumes where this one stopped. A lease in the database makes
 * sure only one process broadcasts. Errors are classified here:
 * - 429: every worker pauses for retry_after, then the same part is sent again (give the
 *   broadcaster an Api whose auto-retry rethrows 429s: see createApi in publish.ts);
 * - 5xx / network errors: retried (grammY's auto-retry, then later passes with backoff);
 * - 403 (blocked, kicked, deactivated) and "chat not found": the chat is unsubscribed;
 * - migrate_to_chat_id: the subscription moves and the delivery goes to the new id.
 */
import { randomUUID } from "node:crypto";
import { type Api, GrammyError } from "grammy";
import type { Logger } from "../log.ts";
import type { Db } from "../store/database.ts";
import {
  acquireLease,
  type Delivery,
  finishDelivery,
  pendingDeliveries,
  recordAttempt,
  recordPartSent,
  releaseLease,
} from "../store/deliveries.ts";
import { getDigest, type SavedDigest } from "../store/digests.ts";
import { migrateChat, unsubscribe } from "../store/subscribers.ts";

/** What the broadcaster needs. */
export interface BroadcasterOptions {
  db: Db;
  api: Api;
  log: Logger;
  /** Messages per second across all chats. */
  rate: number;
  /** Chats sent to in parallel (each chat's parts stay in order). */
  concurrency?: number;
  /** How long the broadcast lease lasts without renewal. */
  leaseMs?: number;
  /** Temporary failures a delivery survives before it is marked failed (and logged as an error). */
  maxAttempts?: number;
  /** Pause before retrying deliveries that failed temporarily. */
  retryDelayMs?: number;
}

/** Outcome of one drain. */
export interface BroadcastReport {
  sent: number;
  failed: number;
  pending: number;
  /** False when another process holds the lease (nothing was sent). */
  leader: boolean;
}

const LEASE = "broadcast";
/** Default lease: long enough to survive a slow send, short enough that a crash frees it soon. */
const DEFAULT_LEASE_MS = 15_000;
/** Enough parallel chats to keep 25 messages/s flowing with ~100 ms round trips. */
const DEFAULT_CONCURRENCY = 8;
const DEFAULT_MAX_ATTEMPTS = 5;
const DEFAULT_RETRY_DELAY_MS = 2_000;
/** Share of the configured rate actually used, so jitter does not trip the server's limit. */
const RATE_MARGIN = 0.97;

/**
 * Spaces sends evenly: at most `rate` per second across every worker. A 429 pauses everyone,
 * since Telegram's limit is per bot, not per chat.
 */
export class RateLimiter {
  private next = 0;
  constructor(private readonly rate: number) {}

  /** Resolves when the caller may send one message. */
  async take(): Promise<void> {
    const now = performance.now();
    const slot = Math.max(now, this.next);
    this.next = slot + 1000 / this.rate;
    if (slot > now) await sleep(slot - now);
  }

  /** No slot before `ms` from now (Telegram said retry_after). */
  pause(ms: number): void {
    this.next = Math.max(this.next, performance.now() + ms);
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Delivers queued digests; `drain()` runs until nothing is pending or `stop()` is called. */
export class Broadcaster {
  private readonly owner = randomUUID();
  private readonly limiter: RateLimiter;
  private stopping = false;
  private draining: Promise<BroadcastReport> | undefined;

  constructor(private readonly options: BroadcasterOptions) {
    // A little under the rate: requests arrive with jitter, and Telegram counts arrivals.
    this.limiter = new RateLimiter(options.rate * RATE_MARGIN);
  }

  /** Sends everything pending. Concurrent calls share one run. */
  drain(): Promise<BroadcastReport> {
    this.draining ??= this.run().finally(() => {
      this.draining = undefined;
    });
    return this.draining;
  }

  /** Finishes the messages in flight, records progress and stops. */
  async stop(): Promise<void> {
    this.stopping = true;
    await this.draining?.catch(() => undefined);
  }

  private async run(): Promise<BroadcastReport> {
    const { db, log } = this.options;
    const leaseMs = this.options.leaseMs ?? DEFAULT_LEASE_MS;
    const report: BroadcastReport = { sent: 0, failed: 0, pending: 0, leader: false };
    if (!acquireLease(db, LEASE, this.owner, leaseMs)) {
      log.info("another process is broadcasting; leaving the queue to it");
      report.pending = pendingDeliveries(db).length;
      return report;
    }
    report.leader = true;
    const renew = setInterval(() => {
      if (!acquireLease(db, LEASE, this.owner, leaseMs)) {
        log.error("lost the broadcast lease; stopping");
        this.stopping = true;
      }
    }, leaseMs / 3);
    try {
      for (let pass = 0; !this.stopping; pass++) {
        const queue = pendingDeliveries(db);
        if (queue.length === 0) break;
        if (pass > 0)
          await sleep(
            (this.options.retryDelayMs ?? DEFAULT_RETRY_DELAY_MS) * 2 ** Math.min(pass - 1, 5),
          );
        const digests = new Map<number, SavedDigest | undefined>();
        const workers = Array.from(
          { length: this.options.concurrency ?? DEFAULT_CONCURRENCY },
          async () => {
            for (let d = queue.shift(); d && !this.stopping; d = queue.shift()) {
              if (!digests.has(d.digestId)) digests.set(d.digestId, getDigest(db, d.digestId));
              const outcome = await this.deliver(d, digests.get(d.digestId));
              if (outcome === "sent") report.sent++;
              else if (outcome === "failed") report.failed++;
            }
          },
        );
        await Promise.all(workers);
      }
    } finally {
      clearInterval(renew);
      releaseLease(db, LEASE, this.owner);
    }
    report.pending = pendingDeliveries(db).length;
    log.info(report, "broadcast finished");
    return report;
  }

  private async deliver(
    d: Delivery,
    digest: SavedDigest | undefined,
  ): Promise<"sent" | "failed" | "retry"> {
    const { db, api, log } = this.options;
    if (!digest) {
      finishDelivery(db, d, "failed", "digest not found");
      log.error({ digest: d.digestId, chat: d.chatId }, "delivery refers to a missing digest");
      return "failed";
    }
    let chatId = d.chatId;
    for (let part = d.nextPart; part < digest.telegram.length; part++) {
      if (this.stopping) return "retry";
      await this.limiter.take();
      try {
        await api.sendMessage(chatId, digest.telegram[part] as string, {
          parse_mode: "HTML",
          link_preview_options: { is_disabled: true },
        });
      } catch (e) {
        const retryAfter =
          e instanceof GrammyError && e.error_code === 429 ? e.parameters.retry_after : undefined;
        if (retryAfter !== undefined) {
          log.warn({ chat: chatId, retryAfter }, "429 from Telegram; pausing all sends");
          this.limiter.pause(retryAfter * 1000);
          part--;
          continue;
        }
        const migrated = e instanceof GrammyError ? e.parameters.migrate_to_chat_id : undefined;
        if (migrated !== undefined) {
          log.info({ from: chatId, to: migrated }, "chat migrated; moving its subscription");
          migrateChat(db, chatId, migrated);
          chatId = String(migrated);
          d.chatId = chatId;
          part--;
          continue;
        }
        return this.failure(d, e);
      }
      recordPartSent(db, d, part);
    }
    finishDelivery(db, d, "sent");
    return "sent";
  }

  private failure(d: Delivery, e: unknown): "failed" | "retry" {
    const { db, log } = this.options;
    const message = e instanceof Error ? e.message : String(e);
    if (
      e instanceof GrammyError &&
      (e.error_code === 403 || /chat not found/i.test(e.description))
    ) {
      unsubscribe(db, d.chatId, e.description);
      finishDelivery(db, d, "failed", e.description);
      log.warn({ chat: d.chatId, reason: e.description }, "chat unreachable; unsubscribed");
      return "failed";
    }
    const attempts = recordAttempt(db, d, message);
    if (attempts >= (this.options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS)) {
      finishDelivery(db, d, "failed", message);
      log.error(
        { chat: d.chatId, digest: d.digestId, attempts, error: message },
        "delivery failed for good",
      );
      return "failed";
    }
    log.warn({ chat: d.chatId, attempts, error: message }, "delivery failed; will retry");
    return "retry";
  }
}
