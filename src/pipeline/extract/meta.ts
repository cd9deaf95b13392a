/**
 * Page metadata for HTML extraction: meta tags (Open Graph, Twitter, article:*), link
 * rel=canonical, <title>, the first <h1> and JSON-LD (schema.org NewsArticle and kin).
 */
import type { ChildNode, Element } from "domhandler";
import type { ArticleMeta } from "../types.ts";

/** An attribute's value, or "". */
export function attr(el: Element, name: string): string {
  return el.attribs[name] ?? "";
}

/** Metadata from meta tags, link rel=canonical, <title>, the first <h1> and JSON-LD. */
export function readMeta(nodes: ChildNode[]): ArticleMeta {
  const metas = new Map<string, string>();
  let title = "";
  let h1 = "";
  let canonical = "";
  const ld: Record<string, unknown>[] = [];
  const visit = (list: ChildNode[]) => {
    for (const node of list) {
      if (node.type !== "tag" && node.type !== "script") continue;
      const el = node as Element;
      if (el.name === "meta") {
        const key = (
          attr(el, "property") ||
          attr(el, "name") ||
          attr(el, "itemprop")
        ).toLowerCase();
        const content = attr(el, "content").trim();
        if (key && content && !metas.has(key)) metas.set(key, content);
      } else if (el.name === "link" && /\bcanonical\b/i.test(attr(el, "rel"))) {
        canonical ||= attr(el, "href");
      } else if (el.name === "title") {
        title ||= textOf(el);
      } else if (el.name === "h1") {
        h1 ||= textOf(el);
      } else if (el.name === "script" && /ld\+json/i.test(attr(el, "type"))) {
        ld.push(...jsonLd(textOf(el)));
      }
      if (el.children.length) visit(el.children);
    }
  };
  visit(nodes);
  const article = ld.find((o) =>
    /Article|BlogPosting|Report|NewsArticle/i.test(String(o["@type"] ?? "")),
  );
  const publisher = article?.publisher as { name?: unknown } | undefined;
  const meta: ArticleMeta = {};
  const headline =
    metas.get("og:title") ||
    metas.get("twitter:title") ||
    str(article?.headline) ||
    h1 ||
    stripSiteName(title);
  if (headline) meta.title = headline.replace(/\s+/g, " ").trim();
  const url = canonical || metas.get("og:url") || str(article?.url);
  if (/^https?:\/\//i.test(url)) meta.url = url;
  const outlet = metas.get("og:site_name") || str(publisher?.name) || metas.get("application-name");
  if (outlet) meta.outlet = outlet;
  const published =
    metas.get("article:published_time") ||
    str(article?.datePublished) ||
    metas.get("datepublished") ||
    metas.get("pubdate") ||
    metas.get("date") ||
    metas.get("dc.date");
  if (published) meta.published = published;
  return meta;
}

function str(v: unknown): string {
  return typeof v === "string" ? v : "";
}

function stripSiteName(title: string): string {
  return title.split(/\s+[|–—-]\s+/)[0] ?? title;
}

function textOf(el: Element): string {
  let out = "";
  const walk = (nodes: ChildNode[]) => {
    for (const n of nodes) {
      if (n.type === "text") out += n.data;
      else if ("children" in n) walk(n.children as ChildNode[]);
    }
  };
  walk(el.children);
  return out.replace(/\s+/g, " ").trim();
}

function jsonLd(text: string): Record<string, unknown>[] {
  try {
    const data = JSON.parse(text) as unknown;
    const list = Array.isArray(data) ? data : [data];
    return list.flatMap((o) => {
      if (!o || typeof o !== "object") return [];
      const graph = (o as { "@graph"?: unknown })["@graph"];
      return Array.isArray(graph)
        ? (graph as Record<string, unknown>[])
        : [o as Record<string, unknown>];
    });
  } catch {
    // Many pages ship broken JSON-LD; the other metadata sources still apply.
    return [];
  }
}
