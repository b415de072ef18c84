import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createManualClock, type RunningSimulator, startSimulator } from "../../src/simulator/index.js";
import { type CliResult, expectCleanError, STACK_TRACE, simulatorEnv } from "../e2e/cli.js";
import { runCommand } from "../helpers/cli-in-process.js";

// A fixed clock: the simulator's documents are identical for identical requests, so the CLI's
// --json output can be compared byte for byte with a document fetched directly.
const clock = createManualClock(Date.UTC(2026, 10, 28, 12, 0, 0));
let sim: RunningSimulator;

beforeAll(async () => {
  sim = await startSimulator({ clock });
});
afterAll(async () => {
  await sim.close();
});

function pipelineId(name: string): string {
  const pipeline = sim.pipelines.find((p) => p.name === name);
  if (!pipeline) throw new Error(`the simulator has no pipeline named ${name}`);
  return pipeline.id;
}

function status(args: string[], overrides?: Record<string, string>): Promise<CliResult> {
  return runCommand(["status", ...args], simulatorEnv(sim, overrides));
}

async function fetchDetail(pipeline: string, runId?: string): Promise<string> {
  const url = new URL(`${sim.url}/v5/${sim.projectId}/api/pipelines/${pipeline}/pipeline-runs/detail`);
  if (runId) url.searchParams.set("pipeline_run_id", runId);
  const response = await fetch(url, { headers: { "X-Auth-Token": sim.token } });
  expect(response.status).toBe(200);
  return response.text();
}

describe("codearts-run status: the run's outcome is the exit code", () => {
  it("exits 0 for a COMPLETED run and shows its header and stages", async () => {
    const result = await status([pipelineId("web")]);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("web");
    expect(result.stdout).toContain("COMPLETED");
    expect(result.stdout).toContain("Build");
    expect(result.stdout).not.toContain("\u001b"); // piped: no colour, no escapes
  });

  it("exits 1 for a FAILED run and shows the failing step's message", async () => {
    const id = pipelineId("api");
    const document = JSON.parse(await fetchDetail(id));
    const result = await status([id]);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain("FAILED");
    const failedStep = document.stages
      .flatMap((stage: { jobs: Array<{ steps: unknown[] }> }) => stage.jobs.flatMap((job) => job.steps))
      .find((step: { status: string }) => step.status === "FAILED");
    expect(failedStep?.message).toBeTruthy();
    expect(result.stdout).toContain(failedStep.message.slice(0, 20));
    expect(result.stdout).toContain(`--run ${document.id}`);
  });

  it("exits 6 for a CANCELED run", async () => {
    const result = await status([pipelineId("docs")]);
    expect(result.code).toBe(6);
    expect(result.stdout).toContain("CANCELED");
  });

  it("exits 6 for an IGNORED run", async () => {
    const result = await status([pipelineId("hotfix")]);
    expect(result.code).toBe(6);
    expect(result.stdout).toContain("IGNORED");
  });

  it("exits 0 for a run that is still going, without waiting for it", async () => {
    const result = await status([pipelineId("mobile")]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("RUNNING");
  });

  it("reads a drifted document without failing", async () => {
    const result = await status([pipelineId("drift")]);
    expect([0, 1, 6]).toContain(result.code);
    expect(result.stdout.length).toBeGreaterThan(0);
    expect(result.stderr).not.toMatch(STACK_TRACE);
  });
});

describe("codearts-run status --json", () => {
  it("prints the served document byte for byte, and nothing else", async () => {
    const id = pipelineId("web");
    const served = await fetchDetail(id);
    const result = await status([id, "--json"]);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe("");
    expect(result.stdout).toBe(served.endsWith("\n") ? served : `${served}\n`);
  });

  it("keeps every field, unknown ones included, of a drifted document", async () => {
    const id = pipelineId("drift");
    const served = JSON.parse(await fetchDetail(id));
    const result = await status([id, "--json"]);
    expect(JSON.parse(result.stdout)).toEqual(served);
  });

  it("still exits 1 when the run FAILED, so `--json` works as a CI gate", async () => {
    const result = await status([pipelineId("api"), "--json"]);
    expect(result.code).toBe(1);
    expect(JSON.parse(result.stdout).status).toBe("FAILED");
  });

  it("shows a given run with --run", async () => {
    const id = pipelineId("nightly");
    const latest = JSON.parse(await fetchDetail(id));
    const runs = await fetch(`${sim.url}/v5/${sim.projectId}/api/pipelines/${id}/pipeline-runs/list`, {
      method: "POST",
      headers: { "X-Auth-Token": sim.token, "Content-Type": "application/json" },
      body: JSON.stringify({ offset: 0, limit: 10 }),
    }).then((r) => r.json() as Promise<{ pipeline_runs: Array<{ pipeline_run_id: string }> }>);
    const older = runs.pipeline_runs.map((r) => r.pipeline_run_id).find((runId) => runId !== latest.id);
    expect(older).toBeDefined();
    const result = await status([id, "--run", older as string, "--json"]);
    expect(JSON.parse(result.stdout).id).toBe(older);
  });
});

describe("codearts-run status: other outputs", () => {
  it("--web prints the run's page and, piped, opens nothing", async () => {
    const id = pipelineId("web");
    const document = JSON.parse(await fetchDetail(id));
    const result = await status([id, "--web"], { BROWSER: "false" });
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(`${document.detail_url}\n`);
    expect(result.stderr).toBe("");
  });

  it("--output junit writes a report with the failure kept, and still exits 1", async () => {
    const result = await status([pipelineId("api"), "--output", "junit"]);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<testsuites /);
    expect(result.stdout).toMatch(/<failure message="npm test exited with code 1: 3 tests failed"/);
  });

  it("--output markdown writes a table for job summaries", async () => {
    const result = await status([pipelineId("web"), "-o", "markdown"]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^### /);
    expect(result.stdout).toMatch(/\n\| Status \| /i);
  });
});

describe("codearts-run status: what it could not find out", () => {
  it("exits 4 when the pipeline does not exist, with the request id", async () => {
    const result = await status(["0123456789abcdef0123456789abcdef"]);
    expectCleanError(result, 4, /pipeline not found/);
    expect(result.stderr).toMatch(/request id [0-9a-f]{32}/);
  });

  it("exits 4 when the run does not exist", async () => {
    const result = await status([pipelineId("web"), "--run", "fedcba9876543210fedcba9876543210"]);
    expectCleanError(result, 4, /not found/);
  });

  it("exits 4 for a pipeline that never ran, and says that may be why", async () => {
    const result = await status([pipelineId("empty")]);
    expectCleanError(result, 4, /not found/);
    expect(result.stderr).toMatch(/^hint: .*a pipeline that has never run has no run to show/m);
  });

  it("exits 4 when the project does not exist", async () => {
    const result = await status([pipelineId("web"), "--project", "abcdefabcdefabcdefabcdefabcdefab"]);
    expectCleanError(result, 4, /project/);
  });

  it("exits 3 when the token is refused", async () => {
    const result = await status([pipelineId("web")], { CODEARTS_TOKEN: "not-a-valid-token" });
    expectCleanError(result, 3, /refused the credentials/);
    expect(result.stderr).not.toContain("not-a-valid-token");
  });

  it("exits 3 when the token has no permission for the project", async () => {
    const result = await status([pipelineId("web")], { CODEARTS_TOKEN: sim.credentials.forbiddenToken });
    expectCleanError(result, 3, /permission/);
  });

  it("exits 5 when the service fails, naming the request id", async () => {
    sim.setFaults([{ kind: "503", pipeline: "web" }]);
    try {
      const result = await status([pipelineId("web")]);
      expectCleanError(result, 5, /HTTP 503/);
      expect(result.stderr).toMatch(/request id/);
    } finally {
      sim.setFaults([]);
    }
  });

  it("exits 5 on a gateway's HTML page, summarised rather than dumped", async () => {
    sim.setFaults([{ kind: "html-502", pipeline: "web" }]);
    try {
      const result = await status([pipelineId("web")]);
      expectCleanError(result, 5, /HTTP 502.*non-JSON/);
      expect(result.stderr).not.toMatch(/<html/i);
    } finally {
      sim.setFaults([]);
    }
  });

  it("exits 5 on a truncated answer", async () => {
    sim.setFaults([{ kind: "truncated", pipeline: "web" }]);
    try {
      const result = await status([pipelineId("web"), "--json"]);
      expectCleanError(result, 5, /not valid JSON/);
    } finally {
      sim.setFaults([]);
    }
  });

  it("recognises an error body sent with HTTP 200", async () => {
    sim.setFaults([{ kind: "error-200", pipeline: "web" }]);
    try {
      const result = await status([pipelineId("web"), "--json"]);
      expect(result.code).not.toBe(0);
      expect(result.stdout).toBe("");
      expect(result.stderr).toMatch(/HTTP 200/);
    } finally {
      sim.setFaults([]);
    }
  });

  it("exits 5 when nothing listens at the endpoint", async () => {
    const result = await status([pipelineId("web")], { CODEARTS_ENDPOINT: "http://127.0.0.1:9" });
    expectCleanError(result, 5, /could not reach 127\.0\.0\.1:9/);
  });
});

describe("codearts-run status: transient trouble is ridden out and reported", () => {
  it("retries two 503s and still answers with the run's outcome", async () => {
    sim.setFaults([{ kind: "503", pipeline: "web", times: 2 }]);
    try {
      const result = await status([pipelineId("web"), "--json"]);
      expect(result.code).toBe(0);
      expect(JSON.parse(result.stdout).status).toBe("COMPLETED");
      expect(result.stderr).toMatch(
        /^note: HTTP 503; retrying in [\d.]+ s \(attempt 2 of 4\)\nnote: HTTP 503; retrying in [\d.]+ s \(attempt 3 of 4\)\n$/,
      );
    } finally {
      sim.setFaults([]);
    }
  });

  it("gives up on a stalled answer after --request-timeout and tries again", async () => {
    sim.setFaults([{ kind: "stall", pipeline: "api", times: 1 }]);
    try {
      const result = await status([pipelineId("api"), "--request-timeout", "1"]);
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(/^note: no complete answer from 127\.0\.0\.1:\d+ within 1 s; retrying/);
    } finally {
      sim.setFaults([]);
    }
  });

  it("honours Retry-After on 429", async () => {
    sim.setFaults([{ kind: "429", pipeline: "web", times: 1, retryAfterSeconds: 1 }]);
    try {
      const result = await status([pipelineId("web")]);
      expect(result.code).toBe(0);
      expect(result.stderr).toBe("note: HTTP 429; retrying in 1.0 s (attempt 2 of 4)\n");
    } finally {
      sim.setFaults([]);
    }
  });
});

describe("codearts-run status: usage errors exit 2 before any request", () => {
  async function expectUsageError(args: string[], message: RegExp, overrides?: Record<string, string>) {
    const before = sim.stats().requests;
    const result = await status(args, overrides);
    expectCleanError(result, 2, message);
    expect(sim.stats().requests).toBe(before);
  }

  it("rejects a pipeline that cannot be an id or a name, saying what a valid one looks like", async () => {
    await expectUsageError(
      ["web;rm -rf"],
      /"web;rm -rf" is not a pipeline id, alias or name\nhint: .*32 letters or digits/,
    );
  });

  it("rejects a malformed run id", async () => {
    await expectUsageError([pipelineId("web"), "--run", "42"], /invalid run id "42" \(--run\)/);
  });

  it("rejects a malformed project id from the environment", async () => {
    await expectUsageError([pipelineId("web")], /invalid project id .*CODEARTS_PROJECT_ID/, {
      CODEARTS_PROJECT_ID: "my-project",
    });
  });

  it("refuses to run without credentials", async () => {
    await expectUsageError([pipelineId("web")], /no credentials: set CODEARTS_TOKEN/, { CODEARTS_TOKEN: "" });
  });

  it("refuses to send a token over plain http to a remote host", async () => {
    await expectUsageError([pipelineId("web")], /plain http to example\.com/, {
      CODEARTS_ENDPOINT: "http://example.com",
    });
  });

  it("rejects an unknown region, listing the known ones", async () => {
    await expectUsageError([pipelineId("web")], /unknown region "mars-1".*\nhint: .*cn-north-4/, {
      CODEARTS_ENDPOINT: "",
      CODEARTS_REGION: "mars-1",
    });
  });

  it("rejects an unknown flag", async () => {
    const result = await status([pipelineId("web"), "--frobnicate"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/unknown option '--frobnicate'/);
    expect(result.stderr).not.toMatch(STACK_TRACE);
  });
});

describe("codearts-run --help", () => {
  it("documents the exit codes and exits 0", async () => {
    const result = await runCommand(["status", "--help"]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/Exit codes:\n\s+0 .*\n\s+1\s+the run FAILED/);
  });
});
