import { describe, expect, it } from "vitest";
import { runPipeline } from "../../src/pipeline/run.ts";
import { openDatabase } from "../../src/store/database.ts";
import { articleText, latestDigest, saveDigest, storyHistory } from "../../src/store/digests.ts";
import { config, seedFiles } from "../helpers/fixtures.ts";

const build = (db: ReturnType<typeof openDatabase>, files = seedFiles()) =>
  runPipeline(files, {
    rules: config.rules,
    cluster: config.cluster,
    maxStories: 10,
    now: new Date("2026-11-22T08:00:00Z"),
    history: storyHistory(db),
  });

describe("digest store", () => {
  it("saves digests and reports articles as new, published or updated", () => {
    const db = openDatabase(":memory:");
    expect(latestDigest(db)).toBeUndefined();
    const first = build(
      db,
      seedFiles().filter((f) => !f.input.includes("/003_")),
    );
    const id = saveDigest(db, first.digest, first.articles);
    const saved = latestDigest(db);
    expect(saved?.id).toBe(id);
    expect(saved?.stories.map((s) => s.headline)).toEqual(
      first.digest.stories.map((s) => s.headline),
    );
    const ids = first.digest.stories[0]?.articles.map((a) => a.articleId) ?? [];
    const history = storyHistory(db);
    expect(history.status(ids).state).toBe("published");
    expect(history.status([...ids, "unknown"]).state).toBe("updated");
    expect(history.status(["unknown"]).state).toBe("new");
    expect(articleText(db, ids[0] as string)?.text.length).toBeGreaterThan(100);

    const second = build(db);
    expect(second.digest.stories).toHaveLength(1);
    expect(second.digest.stories[0]?.updated).toBe(true);
    expect(second.digest.stories[0]?.key).toBe(first.digest.stories[0]?.key);
  });

  it("migrates a database file once and reopens it", () => {
    const db = openDatabase(":memory:");
    expect(db.pragma("user_version", { simple: true })).toBe(2);
    const tables = db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
      .all();
    expect(tables.map((t) => (t as { name: string }).name)).toEqual(
      expect.arrayContaining(["articles", "deliveries", "digests", "stories", "subscribers"]),
    );
  });
});
