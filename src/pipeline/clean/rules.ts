/**
 * Boilerplate rules as data (config/boilerplate.json), compiled once into regular expressions.
 * Keeping them as data lets a user extend them without touching code.
 */
import { DigestError } from "../errors.ts";

/** The JSON shape of config/boilerplate.json. */
export interface BoilerplateConfig {
  lines: string[];
  strip: string[];
  appealWords: string[];
  appealStarts: string[];
  captions: string[];
  articleEnd: string[];
  outletSignatures: string[];
}

/** Compiled rules, as the cleaner uses them. */
export interface BoilerplateRules {
  /** A paragraph matching one of these as a whole is boilerplate. */
  line: PatternSet;
  /** Removed from the start of a paragraph (bylines, stamps, datelines run into the text). */
  strip: RegExp[];
  appealWords: ReadonlySet<string>;
  /** A paragraph matching this opens an appeal block (donation box, newsletter sign-up). */
  appealStart: PatternSet;
  caption: PatternSet;
  /** A line that starts what follows an article (comments, "you may also like"). */
  articleEnd: PatternSet;
  /** Each has one capture group: the outlet's name. */
  outletSignatures: RegExp[];
  /** Domain → display name of outlets. */
  outlets: ReadonlyMap<string, string>;
}

/** Thrown when a rule in config/boilerplate.json is not a valid regular expression. */
export class InvalidRuleError extends DigestError {
  override name = "InvalidRuleError";
  constructor(
    readonly key: string,
    readonly pattern: string,
    cause: unknown,
  ) {
    super(
      `config/boilerplate.json: "${key}" has an invalid regular expression ${JSON.stringify(pattern)} ` +
        `(${cause instanceof Error ? cause.message : String(cause)}); fix or remove it`,
    );
  }
}

/** With the `i` flag \p{Lu} would match every letter, so such patterns stay case-sensitive. */
const CASE_CLASS = /\\p\{L[ul]\}/;
const flagsOf = (pattern: string) => (CASE_CLASS.test(pattern) ? "u" : "iu");

function compile(key: string, patterns: string[]): RegExp[] {
  return patterns.map((p) => {
    try {
      return new RegExp(p, flagsOf(p));
    } catch (e) {
      throw new InvalidRuleError(key, p, e);
    }
  });
}

/** A set of patterns tested as (at most) two unions: case-insensitive and case-sensitive. */
export class PatternSet {
  private readonly unions: RegExp[];
  constructor(key: string, patterns: string[]) {
    compile(key, patterns);
    const groups = [
      patterns.filter((p) => flagsOf(p) === "iu"),
      patterns.filter((p) => flagsOf(p) === "u"),
    ];
    this.unions = groups
      .map((g, i) =>
        g.length ? new RegExp(g.map((p) => `(?:${p})`).join("|"), i ? "u" : "iu") : null,
      )
      .filter((r): r is RegExp => r !== null);
  }

  /** True when any pattern matches. */
  test(text: string): boolean {
    return this.unions.some((r) => r.test(text));
  }
}

function union(key: string, patterns: string[]): PatternSet {
  return new PatternSet(key, patterns);
}

/** Compiles the JSON rules; throws InvalidRuleError naming the first bad pattern. */
export function compileRules(
  config: BoilerplateConfig,
  outlets: Record<string, string> = {},
): BoilerplateRules {
  return {
    line: union("lines", config.lines),
    strip: compile("strip", config.strip),
    appealWords: new Set(config.appealWords.map((w) => w.toLowerCase())),
    appealStart: union("appealStarts", config.appealStarts),
    caption: union("captions", config.captions),
    articleEnd: union("articleEnd", config.articleEnd ?? []),
    outletSignatures: compile("outletSignatures", config.outletSignatures),
    outlets: new Map(
      Object.entries(outlets)
        .filter(([k]) => !k.startsWith("$"))
        .map(([k, v]) => [k.toLowerCase(), v]),
    ),
  };
}
