import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { clean } from "../../src/pipeline/clean/index.ts";
import { extractHtml } from "../../src/pipeline/extract/html.ts";
import { ingest } from "../../src/pipeline/ingest.ts";
import { config } from "../helpers/fixtures.ts";

const page = readFileSync("tests/fixtures/html/article.html");

describe("HTML extraction", () => {
  it("reads title, outlet, canonical URL and date from meta tags and JSON-LD", () => {
    expect(extractHtml(page.toString()).meta).toEqual({
      title: "Dam Opens on the River After Ten Years of Work",
      url: "https://example.com/news/dam-opens",
      outlet: "Example Times",
      published: "2024-05-02T09:00:00Z",
    });
  });

  it("keeps the article's paragraphs in order and drops navigation, captions, boxes and comments", () => {
    const a = clean(ingest({ input: "page.html", bytes: page }), config.rules);
    expect(a.title).toBe("Dam Opens on the River After Ten Years of Work");
    expect(a.outlet).toBe("Example Times");
    expect(a.url).toBe("https://example.com/news/dam-opens");
    const text = a.paragraphs.join("\n");
    expect(a.paragraphs[0]).toMatch(/^The largest dam on the river opened on Thursday/);
    expect(text).toContain("Engineers began filling the reservoir");
    expect(text).toContain("Critics say the project displaced about 4,000 people");
    expect(text).toContain("Turbines 12");
    expect(a.paragraphs.at(-1)).toMatch(/turning point for the region/);
    for (const junk of [
      "Home",
      "cookies",
      "dawn",
      "newsletter",
      "Share on",
      "Another story",
      "Great news",
      "Privacy",
      "tracking",
      "Jane Doe",
    ]) {
      expect(text, junk).not.toContain(junk);
    }
  });

  it("survives broken markup and pages without an article", () => {
    const broken = extractHtml(
      "<html><body><div><p>Unclosed paragraph with enough words to count as prose, surely.<div><p>Second",
    );
    expect(broken.blocks.join(" ")).toContain("Unclosed paragraph");
    expect(extractHtml("").blocks).toEqual([]);
    expect(extractHtml("<script>{bad json</script><p>x</p>").blocks).toEqual(["x"]);
  });
});
