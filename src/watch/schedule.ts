/**
 * When to poll next. Numbers chosen to be kind to the service without making a watcher slow to
 * notice: while nothing changes the interval grows by half each poll up to four times the asked
 * interval (never past 30 s unless the interval itself is longer), and snaps back on any change.
 * After a failed poll the wait doubles per consecutive failure (same 30 s cap), and a Retry-After
 * from the service is honoured when it asks for longer.
 */

export const DEFAULT_INTERVAL_MS = 3_000;
export const MIN_INTERVAL_MS = 100;
/** Consecutive failed polls (each already retried by the HTTP layer) before the watch gives up. */
export const DEFAULT_MAX_FAILURES = 5;

const IDLE_GROWTH = 1.5;
const IDLE_CAP_FACTOR = 4;
const CAP_MS = 30_000;

function capFor(intervalMs: number): number {
  return Math.max(intervalMs, Math.min(intervalMs * IDLE_CAP_FACTOR, CAP_MS));
}

/** The wait after a successful poll; `currentMs` is the wait used last time. */
export function nextIdleDelay(intervalMs: number, currentMs: number, changed: boolean): number {
  if (changed) return intervalMs;
  return Math.min(Math.round(currentMs * IDLE_GROWTH), capFor(intervalMs));
}

/** The wait after the `failures`-th failed poll in a row (1-based). */
export function failureDelay(intervalMs: number, failures: number, retryAfterMs?: number): number {
  const backoff = Math.min(intervalMs * 2 ** (failures - 1), Math.max(intervalMs, CAP_MS));
  return Math.max(backoff, retryAfterMs ?? 0);
}
