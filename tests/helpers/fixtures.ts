/** Shared test fixtures: the seed articles, the project's rules and the forbidden phrases. */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { loadConfig } from "../../src/config.ts";
import type { SourceFile } from "../../src/pipeline/types.ts";

export const SEEDS_DIR = "tests/fixtures/seeds";

/** The project's configuration, as the CLI loads it, with no environment. */
export const config = loadConfig({});

/** The seed articles as pipeline inputs, named like the CLI names them. */
export function seedFiles(): SourceFile[] {
  return readdirSync(SEEDS_DIR)
    .sort()
    .map((f) => ({ input: `${SEEDS_DIR}/${f}`, bytes: readFileSync(join(SEEDS_DIR, f)) }));
}

/** The seed whose file name starts with `prefix` ("000" … "004"). */
export function seed(prefix: string): SourceFile {
  const file = seedFiles().find((f) => f.input.includes(`/${prefix}_`));
  if (!file) throw new Error(`no seed ${prefix}`);
  return file;
}

/** Phrases that must never survive cleaning, from the acceptance criteria. */
export const FORBIDDEN = [
  "Remind me later",
  "Dear readers",
  "Support us",
  "Sign up for our free weekly newsletter",
  "Privacy Policy",
  "Enjoying ad-free content",
  "paiment methods",
  "Read more",
  "Related article",
  "(file photo)",
];

/** Returns the forbidden phrases (and URLs) found in a text. */
export function forbiddenIn(text: string): string[] {
  const found = FORBIDDEN.filter((p) => text.toLowerCase().includes(p.toLowerCase()));
  const url = /https?:\/\/|www\.\w/i.exec(text);
  return url ? [...found, url[0]] : found;
}

/** A SourceFile from a string. */
export function textFile(input: string, text: string): SourceFile {
  return { input, bytes: new TextEncoder().encode(text) };
}
