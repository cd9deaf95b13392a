import { describe, expect, it } from "vitest";
import { clean } from "../../src/pipeline/clean/index.ts";
import { stripRecurring } from "../../src/pipeline/clean/recurring.ts";
import { reflow } from "../../src/pipeline/clean/reflow.ts";
import { SkippedInputError } from "../../src/pipeline/errors.ts";
import { ingest } from "../../src/pipeline/ingest.ts";
import { config, forbiddenIn, seed, seedFiles, textFile } from "../helpers/fixtures.ts";

const cleaned = (prefix: string) => clean(ingest(seed(prefix)), config.rules);

describe("clean on the seed articles", () => {
  it("leaves no boilerplate phrase or URL in any title or text", () => {
    for (const file of seedFiles()) {
      const a = clean(ingest(file), config.rules);
      expect(forbiddenIn([a.title, ...a.paragraphs].join("\n")), file.input).toEqual([]);
    }
  });

  it("repairs the PDF copy: rejoined title, joined lines, URLs moved to metadata", () => {
    const a = cleaned("001");
    expect(a.title).toBe("2 Kazakhs Killed in Russian Anti-Terror Operation");
    expect(a.paragraphs[0]).toBe(
      "Kazakhstan on Saturday confirmed the deaths of two of its citizens in an anti-terrorism operation in Russia that Moscow claims prevented an attack against a synagogue in the Russian capital.",
    );
    expect(a.paragraphs.join(" ")).toContain("Islamic State-Khorasan Province");
    expect(a.links).toContain("https://www.themoscowtimes.com/author/afp-2");
    expect(a.outlet).toBe("The Moscow Times");
  });

  it("drops the donation appeal of the web copy and finds the outlet from its signature", () => {
    const a = cleaned("002");
    expect(a.outlet).toBe("The Moscow Times");
    expect(a.paragraphs.at(-1)).toBe(
      "Close to 4,500 Russians, mostly from the North Caucasus, have fought alongside IS, according to official figures.",
    );
  });

  it("strips paywall and newsletter boxes around a story and keeps its title", () => {
    const a = cleaned("004");
    expect(a.title).toBe("Kyrgyzstan Says It Foiled Two Islamic State Attacks");
    expect(a.paragraphs[0]).toMatch(/^Kyrgyzstan's security police said on Friday/);
    expect(a.paragraphs.join(" ")).not.toMatch(/Islamic State flag and ammunition displayed/);
  });

  it("detects the title, the dateline and drops the photo caption", () => {
    const a = cleaned("000");
    expect(a.title).toMatch(/^Kazakhstan Confirms Two Citizens Killed/);
    expect(a.dateline).toBe("ASTANA");
    expect(a.paragraphs.filter((p) => p.includes("(file photo)"))).toEqual([]);
  });

  it("skips a file of nothing but boilerplate", () => {
    const raw = ingest(
      textFile(
        "junk.txt",
        "Support us\nDear readers,\nRemind me later.\nRead more\nSign up for our free weekly newsletter\n×",
      ),
    );
    expect(() => clean(raw, config.rules)).toThrow(SkippedInputError);
  });

  it("strips bylines, stamps and CNN datelines run into the text", () => {
    const raw = ingest(
      textFile(
        "cnn.txt",
        "By. Associated Press. PUBLISHED:. 14:11 EST, 25 October 2013. |. UPDATED:. 15:36 EST, 25 October 2013. The bishop of the diocese has exposed hundreds of members to the virus, officials said on Monday.",
      ),
    );
    expect(clean(raw, config.rules).paragraphs[0]).toMatch(/^The bishop of the diocese/);
  });
});

describe("reflow", () => {
  it("joins wrapped lines, undoes hyphenation and keeps real hyphens", () => {
    const text = [
      "The committee met on Monday to discuss the proposal that had been tabled by the",
      "opposition last week, and after a long debate it voted to send the bill back to com-",
      "mittee for further study by the Islamic State-",
      "Khorasan experts of the ministry and other people who know the subject really well.",
      "",
      "A second paragraph starts here and it also runs on for a while before it wraps to",
      "the next line.",
    ].join("\n");
    expect(reflow(text)).toEqual([
      "The committee met on Monday to discuss the proposal that had been tabled by the opposition last week, and after a long debate it voted to send the bill back to committee for further study by the Islamic State-Khorasan experts of the ministry and other people who know the subject really well.",
      "A second paragraph starts here and it also runs on for a while before it wraps to the next line.",
    ]);
  });

  it("leaves one-paragraph-per-line text alone", () => {
    expect(reflow("Once\nMonthly\nAnnual")).toEqual(["Once", "Monthly", "Annual"]);
  });
});

describe("stripRecurring", () => {
  it("removes a paragraph one outlet prints under several different articles", () => {
    const mk = (id: string, body: string[]) => ({
      id,
      input: id,
      title: "",
      outlet: "Example",
      url: "",
      links: [],
      dateline: "",
      published: "",
      paragraphs: body,
    });
    const a = mk("a", ["Story one is about rain.", "Please give us money for our journalism."]);
    const b = mk("b", ["Story two is about snow.", "Please give us money for our journalism."]);
    const removed = stripRecurring([
      { primary: a, copies: [a] },
      { primary: b, copies: [b] },
    ]);
    expect(removed).toBe(2);
    expect(a.paragraphs).toEqual(["Story one is about rain."]);
    expect(b.paragraphs).toEqual(["Story two is about snow."]);
  });
});
