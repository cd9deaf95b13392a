/**
 * All inputs of a build: folder and file sources (read lazily) and new feed items. Explicit
 * inputs (`--input`) replace the configured sources; DIGEST_INPUT replaces only the folders.
 */
import type { Config } from "../config.ts";
import type { Logger } from "../log.ts";
import type { PipelineWarning, SourceFile } from "../pipeline/types.ts";
import type { Db } from "../store/database.ts";
import { collectFeeds } from "./feeds.ts";
import { inputSpecs, listInputs, readInputs } from "./files.ts";

/** Inputs of one build and how many there are (for progress). */
export interface Sources {
  files: Iterable<SourceFile>;
  total: number;
  /** Remembers the feed items as seen; call after the digest is saved. */
  commit(): void;
}

/** Gathers the inputs; a failing source is logged and skipped. */
export async function collectSources(
  config: Config,
  db: Db,
  log: Logger,
  warn: (w: PipelineWarning) => void,
  explicit: string[] = [],
): Promise<Sources> {
  const entries = listInputs(inputSpecs(config, explicit), config.maxFileBytes, warn);
  const feeds =
    explicit.length > 0
      ? { files: [], commit: () => {} }
      : await collectFeeds(config.feeds, { db, log, fetch: config.fetch });
  return {
    files: (function* () {
      yield* feeds.files;
      yield* readInputs(entries, warn);
    })(),
    total: entries.length + feeds.files.length,
    commit: feeds.commit,
  };
}
