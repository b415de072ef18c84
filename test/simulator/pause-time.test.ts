import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../../src/cli.js";
import { formatDuration } from "../../src/render/index.js";
import type { RunningSimulator } from "../../src/simulator/index.js";
import { testContext } from "../helpers/context.js";
import { type Doc, detail, startTestSimulator } from "./http.js";

/** A run that waits for a manual review: the wait is `pause_time`, shown apart from the work. */

let sim: RunningSimulator;
let clock: Awaited<ReturnType<typeof startTestSimulator>>["clock"];

beforeAll(async () => {
  ({ sim, clock } = await startTestSimulator());
});
afterAll(() => sim.close());

describe("pause_time", () => {
  it("grows on the run and the waiting stage while the review waits, and is 0 elsewhere", async () => {
    const before = await detail(sim, "release");
    clock.set(clock.now() + 60_000);
    const after = await detail(sim, "release");
    expect(after.status).toBe("PAUSED");
    expect(before.pause_time).toBeGreaterThan(0);
    expect(after.pause_time - before.pause_time).toBe(60_000);
    const paused = after.stages.filter((stage: Doc) => stage.pause_time > 0).map((stage: Doc) => stage.name);
    expect(paused).toEqual(["Approval"]);
    expect((await detail(sim, "web")).pause_time).toBe(0);
  });

  it("status shows the wait beside the working time, not in it", async () => {
    const run = await detail(sim, "release");
    const working = run.current_system_time - run.start_time - run.pause_time;
    const { ctx, stdout } = testContext({
      now: () => run.current_system_time,
      env: { CODEARTS_ENDPOINT: sim.url, CODEARTS_TOKEN: sim.token, CODEARTS_PROJECT_ID: sim.projectId },
    });
    expect(await runCli(["status", "release"], ctx, { version: "0.0.0-test", binPath: "" })).toBe(0);
    expect(stdout()).toContain(
      `${formatDuration(working)} so far, plus ${formatDuration(run.pause_time)} paused`,
    );
  });

  it("is on the documents' clock: at --speed 10 a minute of the clock is a minute of pause", async () => {
    const fast = await startTestSimulator({ speed: 10 });
    try {
      const before = await detail(fast.sim, "release");
      fast.clock.set(fast.clock.now() + 60_000);
      const after = await detail(fast.sim, "release");
      expect(after.pause_time - before.pause_time).toBe(60_000);
      // Never more pause than the run is old.
      expect(after.pause_time).toBeLessThanOrEqual(after.current_system_time - after.start_time);
    } finally {
      await fast.sim.close();
    }
  });
});
