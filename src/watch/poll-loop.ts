import type { ExitCodeValue } from "../core/exit-codes.js";
import type { RunView } from "../model/run.js";
import { exitCodeForRunStatus, isTerminalRunStatus, statusKind } from "../model/status.js";
import {
  exitCodeOfEnd,
  type PollDependencies,
  type PollEnd,
  type PollFailure,
  type PollOptions,
  poll,
} from "./poll-engine.js";
import { detectTransitions, firstFailure, type WatchEvent } from "./transitions.js";

/**
 * Watching one run: the poll engine (poll-engine.ts) with a run as its answer, transitions as its
 * diff, and the run's status deciding the end and the exit code, by the same predicate as one-shot
 * `status`. Tests drive it with a queue of answers and a fake clock.
 */

export type { PollFailure };

/** One answer: the run as read, and the bytes as received (for --json). */
export interface PolledRun {
  run: RunView;
  raw: Buffer;
  /** The answer matched the previous one but for the server clock: `run` is the previous, re-clocked. */
  unchanged?: boolean;
}

export interface WatchOptions extends PollOptions {
  /** The run to watch; without it, the pipeline's latest run, locked on at the first answer. */
  runId?: string;
  /** End with exit 1 as soon as any stage, job or step FAILED. */
  failFast: boolean;
}

export interface WatchDependencies extends PollDependencies {
  /** Throws a CliError on failure; exit code 5 means "worth trying again". */
  fetchRun: (runId: string | undefined) => Promise<PolledRun>;
}

export interface RunUpdate extends PolledRun {
  events: WatchEvent[];
  /** First answer of the watch. */
  first: boolean;
  /** The watch ends with this answer: nothing more is polled. */
  final: boolean;
  /** When the next poll starts; undefined when `final`. */
  nextPollAt?: number;
}

export interface WatchObserver {
  update(update: RunUpdate): void;
  failure(failure: PollFailure): void;
  /** The run started waiting (PAUSED, SUSPEND): said once each time it starts waiting. */
  waiting(run: RunView): void;
}

export type WatchEnd = PollEnd<PolledRun>;
export type WatchOutcome = WatchEnd & { exitCode: ExitCodeValue };

export async function watchRun(
  options: WatchOptions,
  deps: WatchDependencies,
  observer: WatchObserver,
): Promise<WatchOutcome> {
  let runId = options.runId;
  const end = await poll<PolledRun, WatchEvent>(
    options,
    deps,
    {
      fetch: async () => {
        const answer = await deps.fetchRun(runId);
        // Lock onto the run of the first answer: a newer run of the pipeline never swaps in.
        runId ??= answer.run.id;
        return answer;
      },
      diff: (previous, answer) => (answer.unchanged ? [] : detectTransitions(previous?.run, answer.run)),
      settled: ({ run }) => {
        if (isTerminalRunStatus(run.status)) return "finished";
        return options.failFast && firstFailure(run) !== undefined ? "fail-fast" : undefined;
      },
    },
    {
      answer: ({ answer, previous, changes, final, nextPollAt }) => {
        observer.update({ ...answer, events: changes, first: previous === undefined, final, nextPollAt });
        const wasWaiting = previous !== undefined && statusKind(previous.run.status) === "waiting";
        if (!final && statusKind(answer.run.status) === "waiting" && !wasWaiting)
          observer.waiting(answer.run);
      },
      failure: (failure) => observer.failure(failure),
    },
  );
  return { ...end, exitCode: exitCodeOfEnd(end, ({ run }) => exitCodeForRunStatus(run.status), deps.signal) };
}
