import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLogger } from "../../src/log.ts";
import { clean } from "../../src/pipeline/clean/index.ts";
import { ingest } from "../../src/pipeline/ingest.ts";
import { collectFeeds, type FeedSource } from "../../src/sources/feeds.ts";
import {
  DEFAULT_FETCH_OPTIONS,
  FetchError,
  isPrivateAddress,
  safeFetch,
} from "../../src/sources/fetch.ts";
import { openDatabase } from "../../src/store/database.ts";
import { config } from "../helpers/fixtures.ts";

const para = (topic: string, n: number) =>
  Array.from(
    { length: n },
    (_, i) =>
      `<p>Paragraph ${i + 1} about ${topic}: officials said on Monday that the work would continue, and residents welcomed the news.</p>`,
  ).join("");
const page = (title: string) =>
  `<html><head><title>${title}</title><meta property="og:site_name" content="Loopback News"></head><body><nav><a href="/">Home</a></nav><article><h1>${title}</h1>${para(title, 6)}</article></body></html>`;
const rssItem = (id: string, full: boolean, link: string) =>
  `<item><title>Story ${id}</title><link>${link}</link><guid>${id}</guid><pubDate>Thu, 02 May 2024 09:00:00 GMT</pubDate><description>Short ${id}</description>${full ? `<content:encoded><![CDATA[${para(`story ${id}`, 20)}]]></content:encoded>` : ""}</item>`;
const rss = (items: string) =>
  `<?xml version="1.0"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>Loopback</title><link>http://x/</link>${items}</channel></rss>`;

let server: Server;
let base = "";
const hits = new Map<string, number>();
let reorderCalls = 0;

beforeAll(async () => {
  server = createServer((req, res) => {
    const path = req.url ?? "/";
    hits.set(path, (hits.get(path) ?? 0) + 1);
    const send = (
      status: number,
      type: string,
      body: string,
      headers: Record<string, string> = {},
    ) => {
      res.writeHead(status, { "content-type": type, ...headers });
      res.end(body);
    };
    switch (path) {
      case "/rss":
        return send(
          200,
          "application/rss+xml",
          rss(
            rssItem("r1", true, `${base}/never-fetched`) +
              rssItem("r2", true, `${base}/never-fetched`),
          ),
        );
      case "/atom":
        return send(
          200,
          "application/atom+xml",
          `<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>A</title><id>a</id><updated>2024-05-02T09:00:00Z</updated>
           <entry><title>Atom one</title><id>a1</id><link href="${base}/page/a"/><updated>2024-05-02T09:00:00Z</updated><summary>Short</summary></entry>
           <entry><title>Huge one</title><id>a2</id><link href="${base}/huge"/><updated>2024-05-02T09:00:00Z</updated><summary>Short</summary></entry>
           <entry><title>PDF one</title><id>a3</id><link href="${base}/doc.pdf"/><updated>2024-05-02T09:00:00Z</updated><summary>Short</summary></entry>
           </feed>`,
        );
      case "/json":
        return send(
          200,
          "application/feed+json",
          JSON.stringify({
            version: "https://jsonfeed.org/version/1.1",
            title: "J",
            items: [
              {
                id: "j1",
                url: `${base}/page/b`,
                title: "Json one",
                content_html: "<p>teaser</p>",
                date_published: "2024-05-02T09:00:00Z",
              },
            ],
          }),
        );
      case "/rdf":
        return send(
          200,
          "application/rdf+xml",
          `<?xml version="1.0"?><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel rdf:about="${base}"><title>R</title><link>${base}</link></channel><item rdf:about="${base}/page/c"><title>Rdf one</title><link>${base}/page/c</link><description>d</description><dc:date>2024-05-02</dc:date></item></rdf:RDF>`,
        );
      case "/malformed":
        return send(200, "application/rss+xml", "<rss><channel><item><title>broken</rss");
      case "/flaky":
        return (hits.get(path) ?? 0) === 1
          ? send(500, "text/plain", "boom")
          : send(200, "application/rss+xml", rss(rssItem("f1", true, `${base}/x`)));
      case "/hang":
        res.writeHead(200, { "content-type": "application/rss+xml" });
        res.write("<rss>");
        return;
      case "/loop":
        return send(302, "text/plain", "", { location: "/loop2" });
      case "/loop2":
        return send(302, "text/plain", "", { location: "/loop" });
      case "/huge": {
        res.writeHead(200, { "content-type": "text/html" });
        const chunk = Buffer.alloc(1 << 20, "a");
        let sent = 0;
        const pump = () => {
          while (sent < 50 && res.write(chunk)) sent++;
          if (sent >= 50) res.end();
          else res.once("drain", pump);
        };
        res.on("close", () => {
          sent = 50;
        });
        return pump();
      }
      case "/doc.pdf":
        return send(200, "application/pdf", "%PDF-1.4 not html");
      case "/reorder": {
        reorderCalls++;
        const items = [
          rssItem("o1", false, `${base}/page/o1`),
          rssItem("o2", false, `${base}/page/o2`),
        ];
        return send(
          200,
          "application/rss+xml",
          rss((reorderCalls % 2 ? items : items.reverse()).join("")),
        );
      }
      case "/etag":
        if (req.headers["if-none-match"] === '"v1"') return send(304, "application/rss+xml", "");
        return send(200, "application/rss+xml", rss(rssItem("e1", true, `${base}/x`)), {
          etag: '"v1"',
        });
      default:
        if (path.startsWith("/page/"))
          return send(200, "text/html; charset=utf-8", page(`Page ${path.slice(6)}`));
        return send(404, "text/plain", "not found");
    }
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
});

const fetchOptions = {
  ...DEFAULT_FETCH_OPTIONS,
  timeoutMs: 1_500,
  retries: 1,
  allowPrivate: true,
  maxBytes: 5 * 1024 * 1024,
};

function run(feeds: FeedSource[], db = openDatabase(":memory:"), commit = true) {
  const lines: string[] = [];
  const log = createLogger({ level: "info", pretty: false, write: (l) => lines.push(l) });
  const result = collectFeeds(feeds, { db, log, fetch: fetchOptions }).then((r) => {
    if (commit) r.commit();
    return r.files;
  });
  return { db, lines, result };
}

const feed = (path: string, name = path.slice(1)): FeedSource => ({
  url: `${base}${path}`,
  name,
  fetchArticles: true,
});

describe("feeds", () => {
  it("reads RSS, Atom, RDF and JSON Feed; uses full content as is and fetches pages otherwise", async () => {
    const { result, lines } = run([feed("/rss"), feed("/atom"), feed("/json"), feed("/rdf")]);
    const files = await result;
    const titles = files.map((f) => f.meta?.title);
    expect(titles).toEqual(["Story r1", "Story r2", "Atom one", "Json one", "Rdf one"]);
    expect(hits.get("/never-fetched")).toBeUndefined();
    expect(hits.get("/page/a")).toBe(1);
    const article = clean(ingest(files[2] as never), config.rules);
    expect(article.title).toBe("Atom one");
    expect(article.url).toBe(`${base}/page/a`);
    expect(article.paragraphs[0]).toMatch(/^Paragraph 1 about Page a/);
    expect(article.outlet).toBe("atom");
    // The 50 MB page and the PDF are skipped, each logged with the feed's name.
    const warnings = lines.filter((l) => l.includes('"level":"warn"'));
    expect(
      warnings.some((l) => l.includes('"source":"atom"') && l.includes("/huge") && /limit/.test(l)),
    ).toBe(true);
    expect(
      warnings.some((l) => l.includes('"source":"atom"') && l.includes("application/pdf")),
    ).toBe(true);
  });

  it("skips broken sources with a warning naming each, and goes on with the others", async () => {
    const { result, lines } = run([
      feed("/malformed"),
      feed("/404"),
      feed("/hang"),
      feed("/loop"),
      feed("/rss", "good"),
    ]);
    const files = await result;
    expect(files.map((f) => f.meta?.title)).toEqual(["Story r1", "Story r2"]);
    const warn = (name: string) =>
      lines.find((l) => l.includes('"level":"warn"') && l.includes(`"source":"${name}"`)) ?? "";
    expect(warn("malformed")).toMatch(/Invalid feed|feed/i);
    expect(warn("404")).toMatch(/HTTP 404/);
    expect(warn("hang")).toMatch(/timed out/);
    expect(warn("loop")).toMatch(/more than 5 redirects/);
  });

  it("retries a 500 and then succeeds", async () => {
    const files = await run([feed("/flaky")]).result;
    expect(files).toHaveLength(1);
    expect(hits.get("/flaky")).toBe(2);
  });

  it("does not fetch seen items again when a feed reorders them, and sends conditional requests", async () => {
    const db = openDatabase(":memory:");
    // Not committed (the build failed): the items come again next time.
    expect(await run([feed("/reorder")], db, false).result).toHaveLength(2);
    expect(await run([feed("/reorder")], db).result).toHaveLength(2);
    expect(await run([feed("/reorder")], db).result).toHaveLength(0);
    expect(hits.get("/page/o1")).toBe(2);
    expect(await run([feed("/etag")], db).result).toHaveLength(1);
    const again = run([feed("/etag")], db);
    expect(await again.result).toHaveLength(0);
    expect(again.lines.some((l) => l.includes("304"))).toBe(true);
  });
});

describe("safeFetch", () => {
  it("refuses private addresses unless allowed, and non-http schemes", async () => {
    const strict = { ...fetchOptions, allowPrivate: false };
    await expect(safeFetch(`${base}/rss`, /xml/, strict)).rejects.toThrow(/private address/);
    await expect(safeFetch("file:///etc/passwd", /./, fetchOptions)).rejects.toThrow(FetchError);
    await expect(safeFetch("ftp://example.com/x", /./, fetchOptions)).rejects.toThrow(
      /only http and https/,
    );
    expect(
      [
        "127.0.0.1",
        "10.1.2.3",
        "172.20.0.1",
        "192.168.1.1",
        "169.254.1.1",
        "::1",
        "fd00::1",
        "fe80::1",
      ].every(isPrivateAddress),
    ).toBe(true);
    expect(["8.8.8.8", "1.1.1.1", "2606:4700::1111"].some(isPrivateAddress)).toBe(false);
  });
});
