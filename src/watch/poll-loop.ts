import { retryAfterMs } from "../api/retry.js";
import { ApiError, CliError, mayHealByItself } from "../core/errors.js";
import { ExitCode, type ExitCodeValue } from "../core/exit-codes.js";
import type { RunView } from "../model/run.js";
import { exitCodeForRunStatus, isTerminalRunStatus, statusKind } from "../model/status.js";
import { DEFAULT_MAX_FAILURES, failureDelay, nextIdleDelay } from "./schedule.js";
import { detectTransitions, firstFailure, type WatchEvent } from "./transitions.js";

/**
 * The watch itself, with no terminal and no network of its own: it asks `fetchRun` for the run,
 * tells the observer what changed, waits with the injected `sleep`, and ends with an outcome whose
 * exit code comes from the same predicate as one-shot `status`. Tests drive it with a queue of
 * answers and a fake clock.
 */

/** One answer: the run as read, and the bytes as received (for --json). */
export interface PolledRun {
  run: RunView;
  raw: Buffer;
  /** The answer matched the previous one but for the server clock: `run` is the previous, re-clocked. */
  unchanged?: boolean;
}

export interface WatchOptions {
  /** The run to watch; without it, the pipeline's latest run, locked on at the first answer. */
  runId?: string;
  intervalMs: number;
  /** Give up (exit 7) this long after the watch started. */
  timeoutMs?: number;
  /** End with exit 1 as soon as any stage, job or step FAILED. */
  failFast: boolean;
  maxFailures?: number;
}

export interface WatchDependencies {
  /** Throws a CliError on failure; exit code 5 means "worth trying again". */
  fetchRun: (runId: string | undefined) => Promise<PolledRun>;
  now: () => number;
  /** Rejects when `signal` aborts. */
  sleep: (ms: number) => Promise<void>;
  signal: AbortSignal;
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

export interface PollFailure {
  error: CliError;
  failures: number;
  maxFailures: number;
  nextPollAt: number;
}

export interface WatchObserver {
  update(update: RunUpdate): void;
  failure(failure: PollFailure): void;
  /** The run started waiting (PAUSED, SUSPEND): said once each time it starts waiting. */
  waiting(run: RunView): void;
}

export type WatchEnd =
  | { reason: "finished" | "fail-fast"; last: PolledRun; polls: number }
  | { reason: "timeout" | "interrupted"; last?: PolledRun }
  | { reason: "error" | "gave-up"; last?: PolledRun; error: CliError };

export type WatchOutcome = WatchEnd & { exitCode: ExitCodeValue };

/** A failure the next poll may not have: network, 5xx, throttling, an unreadable answer. */
function isTransient(error: CliError): boolean {
  return mayHealByItself(error);
}

/** How long the service asked us to wait (Retry-After), when the error carries it. */
function retryAfterOf(error: CliError, now: number): number | undefined {
  return error instanceof ApiError ? retryAfterMs(error.details.retryAfter, now) : undefined;
}

function ended(end: WatchEnd): WatchOutcome {
  switch (end.reason) {
    case "finished":
      return { ...end, exitCode: exitCodeForRunStatus(end.last.run.status) };
    case "fail-fast":
      return { ...end, exitCode: ExitCode.RunFailed };
    case "timeout":
      return { ...end, exitCode: ExitCode.WatchTimeout };
    case "interrupted":
      return { ...end, exitCode: ExitCode.Interrupted };
    case "gave-up":
      return { ...end, exitCode: ExitCode.ApiFailure };
    case "error":
      return { ...end, exitCode: end.error.exitCode };
  }
}

export async function watchRun(
  options: WatchOptions,
  deps: WatchDependencies,
  observer: WatchObserver,
): Promise<WatchOutcome> {
  const maxFailures = options.maxFailures ?? DEFAULT_MAX_FAILURES;
  const deadline = options.timeoutMs === undefined ? undefined : deps.now() + options.timeoutMs;
  let runId = options.runId;
  let last: PolledRun | undefined;
  let polls = 0;
  let failures = 0;
  let idleMs = options.intervalMs;

  /** Sleeps until `at` (never past the deadline); false when interrupted. */
  const waitUntil = async (at: number): Promise<boolean> => {
    try {
      await deps.sleep(Math.max(0, at - deps.now()));
      return !deps.signal.aborted;
    } catch (error) {
      if (deps.signal.aborted) return false;
      throw error;
    }
  };
  const clamp = (at: number) => (deadline === undefined ? at : Math.min(at, deadline));
  const timedOut = () => deadline !== undefined && deps.now() >= deadline;

  for (;;) {
    if (deps.signal.aborted) return ended({ reason: "interrupted", last });
    let answer: PolledRun;
    try {
      answer = await deps.fetchRun(runId);
    } catch (caught) {
      if (deps.signal.aborted) return ended({ reason: "interrupted", last });
      if (!(caught instanceof CliError)) throw caught;
      if (!isTransient(caught)) return ended({ reason: "error", last, error: caught });
      failures += 1;
      if (failures >= maxFailures) return ended({ reason: "gave-up", last, error: caught });
      const nextPollAt = clamp(
        deps.now() + failureDelay(options.intervalMs, failures, retryAfterOf(caught, deps.now())),
      );
      observer.failure({ error: caught, failures, maxFailures, nextPollAt });
      if (!(await waitUntil(nextPollAt))) return ended({ reason: "interrupted", last });
      if (timedOut()) return ended({ reason: "timeout", last });
      continue;
    }

    failures = 0;
    polls += 1;
    const previous = last?.run;
    const { run } = answer;
    const events = answer.unchanged ? [] : detectTransitions(previous, run);
    last = answer;
    // Lock onto the run of the first answer: a newer run of the pipeline never swaps in.
    runId ??= run.id;

    const base = { ...answer, events, first: previous === undefined };
    if (isTerminalRunStatus(run.status)) {
      observer.update({ ...base, final: true });
      return ended({ reason: "finished", last, polls });
    }
    if (options.failFast && firstFailure(run) !== undefined) {
      observer.update({ ...base, final: true });
      return ended({ reason: "fail-fast", last, polls });
    }
    if (timedOut()) {
      observer.update({ ...base, final: true });
      return ended({ reason: "timeout", last });
    }
    idleMs = nextIdleDelay(options.intervalMs, idleMs, previous === undefined || events.length > 0);
    const nextPollAt = clamp(deps.now() + idleMs);
    observer.update({ ...base, final: false, nextPollAt });
    const wasWaiting = previous !== undefined && statusKind(previous.status) === "waiting";
    if (statusKind(run.status) === "waiting" && !wasWaiting) observer.waiting(run);
    if (!(await waitUntil(nextPollAt))) return ended({ reason: "interrupted", last });
    if (timedOut()) return ended({ reason: "timeout", last });
  }
}
