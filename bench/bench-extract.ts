/**
 * `npm run bench:extract -- [EVAL_DIR]`: this project's HTML extractor and Mozilla Readability
 * on jsdom (a devDependency, for comparison only) over the same pages in one run: F1 of each
 * against the ground truth and the time per page.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { Readability } from "@mozilla/readability";
import { JSDOM, VirtualConsole } from "jsdom";
import { loadConfig } from "../src/config.ts";
import { cleanAll } from "../src/pipeline/run.ts";
import { extractionScore } from "./metrics.ts";

const root = process.argv[2] ?? "../shared/eval";
const dir = join(root, "extraction", "html");
const gt = JSON.parse(
  readFileSync(join(root, "extraction", "ground-truth.json"), "utf8"),
) as Record<string, { articleBody: string; url: string }>;
const truth = Object.fromEntries(Object.entries(gt).map(([k, v]) => [k, v.articleBody]));
const pages = readdirSync(dir)
  .filter((f) => f.endsWith(".html"))
  .sort()
  .map((f) => ({ id: f.replace(/\.html$/, ""), html: readFileSync(join(dir, f), "utf8") }));
const config = loadConfig(process.env);

// Warm-up, so neither side pays for JIT compilation in the measurement.
cleanAll([{ input: "warm.html", bytes: Buffer.from(pages[0]?.html ?? "") }], {
  rules: config.rules,
});

let t = performance.now();
const ours: Record<string, string> = {};
for (const p of pages) {
  const [a] = cleanAll([{ input: `${p.id}.html`, bytes: Buffer.from(p.html) }], {
    rules: config.rules,
  });
  ours[p.id] = a?.paragraphs.join("\n\n") ?? "";
}
const oursMs = (performance.now() - t) / pages.length;

const quiet = new VirtualConsole();
t = performance.now();
const theirs: Record<string, string> = {};
for (const p of pages) {
  const dom = new JSDOM(p.html, {
    url: gt[p.id]?.url || "https://example.com/",
    virtualConsole: quiet,
  });
  theirs[p.id] = new Readability(dom.window.document).parse()?.textContent ?? "";
  dom.window.close();
}
const theirsMs = (performance.now() - t) / pages.length;

const a = extractionScore(truth, ours);
const b = extractionScore(truth, theirs);
const line = (name: string, s: typeof a, ms: number) =>
  `${name.padEnd(28)} F1 ${s.f1.toFixed(3)} (P ${s.precision.toFixed(3)}, R ${s.recall.toFixed(3)})  ${ms.toFixed(1)} ms/page\n`;
process.stdout.write(line("news-digest (htmlparser2)", a, oursMs));
process.stdout.write(line("Readability 0.6 on jsdom", b, theirsMs));
process.stdout.write(
  `speed: ${(theirsMs / oursMs).toFixed(1)}× faster than Readability on jsdom, on ${pages.length} pages\n`,
);
