import { describe, expect, it } from "vitest";
import { ApiError } from "../../src/core/errors.js";
import { ExitCode } from "../../src/core/exit-codes.js";
import { LineLog } from "../../src/watch/line-log.js";
import { detectTransitions } from "../../src/watch/transitions.js";
import { testContext } from "../helpers/context.js";
import { job, polled, stage, step } from "./runs.js";

const T0 = Date.UTC(2026, 10, 28, 12, 0, 0);

function log() {
  const { ctx, stdout } = testContext();
  const lines = new LineLog(ctx.io.out, {
    now: () => T0 + 5000,
    unicode: true,
    intervalMs: 3000,
    printRun: (run) => `<table of ${run.status}>\n`,
  });
  return { lines, stdout };
}

describe("LineLog (CI log)", () => {
  it("writes one timestamped line per change, no escape codes, never the tree again", () => {
    const { lines, stdout } = log();
    const first = polled(
      "RUNNING",
      [stage("Build", "RUNNING", job("Compile", "RUNNING", step("Make", "RUNNING")))],
      { start_time: T0 },
    );
    const second = polled(
      "FAILED",
      [
        stage(
          "Build",
          "FAILED",
          job(
            "Compile",
            "FAILED",
            step("Make", "FAILED", {
              start_time: T0,
              end_time: T0 + 83_000,
              message: "make: *** [all] Error 2\u001b]8;;http://x\u0007",
            }),
          ),
        ),
      ],
      { start_time: T0, end_time: T0 + 90_000 },
    );
    lines.update({
      ...first,
      events: detectTransitions(undefined, first.run),
      first: true,
      final: false,
      nextPollAt: T0 + 3000,
    });
    lines.update({ ...second, events: detectTransitions(first.run, second.run), first: false, final: true });
    expect(stdout()).toBe(
      [
        "2026-11-28T12:00:05Z  watching web #7 (run 0123456789abcdef0123456789abcdef), polling every 3s or more",
        "2026-11-28T12:00:05Z  ● run web #7 started",
        "2026-11-28T12:00:05Z  ● stage Build started",
        "2026-11-28T12:00:05Z  ● job Build › Compile started",
        "2026-11-28T12:00:05Z  ● step Build › Compile › Make started",
        "2026-11-28T12:00:05Z  ✗ step Build › Compile › Make FAILED in 1m 23s: make: *** [all] Error 2",
        "2026-11-28T12:00:05Z  ✗ job Build › Compile FAILED",
        "2026-11-28T12:00:05Z  ✗ stage Build FAILED",
        "2026-11-28T12:00:05Z  ✗ run web #7 FAILED in 1m 30s",
        "",
      ].join("\n"),
    );
  });

  it("prints a run that was already over whole, as one-shot status does", () => {
    const { lines, stdout } = log();
    const done = polled("COMPLETED");
    lines.update({ ...done, events: detectTransitions(undefined, done.run), first: true, final: true });
    expect(stdout()).toBe("<table of COMPLETED>\n");
  });

  it("reports a failed poll and a wait on their own lines", () => {
    const { lines, stdout } = log();
    const error = new ApiError(
      "could not get the pipeline run: the service failed (HTTP 503)",
      ExitCode.ApiFailure,
    );
    lines.failure({ error, failures: 2, maxFailures: 5, nextPollAt: T0 + 11_000 });
    lines.waiting(polled("PAUSED", [stage("Approve", "PAUSED", job("Review", "PAUSED"))]).run);
    expect(stdout()).toBe(
      "2026-11-28T12:00:05Z  ! could not poll (failure 2 of 5): could not get the pipeline run: the service failed (HTTP 503); next poll in 6s\n" +
        "2026-11-28T12:00:05Z  ‖ web #7 PAUSED at Approve › Review: waiting (a manual review or a paused stage); still watching, Ctrl-C to stop\n",
    );
  });
});
