/** Subscribed chats: who receives digests. Chat ids are stored as text (ids or @channel names). */
import type { Db } from "./database.ts";

/** Subscribes a chat; returns false if it already was subscribed (idempotent). */
export function subscribe(
  db: Db,
  chatId: string | number,
  kind: string,
  now = new Date(),
): boolean {
  const id = String(chatId);
  const row = db
    .prepare<[string], { active: number }>("SELECT active FROM subscribers WHERE chat_id = ?")
    .get(id);
  if (row?.active === 1) return false;
  db.prepare(
    `INSERT INTO subscribers (chat_id, kind, active, subscribed_at) VALUES (?, ?, 1, ?)
     ON CONFLICT(chat_id) DO UPDATE SET active = 1, kind = excluded.kind, subscribed_at = excluded.subscribed_at, note = ''`,
  ).run(id, kind, now.toISOString());
  return true;
}

/** Unsubscribes a chat, noting why; returns false if it was not subscribed. */
export function unsubscribe(db: Db, chatId: string | number, note = "stopped"): boolean {
  return (
    db
      .prepare("UPDATE subscribers SET active = 0, note = ? WHERE chat_id = ? AND active = 1")
      .run(note, String(chatId)).changes > 0
  );
}

/** True when the chat receives digests. */
export function isSubscribed(db: Db, chatId: string | number): boolean {
  return (
    db
      .prepare<[string], { active: number }>("SELECT active FROM subscribers WHERE chat_id = ?")
      .get(String(chatId))?.active === 1
  );
}

/** Every subscribed chat, oldest first. */
export function activeSubscribers(db: Db): string[] {
  return db
    .prepare<[], { chat_id: string }>(
      "SELECT chat_id FROM subscribers WHERE active = 1 ORDER BY subscribed_at, chat_id",
    )
    .all()
    .map((r) => r.chat_id);
}

/** Moves a group's subscription to its new supergroup id (Telegram's migrate_to_chat_id). */
export function migrateChat(db: Db, from: string | number, to: string | number): void {
  db.transaction(() => {
    const row = db
      .prepare<[string], { kind: string }>("SELECT kind FROM subscribers WHERE chat_id = ?")
      .get(String(from));
    unsubscribe(db, from, `migrated to ${to}`);
    subscribe(db, to, row?.kind ?? "supergroup");
    db.prepare(
      "UPDATE OR IGNORE deliveries SET chat_id = ? WHERE chat_id = ? AND state = 'pending'",
    ).run(String(to), String(from));
  })();
}

/** Number of subscribed chats. */
export function subscriberCount(db: Db): number {
  return (
    db.prepare("SELECT COUNT(*) AS n FROM subscribers WHERE active = 1").get() as { n: number }
  ).n;
}
