import { describe, expect, it } from "vitest";
import { splitSentences } from "../../src/pipeline/text/sentences.ts";

describe("splitSentences", () => {
  it("splits ordinary sentences", () => {
    expect(splitSentences("One sentence here. Another one! A third? Yes.")).toEqual([
      "One sentence here.",
      "Another one!",
      "A third?",
      "Yes.",
    ]);
  });

  it("does not split after titles, initials, decimals or mid-sentence acronyms", () => {
    const text =
      "Mr. Smith met Dr. Jones at 10 a.m. on Monday. John F. Kennedy spoke. Growth was 3.5 percent in the U.S. economy. It rose.";
    expect(splitSentences(text)).toEqual([
      "Mr. Smith met Dr. Jones at 10 a.m. on Monday.",
      "John F. Kennedy spoke.",
      "Growth was 3.5 percent in the U.S. economy.",
      "It rose.",
    ]);
  });

  it("splits after a dotted acronym when a sentence opener follows", () => {
    expect(splitSentences("He moved to the U.S. The move was quick.")).toEqual([
      "He moved to the U.S.",
      "The move was quick.",
    ]);
  });

  it("keeps closing quotes with their sentence", () => {
    expect(splitSentences('"We will win," he said. "Never," she replied. Then they left.')).toEqual(
      ['"We will win," he said.', '"Never," she replied.', "Then they left."],
    );
    expect(splitSentences("He said “it is over.” The crowd left.")).toEqual([
      "He said “it is over.”",
      "The crowd left.",
    ]);
  });
});
