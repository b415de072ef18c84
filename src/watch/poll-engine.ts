import { retryAfterMs } from "../api/retry.js";
import { ApiError, CliError, mayHealByItself } from "../core/errors.js";
import { ExitCode, type ExitCodeValue, interruptExitCode } from "../core/exit-codes.js";
import { DEFAULT_MAX_FAILURES, failureDelay, nextIdleDelay } from "./schedule.js";

/**
 * The one poll loop behind every watch, of one run or of several pipelines: fetch, diff against
 * the previous answer, decide whether it is settled, tell the observer, wait. It owns the failure
 * policy (a failure that may heal by itself is retried with backoff and Retry-After, up to
 * `maxFailures` in a row; any other ends the watch), the deadline and Ctrl-C. It has no terminal
 * and no network of its own: tests drive it with a queue of answers and a fake clock.
 */

export interface PollOptions {
  intervalMs: number;
  /** Stop (exit 7) this long after the watch started. */
  timeoutMs?: number;
  maxFailures?: number;
}

export interface PollDependencies {
  now: () => number;
  /** Rejects when `signal` aborts. */
  sleep: (ms: number) => Promise<void>;
  signal: AbortSignal;
}

/** What is watched: how to fetch it, what changed between two answers, and when it is over. */
export interface PollSubject<Answer, Change> {
  /** Throws a CliError on failure. */
  fetch(): Promise<Answer>;
  /** What changed since `previous` (everything worth telling, at the first answer). */
  diff(previous: Answer | undefined, answer: Answer): Change[];
  /** "finished" or "fail-fast" to end the watch with this answer; undefined to go on. */
  settled(answer: Answer): "finished" | "fail-fast" | undefined;
}

export interface PollAnswer<Answer, Change> {
  answer: Answer;
  previous: Answer | undefined;
  changes: Change[];
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

export interface PollObserver<Answer, Change> {
  answer(update: PollAnswer<Answer, Change>): void;
  failure(failure: PollFailure): void;
}

export type PollEnd<Answer> =
  | { reason: "finished" | "fail-fast"; last: Answer; polls: number }
  | { reason: "timeout" | "interrupted"; last?: Answer }
  | { reason: "error"; last?: Answer; error: CliError }
  | { reason: "gave-up"; last?: Answer; error: CliError; failures: number };

/** How long the service asked us to wait (Retry-After), when the error carries it. */
function retryAfterOf(error: CliError, now: number): number | undefined {
  return error instanceof ApiError ? retryAfterMs(error.details.retryAfter, now) : undefined;
}

export async function poll<Answer, Change>(
  options: PollOptions,
  deps: PollDependencies,
  subject: PollSubject<Answer, Change>,
  observer: PollObserver<Answer, Change>,
): Promise<PollEnd<Answer>> {
  const maxFailures = options.maxFailures ?? DEFAULT_MAX_FAILURES;
  const deadline = options.timeoutMs === undefined ? undefined : deps.now() + options.timeoutMs;
  let last: Answer | undefined;
  let polls = 0;
  let failures = 0;
  let idleMs = options.intervalMs;

  /** Sleeps until `at`; false when interrupted. */
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
    if (deps.signal.aborted) return { reason: "interrupted", last };
    let answer: Answer;
    try {
      answer = await subject.fetch();
    } catch (caught) {
      if (deps.signal.aborted) return { reason: "interrupted", last };
      if (!(caught instanceof CliError)) throw caught;
      if (!mayHealByItself(caught)) return { reason: "error", last, error: caught };
      failures += 1;
      if (failures >= maxFailures) return { reason: "gave-up", last, error: caught, failures };
      const delay = failureDelay(options.intervalMs, failures, retryAfterOf(caught, deps.now()));
      const nextPollAt = clamp(deps.now() + delay);
      observer.failure({ error: caught, failures, maxFailures, nextPollAt });
      if (!(await waitUntil(nextPollAt))) return { reason: "interrupted", last };
      if (timedOut()) return { reason: "timeout", last };
      continue;
    }

    failures = 0;
    polls += 1;
    const previous = last;
    const changes = subject.diff(previous, answer);
    last = answer;
    const update = { answer, previous, changes };
    const settled = subject.settled(answer);
    if (settled !== undefined) {
      observer.answer({ ...update, final: true });
      return { reason: settled, last: answer, polls };
    }
    if (timedOut()) {
      observer.answer({ ...update, final: true });
      return { reason: "timeout", last };
    }
    idleMs = nextIdleDelay(options.intervalMs, idleMs, previous === undefined || changes.length > 0);
    const nextPollAt = clamp(deps.now() + idleMs);
    observer.answer({ ...update, final: false, nextPollAt });
    if (!(await waitUntil(nextPollAt))) return { reason: "interrupted", last };
    if (timedOut()) return { reason: "timeout", last };
  }
}

/**
 * The exit code a watch ends with: `finished` says what the last answer means (the run's status,
 * or the worst of several); 1 at --fail-fast, 7 at --timeout, 5 when it gave up, the error's own
 * code on another error, and 130 (129 for SIGHUP) when interrupted.
 */
export function exitCodeOfEnd<Answer>(
  end: PollEnd<Answer>,
  finished: (last: Answer) => ExitCodeValue,
  signal: AbortSignal,
): ExitCodeValue {
  switch (end.reason) {
    case "finished":
      return finished(end.last);
    case "fail-fast":
      return ExitCode.RunFailed;
    case "timeout":
      return ExitCode.WatchTimeout;
    case "interrupted":
      return interruptExitCode(signal);
    case "gave-up":
      return ExitCode.ApiFailure;
    case "error":
      return end.error.exitCode;
  }
}

/** The error a watch that could not go on ends with (exit 5 after too many failed polls), if any. */
export function endError(end: PollEnd<unknown>): CliError | undefined {
  if (end.reason === "error") return end.error;
  if (end.reason !== "gave-up") return undefined;
  const { error } = end;
  return new ApiError(
    `gave up watching after ${end.failures} failed polls in a row; the last: ${error.message}`,
    ExitCode.ApiFailure,
    error instanceof ApiError ? error.details : {},
    error.hint,
  );
}
