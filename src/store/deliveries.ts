/**
 * The delivery log: one row per (digest, chat), written before anything is sent. A row records
 * which message part goes out next, so a broadcast interrupted by a crash resumes where it
 * stopped and at most the parts in flight at the crash go out twice.
 */
import type { Db } from "./database.ts";

/** One pending delivery. */
export interface Delivery {
  digestId: number;
  chatId: string;
  nextPart: number;
  attempts: number;
}

/** Queues a digest for every chat given (once per chat, whatever happens later). */
export function enqueueDeliveries(
  db: Db,
  digestId: number,
  chatIds: string[],
  now = new Date(),
): number {
  const insert = db.prepare(
    "INSERT OR IGNORE INTO deliveries (digest_id, chat_id, updated_at) VALUES (?, ?, ?)",
  );
  return db.transaction(() =>
    chatIds.reduce((n, id) => n + insert.run(digestId, id, now.toISOString()).changes, 0),
  )();
}

/** Pending deliveries in order: older digests first, then in queue order. */
export function pendingDeliveries(db: Db, limit = 100_000): Delivery[] {
  return db
    .prepare<[number], { digest_id: number; chat_id: string; next_part: number; attempts: number }>(
      `SELECT digest_id, chat_id, next_part, attempts FROM deliveries
       WHERE state = 'pending' ORDER BY digest_id, rowid LIMIT ?`,
    )
    .all(limit)
    .map((r) => ({
      digestId: r.digest_id,
      chatId: r.chat_id,
      nextPart: r.next_part,
      attempts: r.attempts,
    }));
}

/** Records that part `part` was sent: the next one to send is part + 1. */
export function recordPartSent(db: Db, d: Delivery, part: number, now = new Date()): void {
  db.prepare(
    "UPDATE deliveries SET next_part = ?, updated_at = ? WHERE digest_id = ? AND chat_id = ?",
  ).run(part + 1, now.toISOString(), d.digestId, d.chatId);
}

/** Closes a delivery as sent or failed (with the reason). */
export function finishDelivery(
  db: Db,
  d: Delivery,
  state: "sent" | "failed",
  error = "",
  now = new Date(),
): void {
  db.prepare(
    "UPDATE deliveries SET state = ?, error = ?, updated_at = ? WHERE digest_id = ? AND chat_id = ?",
  ).run(state, error, now.toISOString(), d.digestId, d.chatId);
}

/** Counts an attempt that failed for a temporary reason; the delivery stays pending. */
export function recordAttempt(db: Db, d: Delivery, error: string, now = new Date()): number {
  db.prepare(
    "UPDATE deliveries SET attempts = attempts + 1, error = ?, updated_at = ? WHERE digest_id = ? AND chat_id = ?",
  ).run(error, now.toISOString(), d.digestId, d.chatId);
  return d.attempts + 1;
}

/** Delivery counts by state, for /stats. */
export function deliveryStats(db: Db): { sent: number; failed: number; pending: number } {
  const rows = db
    .prepare<[], { state: string; n: number }>(
      "SELECT state, COUNT(*) AS n FROM deliveries GROUP BY state",
    )
    .all();
  const get = (s: string) => rows.find((r) => r.state === s)?.n ?? 0;
  return { sent: get("sent"), failed: get("failed"), pending: get("pending") };
}

/**
 * Takes or renews the named lease for `owner` until now + ttlMs. Returns true if `owner` holds
 * it: only one process broadcasts, even when two were started by mistake.
 */
export function acquireLease(
  db: Db,
  name: string,
  owner: string,
  ttlMs: number,
  now = Date.now(),
): boolean {
  db.prepare(
    `INSERT INTO leases (name, owner, expires_at) VALUES (?, ?, ?)
     ON CONFLICT(name) DO UPDATE SET owner = excluded.owner, expires_at = excluded.expires_at
     WHERE leases.owner = excluded.owner OR leases.expires_at < ?`,
  ).run(name, owner, now + ttlMs, now);
  return (
    db.prepare<[string], { owner: string }>("SELECT owner FROM leases WHERE name = ?").get(name)
      ?.owner === owner
  );
}

/** Gives the lease up (only if `owner` holds it). */
export function releaseLease(db: Db, name: string, owner: string): void {
  db.prepare("DELETE FROM leases WHERE name = ? AND owner = ?").run(name, owner);
}
