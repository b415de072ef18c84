import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createManualClock, type RunningSimulator, startSimulator } from "../../src/simulator/index.js";
import { type CliResult, expectCleanError, simulatorEnv } from "../e2e/cli.js";
import { runCommand } from "../helpers/cli-in-process.js";

// A fixed clock: the list-runs answers are the same for the CLI and for the test's own requests.
const clock = createManualClock(Date.UTC(2026, 10, 28, 12, 0, 0));
let sim: RunningSimulator;

beforeAll(async () => {
  sim = await startSimulator({ clock });
});
afterAll(async () => {
  await sim.close();
});

function runs(args: string[], overrides?: Record<string, string>): Promise<CliResult> {
  return runCommand(["runs", ...args], simulatorEnv(sim, overrides));
}

type Run = { pipeline_run_id: string; run_number: number; status: string };

async function listRuns(name: string, body: Record<string, unknown> = {}): Promise<Run[]> {
  const id = sim.pipeline(name).id;
  const url = `${sim.url}/v5/${sim.projectId}/api/pipelines/${id}/pipeline-runs/list`;
  const response = await fetch(url, {
    method: "POST",
    headers: { "X-Auth-Token": sim.token, "Content-Type": "application/json" },
    body: JSON.stringify({ offset: 0, limit: 100, ...body }),
  });
  return ((await response.json()) as { pipeline_runs: Run[] }).pipeline_runs;
}

/** The table's data rows, each split into its RUN, STATUS and RUN ID cells. */
function rows(stdout: string): Array<{ run: string; status: string; id: string }> {
  return stdout
    .trimEnd()
    .split("\n")
    .slice(1)
    .map((line) => {
      const cells = line.split(/ {2,}/);
      return { run: cells[0] ?? "", status: cells[1] ?? "", id: cells.at(-1) ?? "" };
    });
}

describe("codearts-run runs", () => {
  it("lists the 20 newest runs by default, newest first, with full run ids, and says there are more", async () => {
    const served = await listRuns("nightly");
    const result = await runs(["nightly"]);
    expect(result.code).toBe(0);
    expect(result.stdout.split("\n")[0]).toMatch(/^RUN +STATUS +TRIGGER +SOURCE +STARTED +DURATION +RUN ID$/);
    expect(rows(result.stdout)).toEqual(
      served.slice(0, 20).map((r) => ({
        run: `#${r.run_number}`,
        status: expect.stringContaining(r.status),
        id: r.pipeline_run_id,
      })),
    );
    expect(result.stdout).toMatch(/Scheduler +main +2026-\d\d-\d\dT\d\d:\d\d:\d\dZ/); // piped: ISO times
    expect(result.stdout).not.toContain("\u001b");
    expect(result.stderr).toBe("note: the 20 most recent of 25 runs; --limit 25 shows them all\n");
  });

  it("takes --limit, and the pipeline by name or id", async () => {
    const byName = await runs(["nightly", "--limit", "3"]);
    expect(rows(byName.stdout).map((r) => r.run)).toEqual(["#25", "#24", "#23"]);
    const byId = await runs([sim.pipeline("nightly").id, "--limit", "30"]);
    expect(rows(byId.stdout)).toHaveLength(25);
    expect(byId.stderr).toBe("");
  });

  it("filters by --status, case-insensitive and comma-separated, on the service's side", async () => {
    const served = await listRuns("nightly", { status: ["FAILED", "CANCELED"] });
    const result = await runs(["nightly", "--status", "failed,Canceled", "--limit", "100"]);
    expect(result.code).toBe(0);
    expect(rows(result.stdout).map((r) => r.id)).toEqual(served.map((r) => r.pipeline_run_id));
    expect(rows(result.stdout).every((r) => /FAILED|CANCELED/.test(r.status))).toBe(true);
  });

  it("--json prints the runs exactly as the API sent them, as one array", async () => {
    const served = await listRuns("nightly");
    const result = await runs(["nightly", "--json", "--limit", "7"]);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe("");
    expect(JSON.parse(result.stdout)).toEqual(served.slice(0, 7));
  });

  it("gives run ids that `status --run` takes", async () => {
    const failed = rows((await runs(["web"])).stdout).find((r) => r.status.includes("FAILED"));
    expect(failed).toBeDefined();
    const status = await runCommand(
      ["status", "web", "--run", failed?.id ?? "", "--json"],
      simulatorEnv(sim),
    );
    expect(status.code).toBe(1);
    expect(JSON.parse(status.stdout).id).toBe(failed?.id);
  });

  it("exits 0 with the run's history even when the latest run failed", async () => {
    const result = await runs(["api"]);
    expect(result.code).toBe(0);
    expect(rows(result.stdout)[0]?.status).toContain("FAILED");
  });

  it("says so when a pipeline has no runs (or none with that status)", async () => {
    expect(await runs(["empty"])).toEqual({ code: 0, stdout: "No runs of empty.\n", stderr: "" });
    expect(await runs(["empty", "--json"])).toEqual({ code: 0, stdout: "[]\n", stderr: "" });
    const none = await runs(["web", "--status", "IGNORED"]);
    expect(none.stdout).toBe("No IGNORED runs of web.\n");
  });

  it("warns about a status it does not know, and still asks", async () => {
    const result = await runs(["web", "--status", "DONE"]);
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/^warning: DONE is not a run status this version knows/);
    expect(result.stdout).toBe("No DONE runs of web.\n");
  });
});

describe("codearts-run runs: errors", () => {
  it("exits 4 for a pipeline that does not exist, by id or by name", async () => {
    expectCleanError(await runs(["0123456789abcdef0123456789abcdef"]), 4, /pipeline not found/);
    expectCleanError(
      await runs(["nightlyy"]),
      4,
      /no pipeline named "nightlyy".*\nhint: closest names: "nightly"/,
    );
  });

  it("exits 2 for a bad --limit or --status, before any request", async () => {
    const before = sim.stats().requests;
    expectCleanError(await runs(["web", "--limit", "0"]), 2, /invalid --limit "0"/);
    expectCleanError(await runs(["web", "--limit", "ten"]), 2, /invalid --limit "ten"/);
    expectCleanError(await runs(["web", "--status", "FAILED;rm"]), 2, /invalid --status/);
    expect(sim.stats().requests).toBe(before);
  });

  it("exits 5 when the service fails", async () => {
    sim.setFaults([{ kind: "503", pipeline: "web" }]);
    try {
      const result = await runs([sim.pipeline("web").id]);
      expect(result.code).toBe(5);
      expect(result.stderr).toMatch(/could not list the pipeline's runs: the service failed \(HTTP 503/);
    } finally {
      sim.setFaults([]);
    }
  });
});
