import { describe, expect, it } from "vitest";
import { ApiError, CliError } from "../../src/core/errors.js";
import { ExitCode } from "../../src/core/exit-codes.js";
import {
  endError,
  exitCodeOfEnd,
  type PollAnswer,
  type PollEnd,
  type PollOptions,
  poll,
} from "../../src/watch/poll-engine.js";

/**
 * The one poll engine, on a subject of plain numbers: an answer is a count, it changed when the
 * count did, and it is settled at 10 (or "fail-fast" at a negative count). The clock moves only
 * when the engine sleeps.
 */
async function play(
  answers: Array<number | Error>,
  options: Partial<PollOptions> = {},
  signal?: AbortSignal,
) {
  let clock = 0;
  const sleeps: number[] = [];
  const seen: Array<PollAnswer<number, string>> = [];
  const failures: number[] = [];
  const end = await poll<number, string>(
    { intervalMs: 1000, ...options },
    {
      now: () => clock,
      sleep: async (ms) => {
        sleeps.push(ms);
        clock += ms;
      },
      signal: signal ?? new AbortController().signal,
    },
    {
      fetch: async () => {
        const next = answers.shift();
        if (next === undefined) throw new Error("a poll the test did not expect");
        if (next instanceof Error) throw next;
        return next;
      },
      diff: (previous, answer) => (previous === answer ? [] : [`${previous ?? "-"}>${answer}`]),
      settled: (answer) => (answer >= 10 ? "finished" : answer < 0 ? "fail-fast" : undefined),
    },
    { answer: (update) => seen.push(update), failure: ({ failures: count }) => failures.push(count) },
  );
  return { end, sleeps, seen, failures, clock };
}

const transient = (retryAfter?: string) =>
  new ApiError("HTTP 503", ExitCode.ApiFailure, { httpStatus: 503, retryAfter });
const byCount = (last: number) => (last >= 10 ? ExitCode.Ok : ExitCode.RunNotSuccessful);
const quiet = new AbortController().signal;

describe("poll", () => {
  it("tells each answer with what changed, backs off while nothing does, and ends when settled", async () => {
    const { end, seen, sleeps } = await play([1, 1, 2, 10]);
    expect(end).toEqual({ reason: "finished", last: 10, polls: 4 });
    expect(seen.map((update) => update.changes)).toEqual([["->1"], [], ["1>2"], ["2>10"]]);
    expect(seen.map((update) => update.final)).toEqual([false, false, false, true]);
    expect(sleeps).toEqual([1000, 1500, 1000]);
    expect(exitCodeOfEnd(end, byCount, quiet)).toBe(0);
  });

  it("ends at a fail-fast answer with exit 1", async () => {
    const { end } = await play([1, -1]);
    expect(end).toMatchObject({ reason: "fail-fast", last: -1 });
    expect(exitCodeOfEnd(end, byCount, quiet)).toBe(1);
  });

  it("retries a transient failure after the longer of its backoff and Retry-After", async () => {
    const { end, sleeps, failures } = await play([transient("5"), transient(), 10]);
    expect(end.reason).toBe("finished");
    expect(failures).toEqual([1, 2]);
    expect(sleeps).toEqual([5000, 2000]);
  });

  it("gives up after maxFailures in a row, with one error that says how many", async () => {
    const { end } = await play([1, transient(), transient(), transient()], { maxFailures: 3 });
    expect(end).toMatchObject({ reason: "gave-up", last: 1, failures: 3 });
    expect(exitCodeOfEnd(end, byCount, quiet)).toBe(5);
    const error = endError(end);
    expect(error?.message).toBe("gave up watching after 3 failed polls in a row; the last: HTTP 503");
    expect(error?.exitCode).toBe(5);
  });

  it("ends at once on an error that will not heal, with the error's own exit code", async () => {
    const notFound = new CliError("pipeline x not found", ExitCode.NotFound);
    const { end } = await play([notFound]);
    expect(end).toEqual({ reason: "error", last: undefined, error: notFound });
    expect(exitCodeOfEnd(end, byCount, quiet)).toBe(4);
    expect(endError(end)).toBe(notFound);
  });

  it("never sleeps past the deadline, and stops there with exit 7", async () => {
    const { end, sleeps, clock } = await play([1, 2, 3, 4], { timeoutMs: 2500 });
    expect(end).toEqual({ reason: "timeout", last: 3 });
    expect(sleeps).toEqual([1000, 1000, 500]);
    expect(clock).toBe(2500);
    expect(exitCodeOfEnd(end, byCount, quiet)).toBe(7);
  });

  it("ends interrupted before the first poll when the signal is already aborted: 130, or 129 for SIGHUP", async () => {
    const controller = new AbortController();
    controller.abort(new Error("SIGHUP"));
    const { end } = await play([1], {}, controller.signal);
    expect(end).toEqual({ reason: "interrupted", last: undefined });
    expect(exitCodeOfEnd(end, byCount, controller.signal)).toBe(129);
    const sigint = new AbortController();
    sigint.abort(new Error("SIGINT"));
    expect(exitCodeOfEnd(end, byCount, sigint.signal)).toBe(130);
  });

  it("has no error to throw for an end the exit code tells", () => {
    const ends: PollEnd<number>[] = [
      { reason: "finished", last: 10, polls: 1 },
      { reason: "fail-fast", last: -1, polls: 1 },
      { reason: "timeout" },
      { reason: "interrupted" },
    ];
    expect(ends.map(endError)).toEqual([undefined, undefined, undefined, undefined]);
  });
});
