import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../../src/cli.js";
import type { RunningSimulator } from "../../src/simulator/index.js";
import { testContext } from "../helpers/context.js";
import { type Doc, detail, post, startTestSimulator } from "./http.js";

/**
 * A server that serves fewer items per page than asked (the pages document no maximum): the CLI
 * must still read every log line and find every pipeline.
 */

let short: RunningSimulator;
let whole: RunningSimulator;

beforeAll(async () => {
  ({ sim: short } = await startTestSimulator({ maxPageItems: 2 }));
  ({ sim: whole } = await startTestSimulator());
});
afterAll(async () => {
  await short.close();
  await whole.close();
});

async function cli(args: string[]) {
  const { ctx, stdout, stderr } = testContext({
    env: { CODEARTS_ENDPOINT: short.url, CODEARTS_TOKEN: short.token, CODEARTS_PROJECT_ID: short.projectId },
  });
  const code = await runCli(args, ctx, { version: "0.0.0-test", binPath: "" });
  return { code, stdout: stdout(), stderr: stderr() };
}

/** The failed step's whole log, from a simulator that serves it in one page. */
async function failedStepLog(): Promise<string> {
  const run = await detail(whole, "api");
  const job = run.stages.flatMap((s: Doc) => s.jobs).find((j: Doc) => j.status === "FAILED");
  const step = job.steps.find((s: Doc) => s.status === "FAILED");
  const path = `/v5/${whole.projectId}/api/pipelines/${run.pipeline_id}/pipeline-runs/${run.id}/jobs/${job.id}/steps/${step.id}/logs`;
  return JSON.parse((await post(whole, path, { limit: 500, sort: "asc" })).body).log;
}

describe("a server with short pages", () => {
  it("serves two items a page whatever is asked", async () => {
    const page = await post(short, `/v5/${short.projectId}/api/pipelines/list`, { offset: 0, limit: 100 });
    expect(JSON.parse(page.body).pipelines).toHaveLength(2);
  });

  it("logs --failed still prints every line of a log that takes several pages, and exits 0", async () => {
    const log = await failedStepLog();
    expect(log.split("\n").length).toBeGreaterThan(4);
    const result = await cli(["logs", "api", "--failed"]);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(result.stdout.endsWith(log)).toBe(true);
  });

  it("finds a pipeline by name on any page, and --all shows every pipeline", async () => {
    // `nightly` is on the fourth page of two; its latest run COMPLETED.
    expect(short.pipelines.findIndex((p) => p.name === "nightly")).toBeGreaterThan(5);
    const byName = await cli(["status", "nightly", "--json"]);
    expect(byName.code).toBe(0);
    expect(JSON.parse(byName.stdout).pipeline_id).toBe(short.pipeline("nightly").id);
    const all = await cli(["status", "--all", "--json"]);
    expect(all.code).toBe(1);
    expect(JSON.parse(all.stdout).map((item: Doc) => item.pipeline_id)).toEqual(
      short.pipelines.map((p) => p.id),
    );
  });
});
