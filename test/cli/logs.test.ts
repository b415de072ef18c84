import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createManualClock, type RunningSimulator, startSimulator } from "../../src/simulator/index.js";
import { type CliResult, expectCleanError, simulatorEnv } from "../e2e/cli.js";
import { runCommand } from "../helpers/cli-in-process.js";

const clock = createManualClock(Date.UTC(2026, 10, 28, 12, 0, 0));
let sim: RunningSimulator;

beforeAll(async () => {
  sim = await startSimulator({ clock });
});
afterAll(async () => {
  await sim.close();
});

function logs(args: string[]): Promise<CliResult> {
  return runCommand(["logs", ...args], simulatorEnv(sim));
}

// biome-ignore lint/suspicious/noExplicitAny: the run document, read loosely
type Doc = any;

async function api(path: string, body?: unknown): Promise<Doc> {
  const response = await fetch(`${sim.url}/v5/${sim.projectId}/api/pipelines/${path}`, {
    method: body === undefined ? "GET" : "POST",
    headers: { "X-Auth-Token": sim.token, "Content-Type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return response.json();
}

function detail(name: string, runId?: string): Promise<Doc> {
  const query = runId ? `?pipeline_run_id=${runId}` : "";
  return api(`${sim.pipeline(name).id}/pipeline-runs/detail${query}`);
}

/** Every job step of a run, with the stage and job it belongs to. */
function jobSteps(run: Doc): Array<{ stage: Doc; job: Doc; step: Doc }> {
  return run.stages.flatMap((stage: Doc) =>
    stage.jobs.flatMap((job: Doc) => job.steps.map((step: Doc) => ({ stage, job, step }))),
  );
}

/** The step's whole log as the API serves it. */
function stepLog(run: Doc, job: Doc, step: Doc): Promise<string> {
  return api(`${run.pipeline_id}/pipeline-runs/${run.id}/jobs/${job.id}/steps/${step.id}/logs`, {
    start_offset: 0,
    limit: 1000,
    sort: "asc",
  }).then((page: Doc) => page.log);
}

function headers(stdout: string): string[] {
  return stdout.split("\n").filter((line) => line.startsWith("==> "));
}

describe("codearts-run logs", () => {
  it("prints the failed step's log when the latest run failed, and exits 0", async () => {
    const run = await detail("api");
    const failed = jobSteps(run).filter(({ step }) => step.status === "FAILED");
    expect(failed).toHaveLength(1);
    const { stage, job, step } = failed[0] as { stage: Doc; job: Doc; step: Doc };
    const result = await logs(["api"]);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe("");
    expect(result.stdout).toBe(
      `==> ${stage.name} / ${job.name} / ${step.name} (FAILED)\n${await stepLog(run, job, step)}`,
    );
    expect(result.stdout).toMatch(/\[ERROR\] npm test exited with code 1: 3 tests failed\n$/);
  });

  it("prints every step that ran, in order, when the run did not fail", async () => {
    const run = await detail("web");
    const ran = jobSteps(run).filter(({ step }) => step.start_time > 0);
    const result = await logs(["web"]);
    expect(result.code).toBe(0);
    expect(headers(result.stdout)).toEqual(
      ran.map(({ stage, job, step }) => `==> ${stage.name} / ${job.name} / ${step.name} (${step.status})`),
    );
    const expected = await Promise.all(
      ran.map(
        async ({ stage, job, step }) =>
          `==> ${stage.name} / ${job.name} / ${step.name} (${step.status})\n${await stepLog(run, job, step)}`,
      ),
    );
    expect(result.stdout).toBe(expected.join("\n"));
  });

  it("--run picks an older run: web's run 2 failed, so its failed step is shown", async () => {
    const list = await api(`${sim.pipeline("web").id}/pipeline-runs/list`, { limit: 10 });
    const older = list.pipeline_runs.find((r: Doc) => r.status === "FAILED");
    const run = await detail("web", older.pipeline_run_id);
    const result = await logs(["web", "--run", older.pipeline_run_id]);
    expect(result.code).toBe(0);
    expect(headers(result.stdout)).toEqual(
      jobSteps(run)
        .filter(({ step }) => step.status === "FAILED")
        .map(({ stage, job, step }) => `==> ${stage.name} / ${job.name} / ${step.name} (FAILED)`),
    );
  });

  it("--step takes a step's exact name or its id", async () => {
    const run = await detail("api");
    const { job, step } = jobSteps(run).find(({ step }) => step.name === "Run tests") ?? {};
    const byName = await logs(["api", "--step", "Run tests"]);
    expect(headers(byName.stdout)).toEqual(["==> Test / Unit tests / Run tests (FAILED)"]);
    const byId = await logs(["api", "--step", step.id]);
    expect(byId.stdout).toBe(byName.stdout);
    expect(byId.stdout).toContain(await stepLog(run, job, step));
  });

  it("--failed shows only failed steps, and says so when there are none", async () => {
    expect(await logs(["web", "--failed"])).toEqual({
      code: 0,
      stdout: "",
      stderr: "no job step of run #3 failed\n",
    });
  });

  it("--raw prints the log text exactly as served", async () => {
    const run = await detail("api");
    const { job, step } = jobSteps(run).find(({ step }) => step.status === "FAILED") ?? {};
    const result = await logs(["api", "--raw"]);
    expect(result.stdout).toBe(
      `==> Test / Unit tests / Run tests (FAILED)\n${await stepLog(run, job, step)}`,
    );
  });

  it("says so when no step of the run has started yet", async () => {
    // The demo pipeline's run starts with the simulator, whose clock stands still here.
    const result = await logs(["demo"]);
    expect(result).toEqual({ code: 0, stdout: "", stderr: "no step of run #1 has started yet\n" });
  });
});

describe("codearts-run logs: errors", () => {
  it("names the steps when --step matches none (exit 4)", async () => {
    const result = await logs(["api", "--step", "Run the tests"]);
    expectCleanError(
      result,
      4,
      /^error: no step "Run the tests" in this run\nhint: .*Test \/ Unit tests \/ Run tests \([0-9a-f]{32}\)/,
    );
  });

  it("refuses an ambiguous --step name (exit 2), listing job and step with their ids", async () => {
    const result = await logs(["web", "--step", "Check out code"]);
    expectCleanError(
      result,
      2,
      /steps of this run are named "Check out code": Build \/ .+ \/ Check out code \([0-9a-f]{32}\); /,
    );
  });

  it("exits 4 for an unknown pipeline or run", async () => {
    expectCleanError(await logs(["0123456789abcdef0123456789abcdef"]), 4, /pipeline not found/);
    expectCleanError(await logs(["web", "--run", "fedcba9876543210fedcba9876543210"]), 4, /not found/);
  });

  it("exits 2 for a malformed run id, or --step with --failed, before any request", async () => {
    const before = sim.stats().requests;
    expectCleanError(await logs(["web", "--run", "42"]), 2, /invalid run id "42" \(--run\)/);
    const both = await logs(["web", "--step", "Build", "--failed"]);
    expect(both.code).toBe(2);
    expect(both.stderr).toMatch(/option '--step <step>' cannot be used with option '--failed'/);
    expect(sim.stats().requests).toBe(before);
  });

  it("exits 5 when the service fails", async () => {
    sim.setFaults([{ kind: "html-502", pipeline: "api" }]);
    try {
      const result = await logs([sim.pipeline("api").id]);
      expect(result.code).toBe(5);
      expect(result.stderr).toMatch(/HTTP 502/);
    } finally {
      sim.setFaults([]);
    }
  });
});
