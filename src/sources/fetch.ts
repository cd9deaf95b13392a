/**
 * Safe HTTP fetching for feeds and article pages: only http(s); at most a few redirects, each
 * checked; a size cap enforced while reading; a content-type check; a timeout over the whole
 * exchange; retries with backoff for network errors and 5xx; private, loopback and link-local
 * addresses refused unless allowed. Conditional requests (ETag / Last-Modified) pass through.
 */
import { lookup } from "node:dns/promises";
import { isIP } from "node:net";
import { DigestError } from "../pipeline/errors.ts";

/** Limits and policy of a fetch. */
export interface FetchOptions {
  timeoutMs: number;
  maxBytes: number;
  maxRedirects: number;
  retries: number;
  allowPrivate: boolean;
  userAgent: string;
}

/** A fetched response (status 304 has an empty body). */
export interface Fetched {
  status: number;
  url: string;
  contentType: string;
  etag: string;
  lastModified: string;
  body: Buffer;
}

/** Why a URL could not be fetched; the message names the URL and what to do. */
export class FetchError extends DigestError {
  override name = "FetchError";
  constructor(
    readonly url: string,
    readonly reason: string,
    readonly retryable = false,
  ) {
    super(`${url}: ${reason}`);
  }
}

/** Defaults: 15 s per exchange, 5 MB, 5 redirects, 2 retries. */
export const DEFAULT_FETCH_OPTIONS: FetchOptions = {
  timeoutMs: 15_000,
  maxBytes: 5 * 1024 * 1024,
  maxRedirects: 5,
  retries: 2,
  allowPrivate: false,
  userAgent: "news-digest/0.1 (feed reader)",
};

/** First retry waits this long; each next one twice as long. */
const BACKOFF_MS = 500;

/** Fetches `url`, accepting only content types matching `accept`. */
export async function safeFetch(
  url: string,
  accept: RegExp,
  options: FetchOptions,
  headers: Record<string, string> = {},
): Promise<Fetched> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await fetchOnce(url, accept, options, headers);
    } catch (e) {
      const retryable = e instanceof FetchError ? e.retryable : true;
      if (!retryable || attempt >= options.retries) {
        throw e instanceof FetchError ? e : new FetchError(url, (e as Error).message);
      }
      await new Promise((r) => setTimeout(r, BACKOFF_MS * 2 ** attempt));
    }
  }
}

async function fetchOnce(
  url: string,
  accept: RegExp,
  options: FetchOptions,
  headers: Record<string, string>,
): Promise<Fetched> {
  const signal = AbortSignal.timeout(options.timeoutMs);
  let current = url;
  for (let hop = 0; ; hop++) {
    await checkUrl(current, options);
    let response: Response;
    try {
      response = await fetch(current, {
        redirect: "manual",
        signal,
        headers: { "user-agent": options.userAgent, accept: "*/*", ...headers },
      });
    } catch (e) {
      const timedOut = signal.aborted;
      throw new FetchError(
        current,
        timedOut
          ? `timed out after ${options.timeoutMs} ms`
          : `network error: ${(e as Error).message}`,
        true,
      );
    }
    if (response.status >= 300 && response.status < 400 && response.status !== 304) {
      const location = response.headers.get("location");
      await response.body?.cancel();
      if (!location)
        throw new FetchError(current, `redirect ${response.status} without a Location`);
      if (hop >= options.maxRedirects)
        throw new FetchError(url, `more than ${options.maxRedirects} redirects`);
      current = new URL(location, current).toString();
      continue;
    }
    const meta = {
      status: response.status,
      url: current,
      contentType: response.headers.get("content-type") ?? "",
      etag: response.headers.get("etag") ?? "",
      lastModified: response.headers.get("last-modified") ?? "",
    };
    if (response.status === 304) return { ...meta, body: Buffer.alloc(0) };
    if (response.status >= 500) {
      await response.body?.cancel();
      throw new FetchError(current, `server error ${response.status}`, true);
    }
    if (response.status >= 400) {
      await response.body?.cancel();
      throw new FetchError(current, `HTTP ${response.status}`);
    }
    if (meta.contentType && !accept.test(meta.contentType)) {
      await response.body?.cancel();
      throw new FetchError(current, `unexpected content type ${meta.contentType}`);
    }
    const declared = Number(response.headers.get("content-length") ?? 0);
    if (declared > options.maxBytes) {
      await response.body?.cancel();
      throw new FetchError(current, `${declared} bytes, over the ${options.maxBytes}-byte limit`);
    }
    return { ...meta, body: await readCapped(response, current, options, signal) };
  }
}

async function readCapped(
  response: Response,
  url: string,
  options: FetchOptions,
  signal: AbortSignal,
): Promise<Buffer> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = response.body?.getReader();
  if (!reader) return Buffer.alloc(0);
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.length;
      if (size > options.maxBytes) {
        await reader.cancel();
        throw new FetchError(url, `response over the ${options.maxBytes}-byte limit`);
      }
      chunks.push(value);
    }
  } catch (e) {
    if (e instanceof FetchError) throw e;
    throw new FetchError(
      url,
      signal.aborted
        ? `timed out after ${options.timeoutMs} ms`
        : `read error: ${(e as Error).message}`,
      true,
    );
  }
  return Buffer.concat(chunks);
}

/** Refuses non-http(s) URLs and, unless allowed, hosts that resolve to private addresses. */
async function checkUrl(url: string, options: FetchOptions): Promise<void> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new FetchError(url, "not a valid URL");
  }
  if (parsed.protocol !== "http:" && parsed.protocol !== "https:") {
    throw new FetchError(url, `only http and https are fetched, not ${parsed.protocol}`);
  }
  if (options.allowPrivate) return;
  const host = parsed.hostname.replace(/^\[|\]$/g, "");
  const addresses = isIP(host)
    ? [host]
    : (await lookup(host, { all: true }).catch(() => [])).map((a) => a.address);
  const bad = addresses.find(isPrivateAddress);
  if (bad)
    throw new FetchError(
      url,
      `refused: ${host} is a private address (${bad}); set FETCH_ALLOW_PRIVATE=true to allow`,
    );
}

/** Loopback, private (RFC 1918, unique-local), link-local, unspecified and CGNAT addresses. */
export function isPrivateAddress(address: string): boolean {
  const v4 = address.replace(/^::ffff:/i, "");
  if (isIP(v4) === 4) {
    const [a = 0, b = 0] = v4.split(".").map(Number);
    return (
      a === 10 ||
      a === 127 ||
      a === 0 ||
      (a === 169 && b === 254) ||
      (a === 172 && b >= 16 && b <= 31) ||
      (a === 192 && b === 168) ||
      (a === 100 && b >= 64 && b <= 127)
    );
  }
  const v6 = address.toLowerCase();
  return (
    v6 === "::1" ||
    v6 === "::" ||
    v6.startsWith("fc") ||
    v6.startsWith("fd") ||
    v6.startsWith("fe80")
  );
}
