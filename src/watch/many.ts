import type { RunSummaryView } from "../model/run-summary.js";
import { isTerminalRunStatus, statusKind } from "../model/status.js";
import {
  type PollDependencies,
  type PollEnd,
  type PollFailure,
  type PollOptions,
  poll,
} from "./poll-engine.js";

/**
 * Watching several pipelines at once (`status web api docs --watch`): the poll engine
 * (poll-engine.ts) with the latest run of each pipeline as its answer, status changes as its diff,
 * and the end when every one has finished (or has never run). Tests drive it with a queue of
 * answers and a fake clock.
 */

export interface ManyWatchOptions extends PollOptions {
  /** End (exit 1) at the first answer in which a pipeline's latest run FAILED. */
  failFast?: boolean;
}

export interface ManyWatchDependencies extends PollDependencies {
  /** The latest run of each pipeline, in a stable order; throws a CliError on failure. */
  fetchLatest: () => Promise<RunSummaryView[]>;
}

export interface LatestChange {
  run: RunSummaryView;
  /** The status before, or undefined at the first answer. */
  from?: string;
}

export interface ManyWatchObserver {
  update(runs: RunSummaryView[], changes: LatestChange[], nextPollAt: number | undefined): void;
  failure(failure: PollFailure): void;
}

export type ManyWatchEnd = PollEnd<RunSummaryView[]>;

/** A pipeline that never ran has nothing to wait for. */
export function isSettled(run: RunSummaryView): boolean {
  return run.id === undefined || isTerminalRunStatus(run.status);
}

function keyOf(run: RunSummaryView): string {
  return run.pipelineId ?? run.pipelineName ?? "";
}

function changesBetween(before: RunSummaryView[] | undefined, after: RunSummaryView[]): LatestChange[] {
  if (before === undefined) return after.map((run) => ({ run }));
  const previous = new Map(before.map((run) => [keyOf(run), run]));
  return after.flatMap((run) => {
    const old = previous.get(keyOf(run));
    return old && old.status === run.status && old.id === run.id ? [] : [{ run, from: old?.status }];
  });
}

export function watchLatest(
  options: ManyWatchOptions,
  deps: ManyWatchDependencies,
  observer: ManyWatchObserver,
): Promise<ManyWatchEnd> {
  return poll<RunSummaryView[], LatestChange>(
    options,
    deps,
    {
      fetch: deps.fetchLatest,
      diff: changesBetween,
      settled: (runs) => {
        if (runs.every(isSettled)) return "finished";
        const failed = runs.some((run) => statusKind(run.status) === "failed");
        return options.failFast && failed ? "fail-fast" : undefined;
      },
    },
    {
      answer: ({ answer, changes, nextPollAt }) => observer.update(answer, changes, nextPollAt),
      failure: (failure) => observer.failure(failure),
    },
  );
}
