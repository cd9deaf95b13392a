/**
 * The `digest` command: build, clean, cluster, summarize and publish. The entry point that
 * reads the environment (dotenv) and config/, and decides exit codes: 0 success, 1 failure,
 * 2 bad usage. Machine output goes to stdout, messages to stderr.
 */
import { parseArgs } from "node:util";
import dotenv from "dotenv";
import { type Config, loadConfig } from "./config.ts";
import { writeDigestFiles } from "./digest-files.ts";
import { createLogger, type Logger } from "./log.ts";
import { DigestError } from "./pipeline/errors.ts";
import { cleanAll, runPipeline } from "./pipeline/run.ts";
import { summarize } from "./pipeline/summarize.ts";
import type { PipelineWarning } from "./pipeline/types.ts";
import { listInputs, readInputs } from "./sources/files.ts";
import { collectSources } from "./sources/index.ts";
import { openDatabase } from "./store/database.ts";
import { saveDigest, storyHistory } from "./store/digests.ts";

/** Thrown for a malformed command line; exits 2 with the usage text. */
class UsageError extends DigestError {
  override name = "UsageError";
}

const USAGE = `Usage: npm run -s digest -- <command> [options]

Commands:
  build [--input PATH]... [--out DIR] [--db PATH] [--json]
        Run the whole pipeline and write digests/<YYYY-MM-DD-HHmm>.md and .json.
        Without --input, reads the sources in config/ (or DIGEST_INPUT).
  clean FILE_OR_DIR... [--json]       Cleaned text and metadata of each article.
  cluster FILE_OR_DIR... [--json]     Stories (and near-duplicate groups) of the inputs.
  summarize FILE_OR_DIR... [--json]   Headline and summary of each file as its own story.
  publish [--db PATH]                 Build and broadcast once to subscribers (needs BOT_TOKEN).

Options:
  --json     Print JSON only on stdout.
  --help     Show this help.

With no command, builds a digest from the configured sources.`;

/** Runs the CLI with the given arguments; returns the exit code. */
export async function main(argv: string[]): Promise<number> {
  const [command = "build", ...rest] =
    argv[0]?.startsWith("-") && argv[0] !== "--help" && argv[0] !== "-h"
      ? ["build", ...argv]
      : argv;
  let log: Logger | undefined;
  try {
    if (command === "--help" || command === "-h" || command === "help") {
      process.stdout.write(`${USAGE}\n`);
      return 0;
    }
    const { values, positionals } = parse(command, rest);
    if (values.help) {
      process.stdout.write(`${USAGE}\n`);
      return 0;
    }
    dotenv.config({ quiet: true });
    const config = loadConfig(process.env);
    log = createLogger({ level: config.logLevel, secrets: [config.botToken] });
    const warn = (w: PipelineWarning) =>
      log?.warn({ input: w.input }, `skipped ${w.input}: ${w.message}`);
    switch (command) {
      case "build":
        return await build(config, values, log, warn);
      case "clean":
      case "cluster":
      case "summarize":
        if (positionals.length === 0)
          throw new UsageError(`${command} needs at least one FILE_OR_DIR`);
        return inspect(command, positionals, config, values.json === true, warn);
      case "publish": {
        const { publishOnce } = await import("./publish.ts");
        return publishOnce(config, log, values.db as string | undefined);
      }
      default:
        throw new UsageError(`unknown command "${command}"`);
    }
  } catch (e) {
    if (e instanceof UsageError) {
      process.stderr.write(`digest: ${e.message}\n\n${USAGE}\n`);
      return 2;
    }
    const message =
      e instanceof DigestError ? e.message : `unexpected error: ${(e as Error).stack ?? String(e)}`;
    if (log) log.error(message);
    else process.stderr.write(`digest: ${message}\n`);
    return 1;
  }
}

function parse(command: string, args: string[]) {
  try {
    return parseArgs({
      args,
      allowPositionals: command !== "build" && command !== "publish",
      options: {
        input: { type: "string", multiple: true },
        out: { type: "string" },
        db: { type: "string" },
        json: { type: "boolean" },
        help: { type: "boolean", short: "h" },
      },
    });
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
}

function progress(stage: string, done: number, total: number): void {
  // Redraw at most every 1% (or every article for small runs) to keep terminals fast.
  const step = Math.max(1, Math.floor(total / 100));
  if (done % step !== 0 && done !== total) return;
  process.stderr.write(`\r${stage} ${done}/${total || "?"}${done === total ? "\n" : ""}`);
}

async function build(
  config: Config,
  values: {
    input?: string[] | undefined;
    out?: string | undefined;
    db?: string | undefined;
    json?: boolean | undefined;
  },
  log: Logger,
  warn: (w: PipelineWarning) => void,
): Promise<number> {
  const db = openDatabase(values.db ?? config.databasePath);
  try {
    const sources = await collectSources(config, db, log, warn, values.input);
    const result = runPipeline(sources.files, {
      rules: config.rules,
      cluster: config.cluster,
      maxStories: config.maxStories,
      now: new Date(),
      timeZone: config.timezone,
      history: storyHistory(db),
      total: sources.total,
      onWarning: warn,
      ...(process.stderr.isTTY ? { onProgress: progress } : {}),
    });
    const { digest } = result;
    sources.commit();
    const files = writeDigestFiles(values.out ?? config.digestsDir, digest, config.timezone);
    const id = digest.stories.length > 0 ? saveDigest(db, digest, result.articles) : undefined;
    log.info(
      {
        stories: digest.stories.length,
        articles: result.articles.length,
        skipped: result.warnings.length,
        file: files.markdown,
      },
      id === undefined ? "no new stories; digest not saved" : `digest ${id} saved`,
    );
    if (values.json) {
      const stories = digest.stories.map((s) => ({
        ...s,
        articles: s.articles.map(({ input, title, outlet, url, published }) => ({
          input,
          title,
          outlet,
          url,
          published,
        })),
      }));
      print({
        id: id ?? null,
        createdAt: digest.createdAt,
        stories,
        markdown: digest.markdown,
        telegram: digest.telegram,
        files,
        warnings: result.warnings,
      });
    } else {
      process.stdout.write(digest.markdown);
    }
    return 0;
  } finally {
    db.close();
  }
}

function inspect(
  command: "clean" | "cluster" | "summarize",
  paths: string[],
  config: Config,
  json: boolean,
  warn: (w: PipelineWarning) => void,
): number {
  const entries = listInputs(
    paths.map((path) => ({ path })),
    config.maxFileBytes,
    warn,
  );
  const options = {
    rules: config.rules,
    cluster: config.cluster,
    onWarning: warn,
    total: entries.length,
  };
  if (command === "cluster") {
    const result = runPipeline(readInputs(entries, warn), {
      ...options,
      maxStories: Number.MAX_SAFE_INTEGER,
      now: new Date(),
    });
    const stories = result.stories.map((s) => ({
      headline: s.headline,
      articles: s.articles.map((a) => a.input),
      duplicates: s.duplicates,
    }));
    if (json) print({ stories });
    else
      for (const s of stories)
        process.stdout.write(`${s.headline}\n  ${s.articles.join("\n  ")}\n\n`);
    return 0;
  }
  const articles = cleanAll(readInputs(entries, warn), options);
  if (command === "clean") {
    const out = articles.map((a) => ({
      input: a.input,
      title: a.title,
      outlet: a.outlet,
      url: a.url,
      published: a.published,
      dateline: a.dateline,
      links: a.links,
      text: a.paragraphs.join("\n\n"),
    }));
    if (json) print(out);
    else
      for (const a of out)
        process.stdout.write(`== ${a.input}\n${a.title ? `# ${a.title}\n\n` : ""}${a.text}\n\n`);
    return 0;
  }
  const out = articles.map((a) => ({
    input: a.input,
    ...summarize({ copysets: [{ primary: a, copies: [a] }] }, config.rules),
  }));
  if (json) print(out);
  else for (const s of out) process.stdout.write(`== ${s.input}\n${s.headline}\n${s.summary}\n\n`);
  return 0;
}

function print(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    process.stderr.write(`digest: ${String(e)}\n`);
    process.exitCode = 1;
  },
);
