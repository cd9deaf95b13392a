/**
 * runPipeline: the whole pipeline, top to bottom. This is the one place that decides what a
 * failure means: a problem with one input skips that input with a warning; a failure of a
 * corpus-wide stage aborts the run.
 */
import { clean } from "./clean/index.ts";
import { stripRecurring } from "./clean/recurring.ts";
import type { BoilerplateRules } from "./clean/rules.ts";
import { type ClusterOptions, cluster, DEFAULT_CLUSTER_OPTIONS } from "./cluster.ts";
import { dedupe } from "./dedupe.ts";
import { DigestError, SkippedInputError } from "./errors.ts";
import { ingest } from "./ingest.ts";
import { renderMarkdown } from "./render/markdown.ts";
import { renderTelegram } from "./render/telegram.ts";
import { summarize } from "./summarize.ts";
import type {
  Article,
  Copyset,
  Digest,
  DigestStory,
  PipelineWarning,
  SourceFile,
  Story,
} from "./types.ts";

/** What earlier digests published, so a build only repeats stories that gained sources. */
export interface StoryHistory {
  /**
   * Looks up a story by its article ids: "new" if none was published before, "published" if
   * every article was already in a digest, "updated" if some were and some are new. `key` is the
   * earlier story's key when there was one, so the story keeps its identity.
   */
  status(articleIds: string[]): { state: "new" | "published" | "updated"; key?: string };
}

/** Everything runPipeline needs besides its inputs. */
export interface PipelineOptions {
  rules: BoilerplateRules;
  /** Stories in the digest at most. */
  maxStories: number;
  /** The build time (a parameter, so tests and replays are deterministic). */
  now: Date;
  timeZone?: string;
  cluster?: ClusterOptions;
  history?: StoryHistory;
  onWarning?: (warning: PipelineWarning) => void;
  /** Number of inputs, when known, for progress reports (0 = unknown). */
  total?: number;
  onProgress?: (stage: string, done: number, total: number) => void;
  /** Called after each corpus-wide stage with its duration (for benchmarks and logs). */
  onStage?: (stage: string, ms: number) => void;
}

/** The digest plus the intermediate results the CLI and the store need. */
export interface PipelineResult {
  digest: Digest;
  /** Every story, ranked, before history filtering and the cap. */
  stories: DigestStory[];
  articles: Article[];
  copysets: Copyset[];
  warnings: PipelineWarning[];
}

/** Thrown when a corpus-wide stage fails; the run is aborted. */
export class PipelineError extends DigestError {
  override name = "PipelineError";
  constructor(
    readonly stage: string,
    cause: unknown,
  ) {
    super(`${stage} failed: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
  }
}

/** Runs ingest → clean → dedupe → cluster → summarize → rank → render. */
export function runPipeline(files: Iterable<SourceFile>, options: PipelineOptions): PipelineResult {
  const warnings: PipelineWarning[] = [];
  const stage = stageRunner(options.onStage);
  const articles = stage("clean", () => cleanAll(files, options, warnings));
  const copysets = stage("dedupe", () => dedupe(articles));
  stage("recurring lines", () => stripRecurring(copysets));
  const stories = stage("cluster", () =>
    cluster(copysets, options.cluster ?? DEFAULT_CLUSTER_OPTIONS),
  );
  const ranked = rank(
    stage("summarize", () => stories.map((s) => toDigestStory(s, options.rules))),
  );
  const fresh = applyHistory(ranked, options.history).slice(0, options.maxStories);
  const createdAt = options.now.toISOString();
  const markdown = renderMarkdown(fresh, createdAt, options.timeZone);
  const telegram = stage("render", () => renderTelegram(markdown));
  return {
    digest: { createdAt, stories: fresh, markdown, telegram },
    stories: ranked,
    articles,
    copysets,
    warnings,
  };
}

/** Ingests and cleans every input; an input that fails is skipped with a warning. */
export function cleanAll(
  files: Iterable<SourceFile>,
  options: Pick<PipelineOptions, "rules" | "onWarning" | "onProgress" | "total">,
  warnings: PipelineWarning[] = [],
): Article[] {
  const articles: Article[] = [];
  let i = 0;
  for (const file of files) {
    try {
      articles.push(clean(ingest(file), options.rules));
    } catch (e) {
      const warning = {
        input: file.input,
        message:
          e instanceof SkippedInputError ? e.reason : `unexpected error: ${(e as Error).message}`,
      };
      warnings.push(warning);
      options.onWarning?.(warning);
    }
    options.onProgress?.("clean", ++i, options.total ?? 0);
  }
  return articles;
}

/** Runs a corpus-wide stage: times it, and turns any failure into a PipelineError (abort). */
function stageRunner(onStage: PipelineOptions["onStage"]) {
  return <T>(name: string, fn: () => T): T => {
    const started = performance.now();
    try {
      return fn();
    } catch (e) {
      throw new PipelineError(name, e);
    } finally {
      onStage?.(name, performance.now() - started);
    }
  };
}

/** A story as the digest shows it: headline, summary and where it came from. */
export function toDigestStory(story: Story, rules: BoilerplateRules): DigestStory {
  const { headline, summary } = summarize(story, rules);
  const articles = story.copysets.flatMap((c) => c.copies);
  const outlets = new Set(story.copysets.map((c, i) => c.primary.outlet.toLowerCase() || `#${i}`));
  return {
    key: articles.map((a) => a.id).sort()[0] ?? "",
    headline,
    summary,
    articles: articles.map((a) => ({
      input: a.input,
      title: a.title,
      outlet: a.outlet,
      url: a.url,
      published: a.published,
      articleId: a.id,
    })),
    duplicates: story.copysets
      .filter((c) => c.copies.length > 1)
      .map((c) => c.copies.map((a) => a.input)),
    sourceCount: outlets.size,
    published:
      articles
        .map((a) => a.published)
        .filter(Boolean)
        .sort()
        .pop() ?? "",
    updated: false,
  };
}

/** More sources first, then newer, then input order. */
function rank(stories: DigestStory[]): DigestStory[] {
  return stories
    .map((s, i) => ({ s, i }))
    .sort(
      (a, b) =>
        b.s.sourceCount - a.s.sourceCount ||
        b.s.published.localeCompare(a.s.published) ||
        a.i - b.i,
    )
    .map(({ s }) => s);
}

function applyHistory(stories: DigestStory[], history: StoryHistory | undefined): DigestStory[] {
  if (!history) return stories;
  const out: DigestStory[] = [];
  for (const s of stories) {
    const { state, key } = history.status(s.articles.map((a) => a.articleId));
    if (state === "published") continue;
    out.push({ ...s, key: key ?? s.key, updated: state === "updated" });
  }
  return out;
}
