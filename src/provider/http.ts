/**
 * The network half every HTTP provider shares: one POST that answers with an event
 * stream, retried with backoff on 429/5xx (honouring Retry-After, announced as
 * `error` events carrying `retryInMs` so the session shows a countdown), every other
 * failure turned into one sentence a user can act on, and a watchdog that gives up
 * when the server stays silent for the configured timeout.
 */
import { abortError, clampDelay, realClock, type Clock } from "./clock.ts";
import type { AgentEvent } from "./events.ts";

export interface RetryPolicy {
  /** Retries after the first try. */
  retries: number;
  /** First backoff; doubled on each retry. */
  baseMs: number;
  maxMs: number;
  /** A Retry-After longer than this is not waited for. */
  maxRetryAfterMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { retries: 4, baseMs: 1000, maxMs: 30_000, maxRetryAfterMs: 300_000 };

export interface HttpTarget {
  /** How messages name the backend: "OpenAI", "Anthropic", "the server at localhost:11434". */
  label: string;
  /** Where the key comes from, for "check your API key" messages. */
  keyHint: string;
  model: string;
  url: string;
  headers: Record<string, string>;
  body: unknown;
  clock: Clock;
  /** Silence, in ms, after which the request or the stream is abandoned. */
  timeoutMs: number;
  retry: RetryPolicy;
  /** Strings that must never appear in a message (the API key). */
  secrets: string[];
}

/** What an HTTP provider is built from. */
export interface HttpProviderOptions {
  model: string;
  baseUrl: string;
  apiKey?: string;
  clock?: Clock;
  /** Silence after which a request or stream is abandoned. */
  timeoutMs: number;
  retry?: RetryPolicy;
  /** Instructions sent ahead of the conversation on every turn (the system prompt). */
  system?: string;
}

/** A target from the provider's options plus what its protocol decides. */
export function targetFor(
  options: HttpProviderOptions,
  own: Pick<HttpTarget, "label" | "keyHint" | "url" | "headers" | "body">,
): HttpTarget {
  return {
    ...own,
    model: options.model,
    clock: options.clock ?? realClock,
    timeoutMs: options.timeoutMs,
    retry: options.retry ?? DEFAULT_RETRY,
    secrets: options.apiKey ? [options.apiKey] : [],
  };
}

/** The base URL without trailing slashes, what paths are appended to. */
export function urlRoot(baseUrl: string): string {
  return baseUrl.replace(/\/+$/, "");
}

/** "OpenAI" for the vendor's own endpoint, else the server named by its host. `root` comes from urlRoot. */
export function serverLabel(root: string, vendorUrl: string, vendor: string, other: string): string {
  return root === vendorUrl ? vendor : `${other} at ${hostOf(root)}`;
}

/** The stream was silent for longer than the timeout. */
export class StallError extends Error {
  override name = "StallError";
}

/**
 * What a successful request answered: the event stream's chunks, or a whole JSON body
 * from a server that ignored `stream: true`.
 */
export type Opened = { kind: "stream"; chunks: AsyncIterable<Uint8Array> } | { kind: "whole"; text: string };

/** Redirects followed within one origin before giving up. */
const MAX_REDIRECTS = 5;

/**
 * Sends the request. Yields retry announcements while it waits; returns what the
 * server answered, or undefined after yielding the error that ended the attempt.
 */
export async function* openStream(target: HttpTarget, signal: AbortSignal): AsyncGenerator<AgentEvent, Opened | undefined> {
  const body = JSON.stringify(target.body);
  for (let attempt = 0; ; attempt++) {
    const abort = new AbortController();
    const onAbort = () => abort.abort(abortError(signal));
    signal.addEventListener("abort", onAbort, { once: true });
    let response: Response;
    try {
      const sent = await withTimeout(post(target, body, abort.signal), target, abort);
      if (typeof sent === "string") {
        signal.removeEventListener("abort", onAbort);
        yield { type: "error", message: redact(sent, target.secrets) };
        return undefined;
      }
      response = sent;
    } catch (err) {
      signal.removeEventListener("abort", onAbort);
      if (signal.aborted) throw abortError(signal);
      yield { type: "error", message: redact(describeNetworkError(err, target, "connect"), target.secrets) };
      return undefined;
    }
    if (response.ok && response.body && !isJson(response)) {
      const chunks = readChunks(response.body, target, abort, () => signal.removeEventListener("abort", onAbort));
      return { kind: "stream", chunks };
    }
    const text = await withTimeout(response.text(), target, abort).catch(() => "");
    signal.removeEventListener("abort", onAbort);
    if (response.ok) return { kind: "whole", text };
    const status = response.status;
    if (isRetryable(status) && attempt < target.retry.retries) {
      const header = response.headers.get("retry-after");
      const waitMs = retryDelay(header, attempt, target.retry, target.clock.now());
      if (waitMs === undefined) {
        const asked = Math.ceil((retryAfterMs(header, target.clock.now()) ?? 0) / 1000);
        const limit = Math.round(target.retry.maxRetryAfterMs / 1000);
        yield {
          type: "error",
          message: redact(
            `${target.label} answered ${status} and asked to wait ${asked} s before retrying, longer than petrel waits (${limit} s); try again later${suffixOf(text, target)}`,
            target.secrets,
          ),
        };
        return undefined;
      }
      const why = status === 429 ? "is rate limiting requests" : `answered ${status} ${response.statusText}`.trimEnd();
      yield {
        type: "error",
        message: `${target.label} ${why}; retry ${attempt + 1} of ${target.retry.retries}`,
        retryInMs: waitMs,
      };
      await target.clock.sleep(waitMs, signal);
      continue;
    }
    yield { type: "error", message: redact(describeStatus(status, text, target), target.secrets) };
    return undefined;
  }
}

/**
 * The POST, following redirects by hand: a redirect within the same origin is followed
 * with the same request; one to another origin is refused (a sentence, returned instead
 * of a response) so the API key in the headers never reaches a server it was not meant for.
 */
async function post(target: HttpTarget, body: string, signal: AbortSignal): Promise<Response | string> {
  let url = target.url;
  for (let hop = 0; ; hop++) {
    const response = await fetch(url, { method: "POST", headers: target.headers, body, signal, redirect: "manual" });
    const location = response.headers.get("location");
    if (response.status < 300 || response.status > 399 || location === null) return response;
    await response.body?.cancel().catch(() => {});
    const next = new URL(location, url);
    if (next.origin !== new URL(url).origin)
      return `${target.label} redirected the request to ${next.host}, another server; petrel does not follow it, so your API key is not sent there (check the base URL)`;
    if (hop >= MAX_REDIRECTS) return `${target.label} redirected the request more than ${MAX_REDIRECTS} times; check the base URL`;
    url = next.href;
  }
}

function isJson(response: Response): boolean {
  const type = response.headers.get("content-type") ?? "";
  return /\bjson\b/i.test(type) && !/event-stream/i.test(type);
}

export function isRetryable(status: number): boolean {
  return status === 408 || status === 429 || status === 529 || (status >= 500 && status <= 599);
}

/**
 * How long to wait before retry number `attempt` (0-based): the server's Retry-After
 * (delta seconds or an HTTP date) when present, else exponential backoff. Undefined
 * when the server asks for a wait longer than the policy accepts.
 */
export function retryDelay(header: string | null, attempt: number, policy: RetryPolicy, nowMs: number): number | undefined {
  const backoff = Math.min(policy.baseMs * 2 ** attempt, policy.maxMs);
  const ms = retryAfterMs(header, nowMs);
  if (ms === undefined) return backoff;
  return ms > policy.maxRetryAfterMs ? undefined : Math.ceil(ms);
}

/** The wait a Retry-After header asks for (delta seconds or an HTTP date), if it parses. */
function retryAfterMs(header: string | null, nowMs: number): number | undefined {
  const value = header?.trim() ?? "";
  if (value === "") return undefined;
  if (/^\d+(\.\d+)?$/.test(value)) return Number(value) * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - nowMs);
}

async function* readChunks(
  body: ReadableStream<Uint8Array>,
  target: HttpTarget,
  abort: AbortController,
  done: () => void,
): AsyncGenerator<Uint8Array> {
  const reader = body.getReader();
  try {
    for (;;) {
      const { done: ended, value } = await withTimeout(reader.read(), target, abort);
      if (ended) return;
      if (value.length > 0) yield value;
    }
  } finally {
    done();
    // Leaving early (cancel, [DONE] before EOF) must not keep the socket reading.
    if (!abort.signal.aborted) abort.abort();
    reader.releaseLock();
  }
}

/**
 * Races `work` against the silence timeout. Deliberately on real timers, not the
 * Clock: a network stall is wall-clock time even when a test simulates the rest.
 */
async function withTimeout<T>(work: Promise<T>, target: HttpTarget, abort: AbortController): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const stall = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      const error = new StallError(`${target.label} sent nothing for ${formatSeconds(target.timeoutMs)}`);
      abort.abort(error);
      reject(error);
    }, clampDelay(target.timeoutMs));
  });
  try {
    return await Promise.race([work, stall]);
  } catch (err) {
    const reason: unknown = abort.signal.reason;
    throw reason instanceof StallError ? reason : err;
  } finally {
    clearTimeout(timer);
  }
}

function formatSeconds(ms: number): string {
  return `${Number((ms / 1000).toFixed(2))} s`;
}

/** One sentence for an exception thrown by fetch or by reading the body. */
export function describeNetworkError(err: unknown, target: HttpTarget, phase: "connect" | "stream"): string {
  if (err instanceof StallError) return `${err.message}, so petrel gave up (raise --timeout to wait longer)`;
  const code = (err as { code?: string }).code ?? "";
  const host = hostOf(target.url);
  const who = target.label.includes(host) ? target.label : `${target.label} at ${host}`;
  if (code === "ECONNREFUSED" || code === "ConnectionRefused") return `could not connect to ${who}: connection refused`;
  if (code === "ECONNRESET" || code === "ConnectionClosed")
    return phase === "stream" ? `the connection to ${who} was lost mid-stream` : `${who} closed the connection`;
  if (code === "ENOTFOUND" || code === "FailedToOpenSocket") return `could not reach ${who}`;
  const message = err instanceof Error ? err.message : String(err);
  return phase === "stream" ? `the stream from ${who} failed: ${message}` : `the request to ${who} failed: ${message}`;
}

/** Redacted first, then clipped: a clip must never cut a key short of what redaction matches. */
function describeStatus(status: number, body: string, target: HttpTarget): string {
  const suffix = suffixOf(body, target);
  if (status === 401 || status === 403)
    return `${target.label} refused the request (${status}): check your API key (${target.keyHint})`;
  if (status === 404)
    return `${target.label} does not know the model "${target.model}" (404); check --model and the base URL${suffix}`;
  if (isRetryable(status)) return `${target.label} is unavailable (${status}) and retries are used up${suffix}`;
  return `${target.label} rejected the request (${status})${suffix}`;
}

function suffixOf(body: string, target: HttpTarget): string {
  const detail = serverMessage(redact(body, target.secrets));
  return detail ? `: ${detail}` : "";
}

/** The `error.message` of an OpenAI- or Anthropic-shaped error body, else a short excerpt. */
function serverMessage(body: string): string {
  const trimmed = body.trim();
  if (trimmed === "") return "";
  try {
    const parsed = JSON.parse(trimmed) as { error?: { message?: unknown } | string; message?: unknown };
    const m =
      typeof parsed.error === "string"
        ? parsed.error
        : typeof parsed.error?.message === "string"
          ? parsed.error.message
          : typeof parsed.message === "string"
            ? parsed.message
            : "";
    if (m) return clip(m);
  } catch {
    // not JSON: fall through to the raw text
  }
  return clip(trimmed);
}

/** One line of at most 300 characters, for what a server said. */
export function clip(text: string): string {
  const oneLine = text.replace(/\s+/g, " ");
  return oneLine.length > 300 ? `${oneLine.slice(0, 300)}…` : oneLine;
}

export function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

export function redact(text: string, secrets: string[]): string {
  let out = text;
  for (const s of secrets) if (s.length >= 4) out = out.split(s).join("[redacted]");
  return out;
}

/** A message a server wrote, safe to show and log: the key redacted, then clipped. */
export function serverSays(text: string, secrets: string[]): string {
  return clip(redact(text, secrets));
}
