import { retryAfterMs } from "../api/retry.js";
import { ApiError, CliError, mayHealByItself } from "../core/errors.js";
import { ExitCode, type ExitCodeValue } from "../core/exit-codes.js";
import type { RunSummaryView } from "../model/run-summary.js";
import { isTerminalRunStatus, statusKind } from "../model/status.js";
import { DEFAULT_MAX_FAILURES, failureDelay, nextIdleDelay } from "./schedule.js";

/**
 * Watching several pipelines at once (`status web api docs --watch`): poll their latest runs
 * together until every one has finished (or has never run), telling the observer what changed.
 * Like the single-run watch it has no terminal or network of its own, so tests drive it with a
 * queue of answers and a fake clock.
 */

export interface ManyWatchOptions {
  intervalMs: number;
  /** End (exit 1) at the first answer in which a pipeline's latest run FAILED. */
  failFast?: boolean;
  timeoutMs?: number;
  maxFailures?: number;
}

export interface ManyWatchDependencies {
  /** The latest run of each pipeline, in a stable order; throws a CliError on failure. */
  fetchLatest: () => Promise<RunSummaryView[]>;
  now: () => number;
  sleep: (ms: number) => Promise<void>;
  signal: AbortSignal;
}

export interface LatestChange {
  run: RunSummaryView;
  /** The status before, or undefined at the first answer. */
  from?: string;
}

export interface ManyWatchObserver {
  update(runs: RunSummaryView[], changes: LatestChange[], nextPollAt: number | undefined): void;
  failure(error: CliError, failures: number, nextPollAt: number): void;
}

export type ManyWatchEnd =
  | { reason: "finished" | "fail-fast"; runs: RunSummaryView[] }
  | { reason: "timeout"; runs: RunSummaryView[] }
  | { reason: "interrupted"; runs: RunSummaryView[] | undefined }
  | { reason: "gave-up" | "error"; error: CliError; runs: RunSummaryView[] | undefined };

/** A pipeline that never ran has nothing to wait for. */
export function isSettled(run: RunSummaryView): boolean {
  return run.id === undefined || isTerminalRunStatus(run.status);
}

function keyOf(run: RunSummaryView): string {
  return run.pipelineId ?? run.pipelineName ?? "";
}

function changesBetween(before: RunSummaryView[] | undefined, after: RunSummaryView[]): LatestChange[] {
  const previous = new Map((before ?? []).map((run) => [keyOf(run), run]));
  return after.flatMap((run) => {
    const old = previous.get(keyOf(run));
    if (before === undefined) return [{ run }];
    return old && old.status === run.status && old.id === run.id ? [] : [{ run, from: old?.status }];
  });
}

export async function watchLatest(
  options: ManyWatchOptions,
  deps: ManyWatchDependencies,
  observer: ManyWatchObserver,
): Promise<ManyWatchEnd> {
  const startedAt = deps.now();
  const deadline = options.timeoutMs === undefined ? undefined : startedAt + options.timeoutMs;
  const maxFailures = options.maxFailures ?? DEFAULT_MAX_FAILURES;
  let last: RunSummaryView[] | undefined;
  let wait = options.intervalMs;
  let failures = 0;
  for (;;) {
    if (deps.signal.aborted) return { reason: "interrupted", runs: last };
    let nextPollAt: number;
    try {
      const runs = await deps.fetchLatest();
      const changes = changesBetween(last, runs);
      last = runs;
      failures = 0;
      if (runs.every(isSettled)) {
        observer.update(runs, changes, undefined);
        return { reason: "finished", runs };
      }
      if (options.failFast && runs.some((run) => statusKind(run.status) === "failed")) {
        observer.update(runs, changes, undefined);
        return { reason: "fail-fast", runs };
      }
      wait = nextIdleDelay(options.intervalMs, wait, changes.length > 0);
      nextPollAt = deps.now() + wait;
      observer.update(runs, changes, nextPollAt);
    } catch (error) {
      if (deps.signal.aborted) return { reason: "interrupted", runs: last };
      if (!(error instanceof CliError)) throw error;
      if (!mayHealByItself(error)) return { reason: "error", error, runs: last };
      failures += 1;
      if (failures >= maxFailures) return { reason: "gave-up", error, runs: last };
      const asked =
        error instanceof ApiError ? retryAfterMs(error.details.retryAfter, deps.now()) : undefined;
      nextPollAt = deps.now() + failureDelay(options.intervalMs, failures, asked);
      observer.failure(error, failures, nextPollAt);
    }
    if (deadline !== undefined && nextPollAt >= deadline) {
      const remaining = deadline - deps.now();
      if (remaining > 0) await sleepOrInterrupted(deps, remaining);
      return deps.signal.aborted
        ? { reason: "interrupted", runs: last }
        : { reason: "timeout", runs: last ?? [] };
    }
    await sleepOrInterrupted(deps, nextPollAt - deps.now());
  }
}

async function sleepOrInterrupted(deps: ManyWatchDependencies, ms: number): Promise<void> {
  try {
    await deps.sleep(Math.max(0, ms));
  } catch {
    // An interrupted sleep: the loop sees the aborted signal.
  }
}

/** The exit code for the end of the watch. */
export function exitCodeOfEnd(
  end: ManyWatchEnd,
  worst: (runs: RunSummaryView[]) => ExitCodeValue,
): ExitCodeValue {
  switch (end.reason) {
    case "finished":
      return worst(end.runs);
    case "fail-fast":
      return ExitCode.RunFailed;
    case "timeout":
      return ExitCode.WatchTimeout;
    case "interrupted":
      return ExitCode.Interrupted;
    case "gave-up":
      return ExitCode.ApiFailure;
    case "error":
      return end.error.exitCode;
  }
}
