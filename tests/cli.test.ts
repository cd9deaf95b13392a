import {
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeEach, describe, expect, it } from "vitest";
import { runCli } from "./helpers/cli.ts";
import { forbiddenIn, SEEDS_DIR } from "./helpers/fixtures.ts";
import { assertTelegramHtml } from "./helpers/telegram-html.ts";

let work: string;
beforeEach(() => {
  work = mkdtempSync(join(tmpdir(), "digest-cli-"));
});

const seedNames = () => readdirSync(SEEDS_DIR).sort();
const short = (input: string) => input.match(/(\d{3})_/)?.[1] ?? input;

function build(args: string[]) {
  const r = runCli([
    "build",
    "--db",
    join(work, "d.db"),
    "--out",
    join(work, "digests"),
    "--json",
    ...args,
  ]);
  expect(r.code, r.stderr).toBe(0);
  return JSON.parse(r.stdout);
}

describe("digest build", () => {
  it("builds the two-story digest from the seeds, free of boilerplate", () => {
    const out = build(["--input", SEEDS_DIR]);
    expect(out.stories).toHaveLength(2);
    const [first, second] = out.stories;
    expect(first.headline).toMatch(/Kazakh/);
    expect(first.summary).toMatch(/Kazakh/);
    expect(first.articles.map((a: { input: string }) => short(a.input)).sort()).toEqual([
      "000",
      "001",
      "002",
      "003",
    ]);
    expect(second.headline).toBe("Kyrgyzstan Says It Foiled Two Islamic State Attacks");
    expect(first.articles[0].input).toBe(`${SEEDS_DIR}/${seedNames()[0]}`);
    for (const s of out.stories) expect(forbiddenIn(`${s.headline}\n${s.summary}`)).toEqual([]);
    for (const part of out.telegram) {
      assertTelegramHtml(part);
      expect(forbiddenIn(part.replace(/<a href="[^"]*">/g, ""))).toEqual([]);
    }
    const files = readdirSync(join(work, "digests"));
    expect(files.filter((f) => /^\d{4}-\d{2}-\d{2}-\d{4}\.md$/.test(f))).toHaveLength(1);
    const twin = JSON.parse(readFileSync(out.files.json, "utf8"));
    expect(twin.stories).toHaveLength(2);
    expect(readFileSync(out.files.markdown, "utf8")).toBe(out.markdown);
  });

  it("does not repeat published stories, and brings back a story that gained a source", () => {
    const input = join(work, "in");
    mkdirSync(input);
    for (const f of seedNames().filter((n) => !n.startsWith("003")))
      copyFileSync(join(SEEDS_DIR, f), join(input, f));
    expect(build(["--input", input]).stories).toHaveLength(2);
    expect(build(["--input", input]).stories).toHaveLength(0);
    const added = seedNames().find((n) => n.startsWith("003")) as string;
    copyFileSync(join(SEEDS_DIR, added), join(input, added));
    const third = build(["--input", input]);
    expect(third.stories).toHaveLength(1);
    expect(third.stories[0].updated).toBe(true);
    expect(third.markdown).toContain("(updated)");
  });

  it("skips bad inputs with one warning line each and builds from the rest", () => {
    const input = join(work, "bad");
    mkdirSync(input);
    for (const f of seedNames()) copyFileSync(join(SEEDS_DIR, f), join(input, f));
    writeFileSync(join(input, "empty.txt"), "");
    writeFileSync(
      join(input, "image.png"),
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]),
    );
    writeFileSync(join(input, "huge.txt"), Buffer.alloc(20 * 1024 * 1024, "word "));
    writeFileSync(
      join(input, "invalid-utf8.txt"),
      Buffer.from([0xc3, 0x28, 0xa0, 0xa1, 0xe2, 0x28, 0xa1, 0xf0, 0x28, 0x8c, 0xbc]),
    );
    writeFileSync(
      join(input, "boilerplate.txt"),
      "Support us\nDear readers,\nRemind me later.\nRead more\n×\n",
    );
    // A Windows-1251 article: decoded, not skipped.
    const russian =
      "Президент подписал закон о бюджете на следующий год. Документ предусматривает рост расходов на образование и медицину. Депутаты одобрили его в среду.";
    writeFileSync(
      join(input, "cp1251.txt"),
      Buffer.from(
        [...russian].map((ch) => {
          const c = ch.charCodeAt(0);
          return c >= 0x410 && c <= 0x44f ? c - 0x410 + 0xc0 : c === 0x451 ? 0xb8 : c;
        }),
      ),
    );
    const r = runCli([
      "build",
      "--input",
      input,
      "--db",
      join(work, "d.db"),
      "--out",
      join(work, "o"),
      "--json",
    ]);
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout);
    const warned = (name: string) =>
      r.stderr.split("\n").filter((l) => l.includes(name) && /warn/.test(l));
    for (const name of [
      "empty.txt",
      "image.png",
      "huge.txt",
      "invalid-utf8.txt",
      "boilerplate.txt",
    ]) {
      expect(warned(name), name).toHaveLength(1);
    }
    expect(warned("cp1251.txt")).toHaveLength(0);
    const inputs = out.stories.flatMap((s: { articles: Array<{ input: string }> }) =>
      s.articles.map((a) => a.input),
    );
    expect(inputs).toContain(`${input}/cp1251.txt`);
    expect(inputs.filter((i: string) => /\d{3}_/.test(i))).toHaveLength(5);
    expect(out.stories.find((s: { summary: string }) => s.summary.includes("закон"))).toBeDefined();
  });
});

describe("digest clean, cluster, summarize", () => {
  it("clean --json gives the cleaned text of each file", () => {
    const r = runCli(["clean", SEEDS_DIR, "--json"]);
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out).toHaveLength(5);
    for (const a of out) {
      expect(Object.keys(a)).toEqual(
        expect.arrayContaining(["input", "title", "outlet", "url", "text"]),
      );
      expect(forbiddenIn(`${a.title}\n${a.text}`)).toEqual([]);
    }
    expect(out[1].title).toBe("2 Kazakhs Killed in Russian Anti-Terror Operation");
    expect(out[1].text.split("\n\n").length).toBeGreaterThan(5);
  });

  it("clean --json accepts HTML pages and gives the same shape", () => {
    const r = runCli(["clean", "tests/fixtures/html/article.html", "--json"]);
    expect(r.code, r.stderr).toBe(0);
    const [page] = JSON.parse(r.stdout);
    expect(page).toMatchObject({
      input: "tests/fixtures/html/article.html",
      title: "Dam Opens on the River After Ten Years of Work",
      outlet: "Example Times",
      url: "https://example.com/news/dam-opens",
    });
    expect(page.text).toMatch(/^The largest dam on the river opened/);
    expect(page.text).not.toMatch(/cookies|Share on|Privacy/);
  });

  it("cluster --json gives two stories with 001 and 002 as duplicates", () => {
    const r = runCli(["cluster", SEEDS_DIR, "--json"]);
    expect(r.code, r.stderr).toBe(0);
    const { stories } = JSON.parse(r.stdout);
    const groups = stories.map((s: { articles: string[] }) => s.articles.map(short).sort());
    expect(groups).toEqual([["000", "001", "002", "003"], ["004"]]);
    expect(stories[0].duplicates.map((d: string[]) => d.map(short).sort())).toEqual([
      ["001", "002"],
    ]);
    expect(stories[1].duplicates).toEqual([]);
  });

  it("summarize --json gives a headline and summary per file", () => {
    const file = `${SEEDS_DIR}/${seedNames()[4]}`;
    const r = runCli(["summarize", file, "--json"]);
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out).toEqual([
      {
        input: file,
        headline: "Kyrgyzstan Says It Foiled Two Islamic State Attacks",
        summary: expect.stringMatching(/^Kyrgyzstan's security police/),
      },
    ]);
  });

  it("exits 2 on bad usage and 1 on a bad setting, with a message on stderr", () => {
    const usage = runCli(["cluster", "--json"]);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toMatch(/needs at least one FILE_OR_DIR/);
    expect(runCli(["frobnicate"]).code).toBe(2);
    expect(runCli(["build", "--bogus"]).code).toBe(2);
    const help = runCli(["--help"]);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/Usage/);
    const bad = runCli(["build", "--json", "--db", join(work, "d.db")], { BROADCAST_RATE: "500" });
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/BROADCAST_RATE/);
    expect(bad.stdout).toBe("");
  });
});
