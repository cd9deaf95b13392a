/**
 * Named errors of the pipeline. Each carries the input it concerns and says how to fix it, so a
 * log line or a CLI message is actionable without a stack trace.
 */

/** Base class: every error the project throws on purpose is a DigestError. */
export class DigestError extends Error {
  override name = "DigestError";
}

/** One input could not be used; the pipeline skips it with a warning and goes on. */
export class SkippedInputError extends DigestError {
  override name = "SkippedInputError";
  constructor(
    readonly input: string,
    readonly reason: string,
  ) {
    super(`${input}: ${reason}`);
  }
}
