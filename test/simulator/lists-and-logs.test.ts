import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningSimulator } from "../../src/simulator/index.js";
import { authed, type Doc, detail, idOf, post, startTestSimulator, T0 } from "./http.js";

let sim: RunningSimulator;
let clock: Awaited<ReturnType<typeof startTestSimulator>>["clock"];

beforeAll(async () => {
  ({ sim, clock } = await startTestSimulator());
});
afterAll(() => sim.close());

async function postJson(path: string, body: unknown): Promise<{ status: number; json: Doc }> {
  const answer = await post(sim, path, body);
  return { status: answer.status, json: JSON.parse(answer.body) };
}

describe("list pipelines", () => {
  const path = () => `/v5/${sim.projectId}/api/pipelines/list`;

  it("lists every built-in pipeline with its latest run", async () => {
    const { status, json } = await postJson(path(), { offset: 0, limit: 100 });
    expect(status).toBe(200);
    expect(json.total).toBe(sim.pipelines.length);
    expect(json.pipelines.map((p: Doc) => p.name)).toEqual(sim.pipelines.map((p) => p.name));
    const web = json.pipelines.find((p: Doc) => p.name === "web");
    expect(web.latest_run).toMatchObject({
      pipeline_run_id: sim.pipeline("web").latestRunId,
      status: "COMPLETED",
    });
    expect(json.pipelines.find((p: Doc) => p.name === "empty").latest_run).toBeNull();
  });

  it("filters by a name substring and pages with offset/limit, total counting all matches", async () => {
    const filtered = await postJson(path(), { name: "E" });
    const names = sim.pipelines.map((p) => p.name).filter((n) => n.includes("e"));
    expect(filtered.json.total).toBe(names.length);
    const page = await postJson(path(), { offset: 2, limit: 3 });
    expect(page.json).toMatchObject({ offset: 2, limit: 3, total: sim.pipelines.length });
    expect(page.json.pipelines.map((p: Doc) => p.name)).toEqual(sim.pipelines.slice(2, 5).map((p) => p.name));
  });

  it("refuses a limit above 100 with 400", async () => {
    const { status, json } = await postJson(path(), { limit: 500 });
    expect(status).toBe(400);
    expect(json.error_code).toBe("DEVPIPE.00011100");
  });
});

describe("list runs", () => {
  const path = (name: string) => `/v5/${sim.projectId}/api/pipelines/${idOf(sim, name)}/pipeline-runs/list`;

  it("pages the nightly history newest first", async () => {
    const first = await postJson(path("nightly"), { offset: 0, limit: 10 });
    const third = await postJson(path("nightly"), { offset: 20, limit: 10 });
    expect(first.json.total).toBe(25);
    expect(first.json.pipeline_runs.map((r: Doc) => r.run_number)).toEqual([
      25, 24, 23, 22, 21, 20, 19, 18, 17, 16,
    ]);
    expect(third.json.pipeline_runs.map((r: Doc) => r.run_number)).toEqual([5, 4, 3, 2, 1]);
    expect(first.json.pipeline_runs[0]).toMatchObject({ trigger_type: "Scheduler", status: "COMPLETED" });
    expect(first.json.pipeline_runs[0].stage_status_list.map((s: Doc) => s.name)).toEqual([
      "Build",
      "Test",
      "Deploy",
    ]);
  });

  it("filters by status", async () => {
    const failed = await postJson(path("nightly"), { status: ["FAILED"], limit: 100 });
    expect(failed.json.total).toBeGreaterThan(0);
    expect(failed.json.total).toBeLessThan(25);
    expect(failed.json.pipeline_runs.every((r: Doc) => r.status === "FAILED")).toBe(true);
  });

  it("shows only runs that have started", async () => {
    clock.set(T0 - 1);
    const before = await postJson(path("demo"), {});
    clock.set(T0);
    const now = await postJson(path("demo"), {});
    expect([before.json.total, now.json.total]).toEqual([0, 1]);
  });
});

describe("latest status of many pipelines", () => {
  it("answers one entry per id with a run, in order, without names; unknown and never-run ids left out", async () => {
    const ids = [idOf(sim, "api"), "0".repeat(32), idOf(sim, "mobile"), idOf(sim, "empty")];
    const { status, json } = await postJson(`/v5/${sim.projectId}/api/pipelines/status`, ids);
    expect(status).toBe(200);
    expect(json.map((e: Doc) => [e.pipeline_id, e.status])).toEqual([
      [idOf(sim, "api"), "FAILED"],
      [idOf(sim, "mobile"), "RUNNING"],
    ]);
    expect(json.some((e: Doc) => "name" in e)).toBe(false);
    expect(typeof json[0].stage_status_list[0].start_time).toBe("string");
  });

  it("refuses a body that is not an array of ids", async () => {
    const { status } = await postJson(`/v5/${sim.projectId}/api/pipelines/status`, { ids: [] });
    expect(status).toBe(400);
  });
});

describe("step logs", () => {
  async function failedStep() {
    const document = await detail(sim, "api");
    const job = document.stages[1].jobs.find((j: Doc) => j.status === "FAILED");
    const step = job.steps.find((s: Doc) => s.status === "FAILED");
    const path = `/v5/${sim.projectId}/api/pipelines/${document.pipeline_id}/pipeline-runs/${document.id}/jobs/${job.id}/steps/${step.id}/logs`;
    return { path, step };
  }

  it("ends a failed step's log with its error; offsets are server positions sent as strings", async () => {
    const { path, step } = await failedStep();
    const { status, json } = await postJson(path, { start_offset: 0, limit: 500, sort: "asc" });
    expect(status).toBe(200);
    expect(json).toMatchObject({ has_more: false, step_run_id: step.id });
    const lines = json.log.trimEnd().split("\n");
    expect(lines.at(-1)).toMatch(/\[ERROR\] npm test exited with code 1: 3 tests failed$/);
    expect(json.start_offset).toMatch(/^\d+$/);
    expect(Number(json.start_offset)).toBeGreaterThan(0);
    expect(Number(json.end_offset) - Number(json.start_offset)).toBe(Buffer.byteLength(json.log));
  });

  it("pages from the end_offset it sent, with has_more until the end, and sorts desc", async () => {
    const { path } = await failedStep();
    const all = (await postJson(path, { limit: 500, sort: "asc" })).json.log.trimEnd().split("\n");
    const first = await postJson(path, { start_offset: 0, limit: 3, sort: "asc" });
    expect(first.json.has_more).toBe(true);
    expect(first.json.log).toBe(`${all.slice(0, 3).join("\n")}\n`);
    const rest = await postJson(path, {
      start_offset: Number(first.json.end_offset),
      limit: 100,
      sort: "asc",
    });
    expect(rest.json.log).toBe(`${all.slice(3).join("\n")}\n`);
    expect(rest.json.has_more).toBe(false);
    expect(rest.json.start_offset).toBe(first.json.end_offset);
    const newest = await postJson(path, { limit: 1, sort: "desc" });
    expect(newest.json.log).toBe(`${all.at(-1)}\n`);
  });

  it("requires limit and sort, as the page documents", async () => {
    const { path } = await failedStep();
    expect((await postJson(path, { start_offset: 0, sort: "asc" })).status).toBe(400);
    expect((await postJson(path, { start_offset: 0, limit: 10 })).status).toBe(400);
  });

  it("grows while the step runs", async () => {
    const at = async (seconds: number) => {
      clock.set(T0 + seconds * 1000);
      const document = await detail(sim, "demo");
      const job = document.stages[0].jobs[0];
      const step = job.steps[2];
      const path = `/v5/${sim.projectId}/api/pipelines/${document.pipeline_id}/pipeline-runs/${document.id}/jobs/${job.id}/steps/${step.id}/logs`;
      return (await postJson(path, { limit: 500, sort: "asc" })).json.log;
    };
    const notStarted = await at(1);
    const middle = await at(8.5);
    const finished = await at(20);
    clock.set(T0);
    expect(notStarted).toBe("");
    expect(middle.length).toBeGreaterThan(0);
    expect(finished.startsWith(middle)).toBe(true);
    expect(finished.length).toBeGreaterThan(middle.length);
    expect(finished).toContain("[INFO] The step completed");
  });

  it("answers 404 for a step that is not in the run", async () => {
    const document = await detail(sim, "web");
    const path = `/v5/${sim.projectId}/api/pipelines/${document.pipeline_id}/pipeline-runs/${document.id}/jobs/${"1".repeat(32)}/steps/${"2".repeat(32)}/logs`;
    const answer = await authed(sim, path, { method: "POST", body: "{}" });
    expect(answer.status).toBe(404);
  });
});
