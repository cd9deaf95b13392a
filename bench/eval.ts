/**
 * `npm run eval -- DIR [--out DIR]`: quality of the pipeline on an evaluation folder laid out
 * like ../shared/eval (extraction/, clustering/, summaries/; any subset). Prints the figures and
 * writes the predictions as JSON, so the reference Python scorers can check them too.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { loadConfig } from "../src/config.ts";
import { cluster } from "../src/pipeline/cluster.ts";
import { dedupe } from "../src/pipeline/dedupe.ts";
import { cleanAll } from "../src/pipeline/run.ts";
import { summarize } from "../src/pipeline/summarize.ts";
import type { Article, SourceFile } from "../src/pipeline/types.ts";
import { bcubed, extractionScore, rouge } from "./metrics.ts";

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { out: { type: "string" }, help: { type: "boolean" } },
});
const root = positionals[0];
if (values.help || !root) {
  process.stderr.write("usage: npm run eval -- EVAL_DIR [--out PREDICTIONS_DIR]\n");
  process.exit(root || values.help ? 0 : 2);
}
const out = values.out ?? join(process.env.TMPDIR ?? "/tmp", "digest-eval");
mkdirSync(out, { recursive: true });
const config = loadConfig(process.env);
const quiet = { rules: config.rules };

function files(dir: string, ext: RegExp): SourceFile[] {
  return readdirSync(dir)
    .filter((f) => ext.test(f))
    .sort()
    .map((f) => ({ input: f, bytes: readFileSync(join(dir, f)) }));
}

const save = (name: string, data: unknown) =>
  writeFileSync(join(out, name), JSON.stringify(data, null, 1));
const pct = (x: number) => x.toFixed(3);
const lines: string[] = [];

const extraction = join(root, "extraction");
if (existsSync(join(extraction, "ground-truth.json"))) {
  const gt = JSON.parse(readFileSync(join(extraction, "ground-truth.json"), "utf8")) as Record<
    string,
    { articleBody: string }
  >;
  const truth = Object.fromEntries(Object.entries(gt).map(([k, v]) => [k, v.articleBody]));
  for (const kind of ["text", "html"]) {
    const dir = join(extraction, kind);
    if (!existsSync(dir)) continue;
    const inputs = files(dir, kind === "text" ? /\.txt$/ : /\.html?$/);
    const started = performance.now();
    const articles = cleanAll(inputs, quiet);
    const ms = (performance.now() - started) / Math.max(1, inputs.length);
    const pred = Object.fromEntries(
      articles.map((a) => [a.input.replace(/\.\w+$/, ""), a.paragraphs.join("\n\n")]),
    );
    save(
      `extraction-${kind}.json`,
      Object.fromEntries(Object.entries(pred).map(([k, v]) => [k, { articleBody: v }])),
    );
    const s = extractionScore(truth, pred);
    lines.push(
      `extraction/${kind}: F1 ${pct(s.f1)} (P ${pct(s.precision)}, R ${pct(s.recall)}) on ${s.n} pages, ${ms.toFixed(1)} ms/page`,
    );
  }
}

const clustering = join(root, "clustering");
if (existsSync(join(clustering, "gold.json"))) {
  const gold = JSON.parse(readFileSync(join(clustering, "gold.json"), "utf8")) as Record<
    string,
    string
  >;
  const articles = cleanAll(files(join(clustering, "docs"), /\.txt$/), quiet);
  const stories = cluster(dedupe(articles), config.cluster);
  const pred = stories.map((s) => s.copysets.flatMap((c) => c.copies.map((a) => a.input)));
  save("clusters.json", pred);
  const s = bcubed(gold, pred);
  lines.push(
    `clustering: B-cubed F1 ${pct(s.f1)} (P ${pct(s.precision)}, R ${pct(s.recall)}), ${pred.length} stories from ${articles.length} articles`,
  );
}

const summaries = join(root, "summaries");
if (existsSync(join(summaries, "references.json"))) {
  const refs = JSON.parse(readFileSync(join(summaries, "references.json"), "utf8")) as Record<
    string,
    string
  >;
  const articles = cleanAll(files(join(summaries, "articles"), /\.txt$/), quiet);
  const pred = Object.fromEntries(
    articles.map((a: Article) => [
      a.input,
      summarize({ copysets: [{ primary: a, copies: [a] }] }, config.rules).summary,
    ]),
  );
  save("summaries.json", pred);
  const s = rouge(refs, pred);
  lines.push(
    `summaries: ROUGE-1 ${s.r1.toFixed(1)}, ROUGE-2 ${s.r2.toFixed(1)}, ROUGE-L ${s.rl.toFixed(1)}, mean ${s.meanWords.toFixed(1)} words (${s.n} articles)`,
  );
}

if (lines.length === 0) {
  process.stderr.write(`no evaluation sets found under ${root}\n`);
  process.exit(1);
}
process.stdout.write(`${lines.join("\n")}\npredictions written to ${out}\n`);
