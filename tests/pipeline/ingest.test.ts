import { describe, expect, it } from "vitest";
import { SkippedInputError } from "../../src/pipeline/errors.ts";
import { articleId, frontMatter, ingest } from "../../src/pipeline/ingest.ts";
import { textFile } from "../helpers/fixtures.ts";

describe("ingest", () => {
  it("decodes UTF-8 and gives equal texts equal ids whatever their spacing or case", () => {
    const a = ingest(textFile("a.txt", "Hello  world\r\nagain"));
    const b = ingest(textFile("b.txt", "hello world again"));
    expect(a.text).toBe("Hello  world\nagain");
    expect(a.encoding).toBe("utf-8");
    expect(a.id).toBe(b.id);
    expect(a.id).toMatch(/^[0-9a-f]{16}$/);
    expect(articleId("other text")).not.toBe(a.id);
  });

  it("detects and decodes Windows-1251", () => {
    // "Привет, мир. Это статья о новостях." in Windows-1251.
    const text = "Привет, мир. Это статья о новостях, написанная по-русски для проверки кодировки.";
    const bytes = Uint8Array.from(
      [...text].map((ch) => {
        const code = ch.charCodeAt(0);
        if (code >= 0x410 && code <= 0x44f) return code - 0x410 + 0xc0;
        if (code === 0x401) return 0xa8;
        if (code === 0x451) return 0xb8;
        return code;
      }),
    );
    const raw = ingest({ input: "ru.txt", bytes });
    expect(raw.encoding).toBe("windows-1251");
    expect(raw.text).toBe(text);
  });

  it("decodes Latin-1 text", () => {
    const bytes = Uint8Array.from(
      [...`Café crème à Genève, déjà vu: une histoire française très longue.`].map((c) =>
        c.charCodeAt(0),
      ),
    );
    const raw = ingest({ input: "fr.txt", bytes });
    expect(raw.text).toContain("Café crème à Genève");
  });

  it("keeps mostly-UTF-8 text with a few broken bytes", () => {
    const good = new TextEncoder().encode("Zürich and Köln are cities — “quoted” words é è ü ö. ");
    const bytes = new Uint8Array([...good, 0xff, 0xfe, ...good]);
    const raw = ingest({ input: "broken.txt", bytes });
    expect(raw.encoding).toBe("utf-8 (repaired)");
    expect(raw.text).toContain("Zürich");
  });

  it("refuses empty and binary files with a reason", () => {
    expect(() => ingest({ input: "e.txt", bytes: new Uint8Array() })).toThrow(SkippedInputError);
    const png = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0]);
    expect(() => ingest({ input: "x.png", bytes: png })).toThrow(/PNG image/);
    expect(() => ingest({ input: "nul.txt", bytes: Uint8Array.from([65, 0, 66, 0]) })).toThrow(
      /binary/,
    );
  });

  it("reads front matter, which wins over detection", () => {
    const raw = ingest(
      textFile(
        "fm.md",
        '---\ntitle: "A Title"\nurl: https://example.com/a\noutlet: Example News\npublished: 2024-03-09\nignored: x\n---\nBody text here.',
      ),
    );
    expect(raw.meta).toEqual({
      title: "A Title",
      url: "https://example.com/a",
      outlet: "Example News",
      published: "2024-03-09",
    });
    expect(raw.text).toBe("Body text here.");
    expect(raw.format).toBe("markdown");
    expect(frontMatter("no front matter").meta).toEqual({});
  });
});
