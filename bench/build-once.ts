/**
 * One measured build, run in its own process by bench.ts so that peak RSS belongs to this build
 * alone: `tsx bench/build-once.ts INPUT_DIR DB_PATH OUT_DIR`. Prints one JSON line.
 */
import { loadConfig } from "../src/config.ts";
import { writeDigestFiles } from "../src/digest-files.ts";
import { runPipeline } from "../src/pipeline/run.ts";
import { listInputs, readInputs } from "../src/sources/files.ts";
import { openDatabase } from "../src/store/database.ts";
import { saveDigest, storyHistory } from "../src/store/digests.ts";

const [input, dbPath, outDir] = process.argv.slice(2);
if (!input || !dbPath || !outDir) {
  process.stderr.write("usage: tsx bench/build-once.ts INPUT_DIR DB_PATH OUT_DIR\n");
  process.exit(2);
}
const started = performance.now();
const config = loadConfig(process.env);
const warn = () => {};
const entries = listInputs([{ path: input }], config.maxFileBytes, warn);
const db = openDatabase(dbPath);
const stageTimes: Record<string, number> = {};
const result = runPipeline(readInputs(entries, warn), {
  rules: config.rules,
  cluster: config.cluster,
  maxStories: config.maxStories,
  now: new Date(),
  history: storyHistory(db),
  onWarning: warn,
  onStage: (name, ms) => {
    stageTimes[name] = Math.round(ms);
  },
});
saveDigest(db, result.digest, result.articles);
writeDigestFiles(outDir, result.digest);
db.close();
process.stdout.write(
  `${JSON.stringify({
    ms: performance.now() - started,
    maxRssMb: process.resourceUsage().maxRSS / 1024,
    articles: result.articles.length,
    copysets: result.copysets.length,
    stories: result.stories.length,
    stageMs: stageTimes,
  })}\n`,
);
