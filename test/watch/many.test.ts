import { describe, expect, it } from "vitest";
import { ApiError, CliError } from "../../src/core/errors.js";
import { ExitCode } from "../../src/core/exit-codes.js";
import { worstExitCode } from "../../src/handlers/status-many.js";
import type { RunSummaryView } from "../../src/model/run-summary.js";
import { type LatestChange, type ManyWatchEnd, watchLatest } from "../../src/watch/many.js";
import { exitCodeOfEnd as exitCodeOf } from "../../src/watch/poll-engine.js";

const exitCodeOfEnd = (end: ManyWatchEnd, worst: typeof worstExitCode) =>
  exitCodeOf(end, worst, new AbortController().signal);

const run = (
  pipelineName: string,
  status: string,
  id: string | undefined = `${pipelineName}-run`,
): RunSummaryView => ({
  pipelineId: `${pipelineName}-id`,
  pipelineName,
  id,
  status,
});

const neverRun = (pipelineName: string): RunSummaryView => ({
  ...run(pipelineName, "NEVER_RUN"),
  id: undefined,
});

/** Plays answers (lists of runs, or errors) with a fake clock that sleeping advances. */
async function play(answers: Array<RunSummaryView[] | Error>, options: { timeoutMs?: number } = {}) {
  let now = 0;
  const sleeps: number[] = [];
  const changes: string[][] = [];
  const failures: number[] = [];
  const end = await watchLatest(
    { intervalMs: 1000, ...options },
    {
      fetchLatest: async () => {
        const next = answers.shift();
        if (next === undefined) throw new Error("no more answers");
        if (next instanceof Error) throw next;
        return next;
      },
      now: () => now,
      sleep: async (ms) => {
        sleeps.push(ms);
        now += ms;
      },
      signal: new AbortController().signal,
    },
    {
      update: (_runs, found: LatestChange[]) =>
        changes.push(found.map((c) => `${c.run.pipelineName}:${c.from ?? ""}>${c.run.status}`)),
      failure: ({ failures: count }) => {
        failures.push(count);
      },
    },
  );
  return { end, sleeps, changes, failures };
}

const transient = () => new ApiError("HTTP 503", ExitCode.ApiFailure, { transient: true });

describe("watchLatest", () => {
  it("polls until every pipeline has finished, reporting only what changed", async () => {
    const { end, changes, sleeps } = await play([
      [run("web", "RUNNING"), run("api", "RUNNING")],
      [run("web", "RUNNING"), run("api", "RUNNING")],
      [run("web", "COMPLETED"), run("api", "RUNNING")],
      [run("web", "COMPLETED"), run("api", "FAILED")],
    ]);
    expect(end.reason).toBe("finished");
    expect(changes).toEqual([
      ["web:>RUNNING", "api:>RUNNING"],
      [],
      ["web:RUNNING>COMPLETED"],
      ["api:RUNNING>FAILED"],
    ]);
    expect(sleeps).toEqual([1000, 1500, 1000]); // backs off while nothing changes, snaps back on a change
    expect(exitCodeOfEnd(end, worstExitCode)).toBe(1);
  });

  it("does not wait for a pipeline that never ran", async () => {
    const { end } = await play([[run("web", "COMPLETED"), neverRun("empty")]]);
    expect(end.reason).toBe("finished");
    expect(exitCodeOfEnd(end, worstExitCode)).toBe(0);
  });

  it("rides out transient failures and gives up after five in a row", async () => {
    const recovered = await play([transient(), [run("web", "COMPLETED")]]);
    expect(recovered.end.reason).toBe("finished");
    expect(recovered.failures).toEqual([1]);
    const gaveUp = await play([[run("web", "RUNNING")], ...Array.from({ length: 5 }, transient)]);
    expect(gaveUp.end.reason).toBe("gave-up");
    expect(exitCodeOfEnd(gaveUp.end, worstExitCode)).toBe(5);
  });

  it("ends at once on a permanent error, with its exit code", async () => {
    const { end } = await play([new CliError("pipeline x not found", ExitCode.NotFound)]);
    expect(exitCodeOfEnd(end, worstExitCode)).toBe(4);
  });

  it("stops at the timeout with exit 7", async () => {
    const { end } = await play(
      Array.from({ length: 20 }, () => [run("mobile", "RUNNING")]),
      { timeoutMs: 5000 },
    );
    expect(end.reason).toBe("timeout");
    expect(exitCodeOfEnd(end, worstExitCode)).toBe(7);
  });
});

describe("worstExitCode", () => {
  it("ranks FAILED over CANCELED/IGNORED over everything else", () => {
    expect(worstExitCode([run("a", "COMPLETED"), run("b", "CANCELED"), run("c", "FAILED")])).toBe(1);
    expect(worstExitCode([run("a", "COMPLETED"), run("b", "IGNORED"), run("c", "RUNNING")])).toBe(6);
    expect(worstExitCode([run("a", "COMPLETED"), run("b", "RUNNING"), neverRun("e")])).toBe(0);
  });
});
