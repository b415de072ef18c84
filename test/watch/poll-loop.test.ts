import { describe, expect, it } from "vitest";
import { ApiError, CliError } from "../../src/core/errors.js";
import { ExitCode } from "../../src/core/exit-codes.js";
import type { RunView } from "../../src/model/run.js";
import {
  type PolledRun,
  type PollFailure,
  type RunUpdate,
  type WatchOptions,
  watchRun,
} from "../../src/watch/poll-loop.js";
import { job, polled, RUN_ID, stage, step } from "./runs.js";

type Answer = PolledRun | CliError;

const transient = (message = "HTTP 503") => new ApiError(message, ExitCode.ApiFailure, { httpStatus: 503 });

/**
 * The poll loop against a queue of answers and a clock that only moves when the loop sleeps.
 * A poll the queue has no answer for fails the test.
 */
async function watch(answers: Answer[], options: Partial<WatchOptions> = {}, abortAfterPolls?: number) {
  let clock = 0;
  const controller = new AbortController();
  const queue = [...answers];
  const asked: Array<string | undefined> = [];
  const sleeps: number[] = [];
  const updates: RunUpdate[] = [];
  const failures: PollFailure[] = [];
  const waits: RunView[] = [];
  const outcome = await watchRun(
    { intervalMs: 1000, failFast: false, ...options },
    {
      fetchRun: async (runId) => {
        asked.push(runId);
        const next = queue.shift();
        if (next === undefined) throw new Error("a poll the test did not expect");
        if (next instanceof Error) throw next;
        return next;
      },
      now: () => clock,
      sleep: async (ms) => {
        if (abortAfterPolls !== undefined && asked.length >= abortAfterPolls) {
          controller.abort();
          throw new Error("aborted");
        }
        sleeps.push(ms);
        clock += ms;
      },
      signal: controller.signal,
    },
    { update: (u) => updates.push(u), failure: (f) => failures.push(f), waiting: (r) => waits.push(r) },
  );
  return { outcome, asked, sleeps, updates, failures, waits, unused: queue.length };
}

const running = () => polled("RUNNING", [stage("Build", "RUNNING")]);
const completed = () => polled("COMPLETED", [stage("Build", "COMPLETED")]);

describe("watchRun", () => {
  it("locks onto the first answer's run id and ends with the run's exit code", async () => {
    const result = await watch([running(), running(), completed()]);
    expect(result.asked).toEqual([undefined, RUN_ID, RUN_ID]);
    expect(result.outcome).toMatchObject({ reason: "finished", exitCode: 0, polls: 3 });
    expect(result.updates.map((u) => [u.first, u.final])).toEqual([
      [true, false],
      [false, false],
      [false, true],
    ]);
  });

  it("watches the run it is given", async () => {
    const other = "fedcba9876543210fedcba9876543210";
    expect((await watch([running(), completed()], { runId: other })).asked).toEqual([other, other]);
  });

  it.each([
    ["COMPLETED", 0],
    ["FAILED", 1],
    ["CANCELED", 6],
    ["IGNORED", 6],
  ])("stops at once on a run already %s, exit %i", async (status, code) => {
    const result = await watch([polled(status)]);
    expect(result.outcome).toMatchObject({ reason: "finished", exitCode: code, polls: 1 });
    expect(result.sleeps).toEqual([]);
    expect(result.updates[0]).toMatchObject({ first: true, final: true });
  });

  it("backs off by half while nothing changes, up to 4x the interval, and snaps back on a change", async () => {
    const changed = polled("RUNNING", [stage("Build", "COMPLETED")]);
    const result = await watch([...Array.from({ length: 6 }, running), changed, completed()]);
    expect(result.sleeps).toEqual([1000, 1500, 2250, 3375, 4000, 4000, 1000]);
  });

  it("rides out transient errors, showing each, doubling the wait, then carries on", async () => {
    const result = await watch([running(), transient(), transient("timeout"), running(), completed()]);
    expect(result.failures.map((f) => [f.failures, f.maxFailures, f.error.message])).toEqual([
      [1, 5, "HTTP 503"],
      [2, 5, "timeout"],
    ]);
    expect(result.sleeps).toEqual([1000, 1000, 2000, 1500]);
    expect(result.outcome).toMatchObject({ reason: "finished", exitCode: 0 });
  });

  it("waits as long as Retry-After asks when that is longer", async () => {
    const throttled = new ApiError("HTTP 429", ExitCode.ApiFailure, { httpStatus: 429, retryAfter: "7" });
    const result = await watch([running(), throttled, completed()]);
    expect(result.sleeps).toEqual([1000, 7000]);
  });

  it("gives up with exit 5 after 5 failed polls in a row", async () => {
    const result = await watch([running(), ...Array.from({ length: 5 }, () => transient())]);
    expect(result.outcome).toMatchObject({ reason: "gave-up", exitCode: 5 });
    expect(result.failures).toHaveLength(4);
    expect(result.outcome.last?.run.status).toBe("RUNNING");
  });

  it.each([
    [ExitCode.Auth, "HTTP 403"],
    [ExitCode.NotFound, "HTTP 404"],
  ])("ends at once with exit %i on a permanent error", async (code, message) => {
    const result = await watch([running(), new ApiError(message, code)]);
    expect(result.outcome).toMatchObject({ reason: "error", exitCode: code });
    expect(result.failures).toEqual([]);
    expect(result.sleeps).toEqual([1000]);
  });

  it("stops with exit 7 at --timeout, never sleeping past it", async () => {
    const result = await watch([running(), running(), running()], { timeoutMs: 2500 });
    expect(result.outcome).toMatchObject({ reason: "timeout", exitCode: 7 });
    expect(result.sleeps).toEqual([1000, 1500]);
    expect(result.unused).toBe(1);
  });

  it("with --fail-fast ends with exit 1 as soon as a step FAILED, while the run goes on", async () => {
    const failing = polled("RUNNING", [
      stage("Test", "RUNNING", job("Unit", "RUNNING", step("Run", "FAILED"))),
    ]);
    const result = await watch([running(), failing, running()], { failFast: true });
    expect(result.outcome).toMatchObject({ reason: "fail-fast", exitCode: 1 });
    expect(result.unused).toBe(1);
    const without = await watch([running(), failing, completed()]);
    expect(without.outcome).toMatchObject({ reason: "finished", exitCode: 0 });
  });

  it("says a PAUSED run is waiting once, not at every poll, and again after it resumed", async () => {
    const paused = () => polled("PAUSED", [stage("Approve", "PAUSED")]);
    const result = await watch([paused(), paused(), paused(), running(), paused(), completed()]);
    expect(result.waits.map((r) => r.status)).toEqual(["PAUSED", "PAUSED"]);
  });

  it("ends with 130 and the last known run when interrupted while waiting", async () => {
    const result = await watch([running(), running()], {}, 1);
    expect(result.outcome).toMatchObject({ reason: "interrupted", exitCode: 130 });
    expect(result.outcome.last?.run.status).toBe("RUNNING");
  });

  it("ends with 130 when interrupted during a request", async () => {
    const controller = new AbortController();
    const outcome = await watchRun(
      { intervalMs: 1000, failFast: false },
      {
        fetchRun: async () => {
          controller.abort();
          throw new CliError("interrupted", ExitCode.Interrupted);
        },
        now: () => 0,
        sleep: async () => undefined,
        signal: controller.signal,
      },
      { update: () => undefined, failure: () => undefined, waiting: () => undefined },
    );
    expect(outcome).toEqual({ reason: "interrupted", last: undefined, exitCode: 130 });
  });
});
