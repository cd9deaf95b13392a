/**
 * The shared vocabulary of the pipeline. Every stage takes and returns these types and nothing
 * else, so a stage can be read, tested and replaced on its own (the way marked's lexer, parser
 * and renderer only meet through its token types).
 */

/** One input as read from disk or the network, before anything is decoded. */
export interface SourceFile {
  /** The path as given, or folder + relative path for a file found in a folder. */
  input: string;
  bytes: Uint8Array;
  /** Outlet configured for the folder this file came from, if any. */
  outlet?: string;
  /** Metadata the source knows (a feed item's title, link and date); front matter still wins. */
  meta?: ArticleMeta;
  /** The format when the name does not tell (a fetched page, a feed item's HTML content). */
  format?: "text" | "markdown" | "html";
}

/** Metadata a front-matter block (or a feed, later) sets explicitly; it wins over detection. */
export interface ArticleMeta {
  title?: string;
  url?: string;
  outlet?: string;
  published?: string;
}

/** A decoded article: text plus what its container said about it. */
export interface RawArticle {
  /** Stable id: a hash of the normalized text. */
  id: string;
  input: string;
  /** The character encoding the bytes were decoded from. */
  encoding: string;
  format: "text" | "markdown" | "html";
  text: string;
  meta: ArticleMeta;
}

/** A cleaned article: boilerplate removed, paragraphs repaired, metadata detected. */
export interface Article {
  id: string;
  input: string;
  title: string;
  outlet: string;
  /** The article's own URL (front matter or canonical), or "" when unknown. */
  url: string;
  /** URLs the article cites, kept as metadata and removed from the body. */
  links: string[];
  dateline: string;
  published: string;
  paragraphs: string[];
}

/** Copies of one article (reprints, re-wrapped or truncated versions) collapsed into one. */
export interface Copyset {
  /** The copy that stands for the set: the most complete one. */
  primary: Article;
  /** Every copy, the primary included, in input order. */
  copies: Article[];
}

/** Reports of one event by one or more outlets. */
export interface Story {
  copysets: Copyset[];
}

/** A story's headline and extractive summary. */
export interface Summary {
  headline: string;
  summary: string;
}

/** Where one story came from, as shown by `/source` and in the JSON digest. */
export interface SourceRef {
  input: string;
  title: string;
  outlet: string;
  url: string;
  published: string;
  articleId: string;
}

/** A story as it appears in a digest. */
export interface DigestStory extends Summary {
  /** Stable key: the smallest article id of the story. */
  key: string;
  articles: SourceRef[];
  /** Near-duplicate groups of two or more inputs. */
  duplicates: string[][];
  /** Distinct outlets (or copysets where the outlet is unknown): the ranking signal. */
  sourceCount: number;
  /** Newest publication date among its articles (ISO), or "". */
  published: string;
  /** True when the story was in an earlier digest and has gained sources since. */
  updated: boolean;
}

/** A rendered digest: the structure, its Markdown and its Telegram HTML parts. */
export interface Digest {
  createdAt: string;
  stories: DigestStory[];
  markdown: string;
  telegram: string[];
}

/** A problem that made the pipeline skip one input. */
export interface PipelineWarning {
  input: string;
  message: string;
}
