import { describe, expect, it } from "vitest";
import { escapeMarkdown, renderMarkdown } from "../../src/pipeline/render/markdown.ts";
import { splitBlock } from "../../src/pipeline/render/split.ts";
import { escapeHtml, renderTelegram } from "../../src/pipeline/render/telegram.ts";
import type { DigestStory } from "../../src/pipeline/types.ts";
import { assertTelegramHtml } from "../helpers/telegram-html.ts";

const story = (i: number, extra = ""): DigestStory => ({
  key: `k${i}`,
  headline: `Story ${i} <b>&amp; "quotes" * _under_ [x](y)`,
  summary: `Summary ${i} with 5 > 3 & a <script>alert(1)</script> tag.${extra}`,
  articles: [
    {
      input: "in/a.txt",
      title: "A",
      outlet: "Outlet A",
      url: "https://a.example/x?a=1&b=2",
      published: "",
      articleId: "1",
    },
    { input: "in/b.txt", title: "B", outlet: "", url: "", published: "", articleId: "2" },
  ],
  duplicates: [],
  sourceCount: 2,
  published: "",
  updated: i === 2,
});

describe("render", () => {
  it("writes Markdown that shows special characters literally", () => {
    const md = renderMarkdown([story(1), story(2)], "2026-11-22T08:00:00.000Z");
    expect(md).toContain("# News digest, 22 November 2026, 08:00 UTC");
    expect(md).toContain("## 2. Story 2");
    expect(md).toContain("(updated)");
    expect(md).toContain("[Outlet A](<https://a.example/x?a=1&b=2>)");
    expect(md).toContain("b.txt");
    expect(escapeMarkdown("*a* _b_ [c]")).toBe("\\*a\\* \\_b\\_ \\[c\\]");
  });

  it("renders Telegram HTML with only allowed tags and every special character escaped", () => {
    const parts = renderTelegram(renderMarkdown([story(1), story(2)], "2026-11-22T08:00:00.000Z"));
    expect(parts).toHaveLength(1);
    const html = parts[0] as string;
    assertTelegramHtml(html);
    expect(html).toContain('<b>1. Story 1 &lt;b&gt;&amp;amp; "quotes" * _under_ [x](y)</b>');
    expect(html).toContain("&lt;script&gt;");
    expect(html).toContain('<a href="https://a.example/x?a=1&amp;b=2">Outlet A</a>');
    expect(escapeHtml("a<b>&c")).toBe("a&lt;b&gt;&amp;c");
  });

  it("splits long digests into parts of at most 4096 characters at story boundaries", () => {
    const long = " Lorem & ipsum <dolor> sit amet.".repeat(40);
    const stories = Array.from({ length: 12 }, (_, i) => story(i + 1, long));
    const parts = renderTelegram(renderMarkdown(stories, "2026-11-22T08:00:00.000Z"));
    expect(parts.length).toBeGreaterThan(1);
    for (const p of parts) assertTelegramHtml(p);
    for (const p of parts.slice(1)) expect(p.startsWith("<b>")).toBe(true);
    expect(parts.join("").match(/Story \d+ /g)).toHaveLength(12);
  });

  it("cuts an oversized block without breaking a tag or an entity, reopening open tags", () => {
    const html = `<b>${"word &amp; ".repeat(2000)}</b>`;
    const parts = splitBlock(html, 500);
    expect(parts.length).toBeGreaterThan(10);
    for (const p of parts) {
      assertTelegramHtml(p);
      expect(p.length).toBeLessThanOrEqual(500);
      expect(p.startsWith("<b>")).toBe(true);
    }
    const text = parts.map((p) => p.replace(/<\/?b>/g, "")).join(" ");
    expect(text.match(/&amp;/g)).toHaveLength(2000);
  });
});
