import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningSimulator, startSimulator } from "../../src/simulator/index.js";
import { expectCleanError, runBinary, simulatorEnv } from "./cli.js";

/** `run` and `stop` through the built binary: what only a real process shows (pipes, stdin, exit status). */

let sim: RunningSimulator;
beforeAll(async () => {
  // The demo plan takes about 30 s; 100 times faster, a started run ends in well under a second.
  sim = await startSimulator({ speed: 100 });
});
afterAll(async () => {
  await sim.close();
});

describe("codearts-run run and stop, as a process", () => {
  it("run --watch in a CI log starts one run and exits 0 when it COMPLETED", async () => {
    const result = await runBinary(
      ["run", "demo", "--watch", "--interval", "0.2"],
      simulatorEnv(sim, { CI: "true" }),
    );
    expect(result.code, result.stderr).toBe(0);
    expect(sim.startRequests()).toHaveLength(1);
    expect(result.stderr).toBe(`Started demo (run ${sim.startRequests()[0]?.runId})\n`);
    expect(result.stdout.trimEnd().split("\n").at(-1)).toMatch(/^✓ demo #2 COMPLETED in \d+s · exit 0$/);
  });

  it("stop refuses to act without --yes when stdin is a pipe", async () => {
    const result = await runBinary(["stop", "release"], simulatorEnv(sim), { input: "y\n" });
    expectCleanError(result, 2, /^error: stopping a run needs a confirmation/);
    expect(sim.latestRunStatus("release")).toBe("PAUSED");
  });

  it("stop --yes ends a run waiting for review CANCELED", async () => {
    const result = await runBinary(["stop", "release", "--yes"], simulatorEnv(sim));
    expect(result.code, result.stderr).toBe(0);
    expect(sim.latestRunStatus("release")).toBe("CANCELED");
  });
});
