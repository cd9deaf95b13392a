/**
 * Digests, stories and articles in the database: what was published, so a build does not repeat
 * a story, and what /latest and /source show.
 */
import type { StoryHistory } from "../pipeline/run.ts";
import type { Article, Digest, DigestStory } from "../pipeline/types.ts";
import type { Db } from "./database.ts";

/** A saved digest as read back. */
export interface SavedDigest extends Digest {
  id: number;
}

/** History backed by story_articles: which articles were already in a published story. */
export function storyHistory(db: Db): StoryHistory {
  const lookup = db.prepare<[string], { story_key: string }>(
    "SELECT story_key FROM story_articles WHERE article_id = ?",
  );
  return {
    status(articleIds) {
      const keys = new Map<string, number>();
      let known = 0;
      for (const id of new Set(articleIds)) {
        const row = lookup.get(id);
        if (!row) continue;
        known++;
        keys.set(row.story_key, (keys.get(row.story_key) ?? 0) + 1);
      }
      if (known === 0) return { state: "new" };
      const key = [...keys.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
      return {
        state: known === new Set(articleIds).size ? "published" : "updated",
        ...(key ? { key } : {}),
      };
    },
  };
}

/** Saves a digest with its stories and their articles in one transaction; returns its id. */
export function saveDigest(db: Db, digest: Digest, articles: Article[]): number {
  const byId = new Map(articles.map((a) => [a.id, a]));
  const insertDigest = db.prepare(
    "INSERT INTO digests (created_at, markdown, json) VALUES (?, ?, ?)",
  );
  const upsertStory = db.prepare(
    `INSERT INTO stories (key, headline, first_digest, last_digest) VALUES (?, ?, ?, ?)
     ON CONFLICT(key) DO UPDATE SET headline = excluded.headline, last_digest = excluded.last_digest`,
  );
  const linkArticle = db.prepare(
    "INSERT OR IGNORE INTO story_articles (article_id, story_key) VALUES (?, ?)",
  );
  const insertArticle = db.prepare(
    `INSERT OR IGNORE INTO articles (id, input, title, outlet, url, published, text, first_seen)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const position = db.prepare(
    "INSERT INTO digest_stories (digest_id, position, story_key) VALUES (?, ?, ?)",
  );
  return db.transaction(() => {
    const id = Number(
      insertDigest.run(digest.createdAt, digest.markdown, JSON.stringify(digest)).lastInsertRowid,
    );
    digest.stories.forEach((s, i) => {
      upsertStory.run(s.key, s.headline, id, id);
      position.run(id, i, s.key);
      for (const ref of s.articles) {
        linkArticle.run(ref.articleId, s.key);
        const a = byId.get(ref.articleId);
        if (a) {
          insertArticle.run(
            a.id,
            a.input,
            a.title,
            a.outlet,
            a.url,
            a.published,
            a.paragraphs.join("\n\n"),
            digest.createdAt,
          );
        }
      }
    });
    return id;
  })();
}

/** The most recent digest, or undefined before the first. */
export function latestDigest(db: Db): SavedDigest | undefined {
  const row = db
    .prepare<[], { id: number; json: string }>(
      "SELECT id, json FROM digests ORDER BY id DESC LIMIT 1",
    )
    .get();
  return row ? { ...(JSON.parse(row.json) as Digest), id: row.id } : undefined;
}

/** A digest by id. */
export function getDigest(db: Db, id: number): SavedDigest | undefined {
  const row = db
    .prepare<[number], { id: number; json: string }>("SELECT id, json FROM digests WHERE id = ?")
    .get(id);
  return row ? { ...(JSON.parse(row.json) as Digest), id: row.id } : undefined;
}

/** The cleaned text of a stored article, for the /source buttons. */
export function articleText(db: Db, id: string): { title: string; text: string } | undefined {
  return db
    .prepare<[string], { title: string; text: string }>(
      "SELECT title, text FROM articles WHERE id = ?",
    )
    .get(id);
}

/** Counts for /stats. */
export function digestCount(db: Db): number {
  return (db.prepare("SELECT COUNT(*) AS n FROM digests").get() as { n: number }).n;
}

export type { DigestStory };
