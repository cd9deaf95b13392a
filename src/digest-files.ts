/**
 * Writes a digest to the digests folder: `<YYYY-MM-DD-HHmm>.md` and its `.json` twin, named by
 * the build time in the configured time zone; a second build in the same minute gets a suffix.
 */
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Digest } from "./pipeline/types.ts";

/** The file stem for a build time, e.g. "2026-11-22-0800". */
export function digestStem(iso: string, timeZone = "UTC"): string {
  const parts = new Intl.DateTimeFormat("en-CA", {
    timeZone,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  }).formatToParts(new Date(iso));
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? "00";
  return `${get("year")}-${get("month")}-${get("day")}-${get("hour")}${get("minute")}`;
}

/** Writes both files and returns their paths. */
export function writeDigestFiles(
  dir: string,
  digest: Digest,
  timeZone = "UTC",
): { markdown: string; json: string } {
  mkdirSync(dir, { recursive: true });
  const stem = digestStem(digest.createdAt, timeZone);
  let name = stem;
  for (let n = 2; existsSync(join(dir, `${name}.md`)); n++) name = `${stem}-${n}`;
  const markdown = join(dir, `${name}.md`);
  const json = join(dir, `${name}.json`);
  writeFileSync(markdown, digest.markdown);
  writeFileSync(json, `${JSON.stringify(digest, null, 2)}\n`);
  return { markdown, json };
}
