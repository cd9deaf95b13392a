import { describe, expect, it } from "vitest";
import { clean } from "../../src/pipeline/clean/index.ts";
import { averageLink, cluster } from "../../src/pipeline/cluster.ts";
import { dedupe } from "../../src/pipeline/dedupe.ts";
import { ingest } from "../../src/pipeline/ingest.ts";
import type { Article } from "../../src/pipeline/types.ts";
import { config, seedFiles, textFile } from "../helpers/fixtures.ts";

const seeds = () => seedFiles().map((f) => clean(ingest(f), config.rules));
const names = (articles: Article[]) =>
  articles.map((a) => a.input.match(/\/(\d{3})_/)?.[1] ?? a.input);

describe("dedupe", () => {
  it("collapses the PDF and web copies of one article and nothing else", () => {
    const sets = dedupe(seeds());
    expect(sets.map((s) => names(s.copies))).toEqual([["000"], ["001", "002"], ["003"], ["004"]]);
  });

  it("treats a truncated, re-wrapped copy as the same article", () => {
    const body = seeds()[1] as Article;
    const text = body.paragraphs.join("\n\n");
    const truncated = text
      .slice(0, Math.floor(text.length * 0.6))
      .replace(/(.{1,70})(\s+|$)/g, "$1\n");
    const copy = clean(ingest(textFile("copy.txt", truncated)), config.rules);
    const sets = dedupe([body, copy]);
    expect(sets).toHaveLength(1);
    expect(sets[0]?.primary).toBe(body);
  });
});

describe("cluster", () => {
  it("puts the three outlets' reports in one story and the Kyrgyz story apart", () => {
    const stories = cluster(dedupe(seeds()), config.cluster);
    expect(stories.map((s) => names(s.copysets.flatMap((c) => c.copies)))).toEqual([
      ["000", "001", "002", "003"],
      ["004"],
    ]);
  });

  it("average-link merges only while the mean similarity stays above the threshold", () => {
    // 0-1 and 1-2 are close, 0-2 unrelated: {0,1} forms; 2 joins only if the mean (0.9+0)/2 ≥ t.
    const edges: Array<[number, number, number]> = [
      [0, 1, 0.95],
      [1, 2, 0.9],
      [3, 4, 0.05],
    ];
    expect(averageLink(5, edges, 0.5)).toEqual([[0, 1], [2], [3], [4]]);
    expect(averageLink(5, edges, 0.4)).toEqual([[0, 1, 2], [3], [4]]);
  });
});
