/**
 * The embedded SQLite database (better-sqlite3): schema and migrations. One file, WAL mode, so
 * the bot can read while a build writes, and a crash loses at most the transaction in flight.
 */
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import Database from "better-sqlite3";
import { DigestError } from "../pipeline/errors.ts";

/** A better-sqlite3 connection. */
export type Db = Database.Database;

/** Thrown when the database cannot be opened or migrated. */
export class StoreError extends DigestError {
  override name = "StoreError";
}

/** Each entry migrates from version i to i + 1; never edit a released one, append instead. */
const MIGRATIONS: string[] = [
  `CREATE TABLE articles (
     id TEXT PRIMARY KEY,
     input TEXT NOT NULL,
     title TEXT NOT NULL,
     outlet TEXT NOT NULL,
     url TEXT NOT NULL,
     published TEXT NOT NULL,
     text TEXT NOT NULL,
     first_seen TEXT NOT NULL
   );
   CREATE TABLE stories (
     key TEXT PRIMARY KEY,
     headline TEXT NOT NULL,
     first_digest INTEGER NOT NULL,
     last_digest INTEGER NOT NULL
   );
   CREATE TABLE story_articles (
     article_id TEXT PRIMARY KEY,
     story_key TEXT NOT NULL REFERENCES stories(key)
   );
   CREATE TABLE digests (
     id INTEGER PRIMARY KEY AUTOINCREMENT,
     created_at TEXT NOT NULL,
     markdown TEXT NOT NULL,
     json TEXT NOT NULL
   );
   CREATE TABLE digest_stories (
     digest_id INTEGER NOT NULL REFERENCES digests(id),
     position INTEGER NOT NULL,
     story_key TEXT NOT NULL,
     PRIMARY KEY (digest_id, position)
   );`,
  `CREATE TABLE subscribers (
     chat_id TEXT PRIMARY KEY,
     kind TEXT NOT NULL,
     active INTEGER NOT NULL DEFAULT 1,
     subscribed_at TEXT NOT NULL,
     note TEXT NOT NULL DEFAULT ''
   );
   CREATE TABLE deliveries (
     digest_id INTEGER NOT NULL REFERENCES digests(id),
     chat_id TEXT NOT NULL,
     next_part INTEGER NOT NULL DEFAULT 0,
     state TEXT NOT NULL DEFAULT 'pending',
     attempts INTEGER NOT NULL DEFAULT 0,
     error TEXT NOT NULL DEFAULT '',
     updated_at TEXT NOT NULL,
     PRIMARY KEY (digest_id, chat_id)
   );
   CREATE INDEX deliveries_pending ON deliveries(state, digest_id);
   CREATE TABLE leases (
     name TEXT PRIMARY KEY,
     owner TEXT NOT NULL,
     expires_at INTEGER NOT NULL
   );
   CREATE TABLE feed_state (
     url TEXT PRIMARY KEY,
     etag TEXT NOT NULL DEFAULT '',
     last_modified TEXT NOT NULL DEFAULT '',
     seen TEXT NOT NULL DEFAULT '[]'
   );`,
];

/** Opens (creating the folder and file if needed) and migrates the database at `path`. */
export function openDatabase(path: string): Db {
  let db: Db;
  try {
    if (path !== ":memory:") mkdirSync(dirname(path), { recursive: true });
    db = new Database(path);
  } catch (e) {
    throw new StoreError(
      `cannot open the database at ${path}: ${(e as Error).message}; set DATABASE_PATH to a writable file`,
    );
  }
  db.pragma("journal_mode = WAL");
  // With WAL, NORMAL is safe against a crash of this process (only an OS crash can lose the
  // last commits) and makes each small write far cheaper than FULL.
  db.pragma("synchronous = NORMAL");
  db.pragma("foreign_keys = ON");
  // Wait for another process's write instead of failing at once (milliseconds).
  db.pragma("busy_timeout = 5000");
  const version = db.pragma("user_version", { simple: true }) as number;
  if (version > MIGRATIONS.length) {
    throw new StoreError(
      `the database at ${path} has schema version ${version}, newer than this program knows (${MIGRATIONS.length}); upgrade the program`,
    );
  }
  for (let v = version; v < MIGRATIONS.length; v++) {
    db.transaction(() => {
      db.exec(MIGRATIONS[v] as string);
      db.pragma(`user_version = ${v + 1}`);
    })();
  }
  return db;
}
