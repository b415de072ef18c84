import { ApiError, CliError } from "../core/errors.js";
import { ExitCode } from "../core/exit-codes.js";
import type { HttpClient, HttpRequest, HttpResponse } from "./http.js";

/**
 * Retries for reads: a blinking network or a busy gateway must not fail a CI step whose run
 * passed. Network errors, timeouts, 429 and 502/503/504 are retried with exponential backoff and
 * jitter, honouring Retry-After, within a cap on attempts and on total time. 4xx answers are final.
 * Requests that change something (run, stop) are never retried unless marked idempotent.
 */

export interface RetryPolicy {
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** No retry starts if it would end later than this after the first attempt. */
  maxTotalMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxAttempts: 4,
  baseDelayMs: 500,
  maxDelayMs: 8_000,
  maxTotalMs: 30_000,
};

export interface RetryNotice {
  attempt: number;
  maxAttempts: number;
  delayMs: number;
  reason: string;
}

export interface RetryDependencies {
  policy: RetryPolicy;
  now: () => number;
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** A number in [0, 1), for jitter. */
  random: () => number;
  signal: AbortSignal;
  onRetry?: (notice: RetryNotice) => void;
}

const RETRYABLE_STATUSES = new Set([429, 502, 503, 504]);

/** Retry-After as delta-seconds or an HTTP date; undefined when absent or unreadable. */
export function retryAfterMs(header: string | undefined, now: number): number | undefined {
  if (header === undefined || header.trim() === "") return undefined;
  if (/^\d+$/.test(header.trim())) return Number(header.trim()) * 1000;
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

function backoffMs(attempt: number, policy: RetryPolicy, random: () => number): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  // "Equal jitter": at least half the backoff, so retries never hammer, spread to avoid lockstep.
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}

function isRetryable(request: HttpRequest, response: HttpResponse | undefined): boolean {
  if (request.method === "GET" || request.idempotent === true) return true;
  return (
    request.retryWhenRefused === true &&
    response?.status === 429 &&
    response.headers["retry-after"] !== undefined
  );
}

export function withRetries(http: HttpClient, deps: RetryDependencies): HttpClient {
  const { policy } = deps;
  return {
    async send(request) {
      const startedAt = deps.now();
      for (let attempt = 1; ; attempt++) {
        let outcome: { response: HttpResponse } | { error: unknown };
        try {
          outcome = { response: await http.send(request) };
        } catch (error) {
          outcome = { error };
        }
        const transientError =
          "error" in outcome && outcome.error instanceof ApiError && outcome.error.details.transient;
        const retryableStatus = "response" in outcome && RETRYABLE_STATUSES.has(outcome.response.status);
        const finish = () => {
          if ("error" in outcome) throw outcome.error;
          return outcome.response;
        };
        if (
          !(transientError || retryableStatus) ||
          !isRetryable(request, "response" in outcome ? outcome.response : undefined) ||
          attempt >= policy.maxAttempts
        ) {
          return finish();
        }
        const asked =
          "response" in outcome
            ? retryAfterMs(outcome.response.headers["retry-after"], deps.now())
            : undefined;
        const delayMs = asked ?? backoffMs(attempt, policy, deps.random);
        if (deps.now() + delayMs - startedAt > policy.maxTotalMs) return finish();
        const reason =
          "response" in outcome
            ? `HTTP ${outcome.response.status}`
            : outcome.error instanceof Error
              ? outcome.error.message
              : String(outcome.error);
        deps.onRetry?.({ attempt, maxAttempts: policy.maxAttempts, delayMs, reason });
        try {
          await deps.sleep(delayMs, deps.signal);
        } catch (error) {
          if (deps.signal.aborted) throw new CliError("interrupted", ExitCode.Interrupted);
          throw error;
        }
      }
    },
    close: () => http.close(),
  };
}
