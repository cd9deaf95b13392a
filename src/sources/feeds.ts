/**
 * Feed sources: RSS 2.0, Atom 1.0, RDF/RSS 1.0 and JSON Feed, parsed with feedsmith. Each feed
 * is fetched with a conditional request (its ETag / Last-Modified are stored), so an unchanged
 * feed costs one small 304. Items already seen (by guid, else link, else title + date) are not
 * fetched again. An item whose feed content holds the full article is used as is; otherwise its
 * page is fetched and extracted (fetchArticles). A failing feed or page is logged with the
 * feed's name and skipped; the other sources go on.
 */
import { parseFeed } from "feedsmith";
import type { Logger } from "../log.ts";
import type { ArticleMeta, SourceFile } from "../pipeline/types.ts";
import type { Db } from "../store/database.ts";
import { type FetchOptions, safeFetch } from "./fetch.ts";

/** A configured feed. */
export interface FeedSource {
  url: string;
  name?: string | undefined;
  fetchArticles: boolean;
}

/** Feed content with at least this much text (tags stripped) is the whole article. */
const FULL_CONTENT_CHARS = 1500;
/** How many item keys are remembered per feed (older ones are forgotten). */
const MAX_SEEN = 5000;
const FEED_TYPES = /xml|rss|atom|json|rdf|text\/plain/i;
const PAGE_TYPES = /html|xml|text\/plain/i;

interface Item {
  key: string;
  title: string;
  link: string;
  published: string;
  content: string;
}

/** New feed items, and `commit` to remember them (and the feeds' ETags) once they are used. */
export interface FeedItems {
  files: SourceFile[];
  /** Records the items as seen; call it after the digest is saved, so a failed build loses none. */
  commit(): void;
}

/** Collects new items of every feed as pipeline inputs. */
export async function collectFeeds(
  feeds: FeedSource[],
  deps: { db: Db; log: Logger; fetch: FetchOptions },
): Promise<FeedItems> {
  const files: SourceFile[] = [];
  const updates: Array<() => void> = [];
  for (const feed of feeds) {
    const name = feed.name ?? feed.url;
    try {
      const result = await collectFeed(feed, name, deps);
      files.push(...result.files);
      if (result.update) updates.push(result.update);
    } catch (e) {
      deps.log.warn(
        { source: name, error: (e as Error).message },
        `feed ${name} skipped: ${(e as Error).message}`,
      );
    }
  }
  const commit = deps.db.transaction(() => {
    for (const update of updates) update();
  });
  return { files, commit: () => commit() };
}

async function collectFeed(
  feed: FeedSource,
  name: string,
  deps: { db: Db; log: Logger; fetch: FetchOptions },
): Promise<{ files: SourceFile[]; update?: () => void }> {
  const { db, log } = deps;
  const state = db
    .prepare<[string], { etag: string; last_modified: string; seen: string }>(
      "SELECT etag, last_modified, seen FROM feed_state WHERE url = ?",
    )
    .get(feed.url);
  const headers: Record<string, string> = {};
  if (state?.etag) headers["if-none-match"] = state.etag;
  if (state?.last_modified) headers["if-modified-since"] = state.last_modified;
  const response = await safeFetch(feed.url, FEED_TYPES, deps.fetch, headers);
  if (response.status === 304) {
    log.info({ source: name }, "feed unchanged (304)");
    return { files: [] };
  }
  const items = readItems(response.body.toString("utf8"));
  const seen = new Set<string>(JSON.parse(state?.seen ?? "[]") as string[]);
  const fresh = items.filter((i) => !seen.has(i.key));
  const out: SourceFile[] = [];
  for (const item of fresh) {
    const file = await itemSource(item, feed, name, deps).catch((e: unknown) => {
      log.warn(
        { source: name, item: item.link || item.title, error: (e as Error).message },
        `item of ${name} skipped`,
      );
      return undefined;
    });
    if (file) out.push(file);
    seen.add(item.key);
  }
  const keep = [...seen].slice(-MAX_SEEN);
  log.info({ source: name, items: items.length, new: out.length }, "feed read");
  const update = (): void => {
    db.prepare(
      `INSERT INTO feed_state (url, etag, last_modified, seen) VALUES (?, ?, ?, ?)
         ON CONFLICT(url) DO UPDATE SET etag = excluded.etag, last_modified = excluded.last_modified, seen = excluded.seen`,
    ).run(feed.url, response.etag, response.lastModified, JSON.stringify(keep));
  };
  return { files: out, update };
}

async function itemSource(
  item: Item,
  feed: FeedSource,
  name: string,
  deps: { fetch: FetchOptions },
): Promise<SourceFile | undefined> {
  const meta: ArticleMeta = { outlet: feed.name ?? "" };
  if (item.title) meta.title = item.title;
  if (item.link) meta.url = item.link;
  if (item.published) meta.published = item.published;
  if (!meta.outlet) delete meta.outlet;
  const input = `${name}: ${item.link || item.title}`;
  const full =
    item.content
      .replace(/<[^>]*>/g, " ")
      .replace(/\s+/g, " ")
      .trim().length >= FULL_CONTENT_CHARS;
  if (full || !feed.fetchArticles || !item.link) {
    if (!item.content.trim()) return undefined;
    return {
      input,
      bytes: Buffer.from(`<html><body><article>${item.content}</article></body></html>`),
      format: "html",
      meta,
    };
  }
  const page = await safeFetch(item.link, PAGE_TYPES, deps.fetch);
  return { input, bytes: page.body, format: "html", meta };
}

/** Items of any supported feed format, normalized. Throws on malformed feeds. */
export function readItems(text: string): Item[] {
  const parsed = parseFeed(text) as { format: string; feed: Record<string, unknown> };
  const feed = parsed.feed;
  const raw = (feed.items ?? feed.entries ?? []) as Array<Record<string, unknown>>;
  return raw.map((it) => {
    const title = textOf(it.title);
    const links = (it.links as Array<{ href?: string; rel?: string }> | undefined) ?? [];
    const link =
      textOf(it.link) ||
      textOf(it.url) ||
      (links.find((l) => !l.rel || l.rel === "alternate")?.href ?? "");
    const published =
      textOf(it.pubDate) ||
      textOf(it.published) ||
      textOf(it.date_published) ||
      textOf(it.updated) ||
      textOf((it.dc as { dates?: string[] } | undefined)?.dates?.[0]);
    const content =
      textOf((it.content as { encoded?: string } | undefined)?.encoded) ||
      textOf(it.content) ||
      textOf(it.content_html) ||
      textOf(it.content_text) ||
      textOf(it.description) ||
      textOf(it.summary);
    const guid = textOf(it.guid) || textOf(it.id);
    return { key: guid || link || `${title}|${published}`, title, link, published, content };
  });
}

function textOf(v: unknown): string {
  if (typeof v === "string") return v;
  if (
    v &&
    typeof v === "object" &&
    "value" in v &&
    typeof (v as { value: unknown }).value === "string"
  ) {
    return (v as { value: string }).value;
  }
  return "";
}
