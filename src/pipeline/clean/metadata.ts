/**
 * Metadata detection: cited URLs (moved out of the body), the outlet (front matter, a signature
 * such as "A Message from The Moscow Times", or the domain of a URL) and a dateline.
 */
import type { BoilerplateRules } from "./rules.ts";

const URL_RE = /\b(?:https?:\/\/|www\.)[^\s<>"'“”)\]]+/giu;
/** Trailing punctuation that belongs to the sentence, not to the URL. */
const URL_TAIL = /[.,;:!?]+$/;
/** Domains that are platforms or authorities, not the outlet that published the article. */
const NOT_OUTLETS =
  /(^|\.)(gov(\.[a-z]{2})?|[a-z]{2}\.gov|twitter\.com|x\.com|t\.me|facebook\.com|instagram\.com|youtube\.com|youtu\.be|wikipedia\.org|google\.com|bit\.ly|archive\.org)$/;

/** Removes URLs from a paragraph, returning the text without them and the URLs found. */
export function extractLinks(text: string): { text: string; links: string[] } {
  const links: string[] = [];
  const stripped = text.replace(URL_RE, (url) => {
    links.push(url.replace(URL_TAIL, ""));
    return "";
  });
  if (links.length === 0) return { text, links };
  return {
    text: stripped
      .replace(/\(\s*\)|\[\s*\]/g, "")
      .replace(/\s+([.,;:!?])/g, "$1")
      .replace(/\s{2,}/g, " ")
      .trim(),
    links,
  };
}

/** The host of a URL without "www.", or "" when it does not parse. */
export function domainOf(url: string): string {
  try {
    const u = new URL(/^https?:/i.test(url) ? url : `https://${url}`);
    return u.hostname.toLowerCase().replace(/^www\./, "");
  } catch {
    return "";
  }
}

/** Display name of an outlet known by domain: the configured name, else the domain itself. */
export function outletFromDomain(domain: string, rules: BoilerplateRules): string {
  for (let d = domain; d.includes("."); d = d.slice(d.indexOf(".") + 1)) {
    const name = rules.outlets.get(d);
    if (name) return name;
  }
  return domain;
}

/** The outlet named by a signature line in the text, if any. */
export function outletFromSignature(paragraphs: string[], rules: BoilerplateRules): string {
  for (const p of paragraphs) {
    for (const re of rules.outletSignatures) {
      const name = re.exec(p)?.[1]?.trim();
      if (name) return name;
    }
  }
  return "";
}

/** The most cited domain that is an outlet rather than a platform, or "". */
export function outletFromLinks(links: string[], rules: BoilerplateRules): string {
  const counts = new Map<string, number>();
  for (const link of links) {
    const d = domainOf(link);
    if (d && !NOT_OUTLETS.test(d)) counts.set(d, (counts.get(d) ?? 0) + 1);
  }
  let best = "";
  let bestCount = 0;
  for (const [d, n] of counts) {
    if (n > bestCount) [best, bestCount] = [d, n];
  }
  return best ? outletFromDomain(best, rules) : "";
}

const DATELINE =
  /^((?:[\p{Lu}][\p{Lu}\p{L}.'’ -]{1,40}?(?:,\s*[\p{L}.' ]{2,30})?)(?:\s*\((?:AP|Reuters|AFP|CNN|UPI)\))?)\s*(?:--|—|–)\s+/u;

/** A dateline at the start of the lead ("ASTANA --", "MADRID —"), or "". */
export function detectDateline(lead: string): string {
  const m = DATELINE.exec(lead);
  const place = m?.[1]?.trim() ?? "";
  // A dateline is a place: at most a few words.
  const MAX_DATELINE_WORDS = 5;
  return place && place.split(/\s+/).length <= MAX_DATELINE_WORDS ? place : "";
}
