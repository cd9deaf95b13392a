/**
 * Folder and file sources: finds input files (recursively, in a stable order), refuses files
 * over the size cap before reading them, and reads the rest lazily.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import type { PipelineWarning, SourceFile } from "../pipeline/types.ts";

/** One input to read: its display name, where it is and the outlet configured for it. */
export interface InputEntry {
  input: string;
  path: string;
  outlet?: string | undefined;
}

/** A folder or file to read, with an optional outlet name for everything in it. */
export interface InputSpec {
  path: string;
  outlet?: string | undefined;
}

/** The inputs a build reads: explicit paths if given, else DIGEST_INPUT, else config's folders. */
export function inputSpecs(
  config: { inputs: string[]; folders: InputSpec[] },
  explicit: string[] = [],
): InputSpec[] {
  if (explicit.length > 0) return explicit.map((path) => ({ path }));
  if (config.inputs.length > 0) return config.inputs.map((path) => ({ path }));
  return config.folders;
}

/**
 * Lists the inputs under the given paths. A file's name is its path as given; a file found in
 * a folder is named folder + "/" + its path relative to the folder. Hidden files are ignored.
 */
export function listInputs(
  specs: InputSpec[],
  maxBytes: number,
  warn: (w: PipelineWarning) => void,
): InputEntry[] {
  const out: InputEntry[] = [];
  for (const spec of specs) {
    let stat: ReturnType<typeof statSync>;
    try {
      stat = statSync(spec.path);
    } catch (e) {
      warn({
        input: spec.path,
        message: `cannot read: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`,
      });
      continue;
    }
    if (stat.isDirectory()) {
      const prefix = spec.path.endsWith("/") ? spec.path : `${spec.path}/`;
      for (const rel of walk(spec.path))
        out.push({ input: prefix + rel, path: prefix + rel, outlet: spec.outlet });
    } else {
      out.push({ input: spec.path, path: spec.path, outlet: spec.outlet });
    }
  }
  return out.filter((e) => {
    const size = statSync(e.path).size;
    if (size <= maxBytes) return true;
    warn({
      input: e.input,
      message: `file is ${(size / 1e6).toFixed(1)} MB, over the ${(maxBytes / 1e6).toFixed(1)} MB limit (digest.maxFileBytes); skipped`,
    });
    return false;
  });
}

function walk(dir: string, rel = ""): string[] {
  const entries = readdirSync(rel ? `${dir}/${rel}` : dir, { withFileTypes: true })
    .filter((d) => !d.name.startsWith("."))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return entries.flatMap((d) => {
    const path = rel ? `${rel}/${d.name}` : d.name;
    if (d.isDirectory()) return walk(dir, path);
    return d.isFile() ? [path] : [];
  });
}

/** Reads the listed inputs one at a time, as the pipeline consumes them. */
export function* readInputs(
  entries: InputEntry[],
  warn: (w: PipelineWarning) => void,
): Generator<SourceFile> {
  for (const e of entries) {
    let bytes: Buffer;
    try {
      bytes = readFileSync(e.path);
    } catch (err) {
      warn({ input: e.input, message: `cannot read: ${(err as Error).message}` });
      continue;
    }
    yield e.outlet ? { input: e.input, bytes, outlet: e.outlet } : { input: e.input, bytes };
  }
}
