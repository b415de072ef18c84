import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../../src/cli.js";
import { createManualClock, type RunningSimulator, startSimulator } from "../../src/simulator/index.js";
import { testContext } from "../helpers/context.js";

/**
 * The several-pipelines table measures a running run on the server's clock (the answer's Date
 * header: the latest-status answer has no current_system_time), so a local clock that is a year
 * ahead does not show a run going for 8760 hours; long spans read in days.
 */

const SERVER_NOW = Date.UTC(2026, 10, 28, 12);
const DAY = 24 * 3_600_000;
let sim: RunningSimulator;

beforeAll(async () => {
  sim = await startSimulator({ clock: createManualClock(SERVER_NOW) });
});
afterAll(async () => {
  await sim.close();
});

async function statusMany(args: string[], localNow: number) {
  const env = { CODEARTS_ENDPOINT: sim.url, CODEARTS_TOKEN: sim.token, CODEARTS_PROJECT_ID: sim.projectId };
  const { ctx, stdout, stderr } = testContext({ env, now: () => localNow });
  const code = await runCli(["status", ...args], ctx, { version: "0", binPath: "unused" });
  return { code, stdout: stdout(), stderr: stderr() };
}

function rowOf(stdout: string, pipeline: string): string[] {
  const line = stdout.split("\n").find((row) => row.startsWith(`${pipeline} `)) ?? "";
  return line.split(/ {2,}/);
}

describe("status of several pipelines, durations", () => {
  it("a running run's duration is the same whatever the local clock says", async () => {
    const inStep = await statusMany(["mobile", "web"], SERVER_NOW);
    const yearAhead = await statusMany(["mobile", "web"], SERVER_NOW + 365 * DAY);
    expect(rowOf(inStep.stdout, "mobile")).toContain("3m 00s");
    expect(rowOf(yearAhead.stdout, "mobile")).toContain("3m 00s");
    expect(yearAhead.stdout).not.toMatch(/\d{3,}h/);
  });

  it("fills the RUN column with each run's number", async () => {
    const { stdout } = await statusMany(["mobile", "web", "nightly"], SERVER_NOW);
    expect(["mobile", "web", "nightly"].map((name) => rowOf(stdout, name)[1])).toEqual(["#1", "#3", "#25"]);
  });
});
