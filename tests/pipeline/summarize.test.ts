import { describe, expect, it } from "vitest";
import { clean } from "../../src/pipeline/clean/index.ts";
import { ingest } from "../../src/pipeline/ingest.ts";
import { MAX_SUMMARY_WORDS, summarize, truncateWords } from "../../src/pipeline/summarize.ts";
import { countWords } from "../../src/pipeline/text/tokenize.ts";
import { config, forbiddenIn, seedFiles, textFile } from "../helpers/fixtures.ts";

const single = (text: string, input = "a.txt") => {
  const a = clean(ingest(textFile(input, text)), config.rules);
  return summarize({ copysets: [{ primary: a, copies: [a] }] }, config.rules);
};

describe("summarize", () => {
  it("gives every seed a clean summary of one or two sentences within 60 words", () => {
    for (const f of seedFiles()) {
      const a = clean(ingest(f), config.rules);
      const s = summarize({ copysets: [{ primary: a, copies: [a] }] }, config.rules);
      expect(countWords(s.summary)).toBeLessThanOrEqual(MAX_SUMMARY_WORDS);
      expect(countWords(s.summary)).toBeGreaterThan(8);
      expect(forbiddenIn(`${s.headline} ${s.summary}`)).toEqual([]);
      expect(s.headline.length).toBeGreaterThan(10);
    }
  });

  it("skips captions and datelines and does not open on a pronoun", () => {
    const s = single(
      [
        "Storm Hits Coast",
        "",
        "MIAMI (AP) -- A powerful storm hit the Florida coast on Monday, cutting power to thousands of homes across the state.",
        "",
        "A damaged house in Miami (pictured) after the storm.",
        "",
        "It was the strongest storm to hit the coast in a decade, officials in Florida said on Monday evening.",
      ].join("\n"),
    );
    expect(s.headline).toBe("Storm Hits Coast");
    expect(s.summary.startsWith("A powerful storm hit the Florida coast")).toBe(true);
    expect(s.summary).not.toContain("pictured");
  });

  it("builds a headline from the lead when no article has a title", () => {
    const s = single(
      "The city council approved a new budget on Tuesday, raising spending on schools by ten percent. The mayor welcomed the vote and said the money would pay for more teachers.",
    );
    expect(s.headline).toBe("The city council approved a new budget on Tuesday");
  });

  it("truncates with an ellipsis", () => {
    expect(truncateWords("one two three four", 2)).toBe("one two…");
    expect(truncateWords("one two", 2)).toBe("one two");
  });
});
