import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningSimulator } from "../../src/simulator/index.js";
import {
  allSteps,
  authed,
  type Doc,
  detail,
  detailPath,
  idOf,
  post,
  stageLine,
  startTestSimulator,
  T0,
} from "./http.js";
import { REFERENCE_EXAMPLE } from "./reference-example.js";

let sim: RunningSimulator;
let clock: Awaited<ReturnType<typeof startTestSimulator>>["clock"];

beforeAll(async () => {
  ({ sim, clock } = await startTestSimulator());
});
afterAll(() => sim.close());

function jsonType(value: unknown): string {
  if (value === null) return "null";
  return Array.isArray(value) ? "array" : typeof value;
}

/** Error messages are null when there is no error (the reference example's job has one). */
const NULL_WHEN_ABSENT = /\.message$/;

/** Every field of `reference` is in `actual`, with the same JSON type unless the reference has null. */
function missingOrMistyped(reference: Doc, actual: Doc, path = "$"): string[] {
  if (jsonType(reference) === "null") return [];
  if (actual === null && NULL_WHEN_ABSENT.test(path)) return [];
  if (jsonType(reference) !== jsonType(actual))
    return [`${path}: ${jsonType(actual)} instead of ${jsonType(reference)}`];
  if (Array.isArray(reference)) {
    if (reference.length === 0) return [];
    return actual.length === 0
      ? [`${path}: empty`]
      : missingOrMistyped(reference[0], actual[0], `${path}[0]`);
  }
  if (typeof reference !== "object") return [];
  return Object.keys(reference).flatMap((key) =>
    key in actual
      ? missingOrMistyped(reference[key], actual[key], `${path}.${key}`)
      : [`${path}.${key}: missing`],
  );
}

describe("run detail: the reference shape", () => {
  it("has every field of the reference example, with the same types", async () => {
    const reference = JSON.parse(REFERENCE_EXAMPLE);
    const document = await detail(sim, "web");
    expect(missingOrMistyped(reference, document)).toEqual([]);
    // The job in the reference has no steps; check a step of ours against the entry step's fields.
    const stepFields = Object.keys(reference.stages[0].pre[0]);
    expect(Object.keys(document.stages[0].jobs[0].steps[0])).toEqual(stepFields);
  });

  it("adds the table-only fields: detail_url, current_system_time, group, exec_id, build_params sources", async () => {
    const document = await detail(sim, "web");
    expect(document.current_system_time).toBe(T0);
    expect(document.detail_url).toBe(
      `https://devcloud.cn-north-4.huaweicloud.com/cicd/project/${sim.projectId}/pipeline/detail/${document.pipeline_id}/${document.id}?v=1`,
    );
    expect(document).toHaveProperty("group_id");
    expect(document).toHaveProperty("group_name");
    expect(document.stages[0].jobs[0].exec_id).toMatch(/^[0-9a-f]{32}$/);
    expect(Object.keys(document.sources[0].params.build_params)).toEqual(
      expect.arrayContaining(["source_codehub_id", "source_codehub_url", "source_codehub_http_url"]),
    );
    expect(document.artifacts[0]).toEqual({
      name: "web-portal-1.4.0.tgz",
      packageType: "npm",
      version: "1.4.0",
      downloadUrl: expect.stringMatching(/^https:\/\//),
    });
  });

  it("is served as pretty-printed JSON with the CodeArts content type", async () => {
    const answer = await authed(sim, detailPath(sim, idOf(sim, "web")));
    expect(answer.headers["content-type"]).toBe("application/json;charset=UTF-8");
    expect(answer.body.startsWith('{\n  "id" : "')).toBe(true);
    expect(answer.body).toContain('"depends_on" : [ ]');
  });

  it("gives every run, stage, job and step a 32-hex id and epoch-ms times", async () => {
    const document = await detail(sim, "web");
    const ids = [
      document.id,
      ...document.stages.map((s: Doc) => s.id),
      ...allSteps(document).map((s: Doc) => s.id),
    ];
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{32}$/);
    expect(new Set(ids).size).toBe(ids.length);
    expect(document.start_time).toBeLessThan(document.end_time);
    expect(document.end_time).toBeLessThan(T0);
  });
});

describe("run detail: each scenario's run", () => {
  it("web COMPLETED before now, with a Push trigger and parallel Test jobs, entry and exit steps", async () => {
    const document = await detail(sim, "web");
    expect(document.status).toBe("COMPLETED");
    expect(document.trigger_type).toBe("Push");
    expect(document.sources[0].params.build_params).toMatchObject({
      event_type: "Push",
      target_branch: "main",
    });
    expect(document.sources[0].params.build_params.commit_id).toMatch(/^[0-9a-f]{40}$/);
    expect(stageLine(document)).toBe("Build:COMPLETED Test:COMPLETED Deploy:COMPLETED");
    const test = document.stages[1];
    expect(test.jobs).toHaveLength(2);
    expect(test.jobs[0].start_time).toBe(test.jobs[1].start_time);
    expect(test.pre[0].task).toBe("official_devcloud_autoTrigger");
    expect(test.post).toHaveLength(1);
    expect(document.stages[0].jobs[0].steps.length).toBeGreaterThan(2);
  });

  it("api FAILED: the test step carries the error, its job and stage FAILED, Deploy never ran", async () => {
    const document = await detail(sim, "api");
    expect(document.status).toBe("FAILED");
    expect(stageLine(document)).toBe("Build:COMPLETED Test:FAILED Deploy:INIT");
    const failedJob = document.stages[1].jobs.find((job: Doc) => job.status === "FAILED");
    const failedStep = failedJob.steps.find((step: Doc) => step.status === "FAILED");
    expect(failedStep.message).toBe("npm test exited with code 1: 3 tests failed");
    expect(failedJob.message).toBe(failedStep.message);
    expect(failedJob.steps.at(-1).status).toBe("INIT");
    const deploy = document.stages[2];
    expect([deploy.start_time, deploy.end_time, deploy.jobs[0].status]).toEqual([0, 0, "INIT"]);
    expect(document.end_time).toBeLessThan(T0);
  });

  it("docs CANCELED part-way: running work CANCELED, later stages INIT", async () => {
    const document = await detail(sim, "docs");
    expect(document.status).toBe("CANCELED");
    expect(stageLine(document)).toBe("Build:COMPLETED Test:CANCELED Deploy:INIT");
    expect(document.end_time).toBeLessThan(T0);
  });

  it("hotfix ended IGNORED, its unstarted Deploy stage IGNORED too", async () => {
    const document = await detail(sim, "hotfix");
    expect(document.status).toBe("IGNORED");
    expect(stageLine(document)).toBe("Build:COMPLETED Test:COMPLETED Deploy:IGNORED");
  });

  it("mobile is RUNNING at start and for about an hour, then COMPLETED", async () => {
    expect((await detail(sim, "mobile")).status).toBe("RUNNING");
    clock.set(T0 + 55 * 60_000);
    expect((await detail(sim, "mobile")).status).toBe("RUNNING");
    clock.set(T0 + 65 * 60_000);
    const finished = await detail(sim, "mobile");
    clock.set(T0);
    expect(finished.status).toBe("COMPLETED");
  });

  it("release is PAUSED at a manual review: the review step RUNNING, its job and stage PAUSED", async () => {
    clock.set(T0 + 6 * 60 * 60_000);
    const document = await detail(sim, "release");
    clock.set(T0);
    expect(document.status).toBe("PAUSED");
    expect(stageLine(document)).toBe(
      "Build:COMPLETED Deploy to staging:COMPLETED Approval:PAUSED Deploy to production:INIT",
    );
    const review = document.stages[2].jobs[0];
    expect(review.status).toBe("PAUSED");
    expect(review.steps[0]).toMatchObject({
      task: "official_devcloud_manualReview",
      status: "RUNNING",
      end_time: 0,
    });
    expect(document.end_time).toBe(0);
  });

  it("nightly: the latest of 25 scheduled runs COMPLETED, every older run retrievable by id", async () => {
    const latest = await detail(sim, "nightly");
    expect(latest.status).toBe("COMPLETED");
    expect(latest.run_number).toBe(25);
    expect(latest.trigger_type).toBe("Scheduler");
    const list = JSON.parse(
      (
        await post(sim, `/v5/${sim.projectId}/api/pipelines/${idOf(sim, "nightly")}/pipeline-runs/list`, {
          limit: 100,
        })
      ).body,
    );
    const oldest = list.pipeline_runs.at(-1);
    const byId = await detail(sim, "nightly", oldest.pipeline_run_id);
    expect(byId).toMatchObject({ id: oldest.pipeline_run_id, run_number: 1, status: oldest.status });
    const outcomes = new Set(list.pipeline_runs.map((run: Doc) => run.status));
    expect(outcomes.has("COMPLETED") && outcomes.has("FAILED")).toBe(true);
  });

  it("empty: a pipeline with no runs answers 404 DEVPIPE.00011410", async () => {
    const answer = await authed(sim, detailPath(sim, idOf(sim, "empty")));
    expect(answer.status).toBe(404);
    expect(JSON.parse(answer.body)).toEqual({
      error_code: "DEVPIPE.00011410",
      error_msg: expect.any(String),
    });
  });
});

describe("run detail: the demo run progresses with the clock", () => {
  it("moves from INIT/QUEUED through RUNNING to COMPLETED in about 30 s", async () => {
    const at = async (seconds: number) => {
      clock.set(T0 + seconds * 1000);
      return detail(sim, "demo");
    };
    const start = await at(0);
    expect(start.status).toBe("RUNNING");
    expect(start.start_time).toBe(T0);
    expect(stageLine(start)).toBe("Build:RUNNING Test:INIT Deploy:INIT");

    const queued = await at(0.3);
    expect(queued.stages[0].jobs[0].status).toBe("QUEUED");
    expect(queued.stages[0].jobs[0].start_time).toBe(0);

    const building = await at(5);
    expect(building.stages[0].jobs[0].status).toBe("RUNNING");
    expect(building.stages[0].jobs[0].steps.map((s: Doc) => s.status)).toEqual([
      "COMPLETED",
      "RUNNING",
      "INIT",
      "INIT",
    ]);

    const testing = await at(15);
    expect(stageLine(testing)).toBe("Build:COMPLETED Test:RUNNING Deploy:INIT");
    expect(testing.stages[1].jobs.map((j: Doc) => j.status)).toEqual(["RUNNING", "RUNNING"]);

    const deploying = await at(27);
    expect(stageLine(deploying)).toBe("Build:COMPLETED Test:COMPLETED Deploy:RUNNING");
    expect(deploying.end_time).toBe(0);

    const done = await at(35);
    clock.set(T0);
    expect(done.status).toBe("COMPLETED");
    expect(stageLine(done)).toBe("Build:COMPLETED Test:COMPLETED Deploy:COMPLETED");
    expect(done.end_time - done.start_time).toBeGreaterThan(20_000);
    expect(done.end_time - done.start_time).toBeLessThan(40_000);
    expect(done.current_system_time).toBe(T0 + 35_000);
  });

  it("runs `speed` times faster, reporting clock-frame times", async () => {
    const fast = await startTestSimulator({ speed: 10 });
    try {
      fast.clock.set(T0 + 3_500);
      const document = await detail(fast.sim, "demo");
      expect(document.status).toBe("COMPLETED");
      expect(document.end_time).toBeLessThanOrEqual(T0 + 3_500);
    } finally {
      await fast.sim.close();
    }
  });
});

describe("run detail: by run id, and the errors", () => {
  it("answers a given run id with that run, not the latest", async () => {
    const runs = JSON.parse(
      (await post(sim, `/v5/${sim.projectId}/api/pipelines/${idOf(sim, "web")}/pipeline-runs/list`, {})).body,
    ).pipeline_runs;
    const failed = runs.find((run: Doc) => run.status === "FAILED");
    const document = await detail(sim, "web", failed.pipeline_run_id);
    expect(document).toMatchObject({ id: failed.pipeline_run_id, status: "FAILED", run_number: 2 });
  });

  it("answers 404 for an unknown run id and 400 for a malformed one", async () => {
    const unknown = await authed(sim, detailPath(sim, idOf(sim, "web"), "0".repeat(32)));
    expect(unknown.status).toBe(404);
    expect(JSON.parse(unknown.body).error_code).toBe("DEVPIPE.00011402");
    const malformed = await authed(sim, detailPath(sim, idOf(sim, "web"), "abc"));
    expect(malformed.status).toBe(400);
    expect(JSON.parse(malformed.body).error_code).toBe("DEVPIPE.00011100");
  });

  it("answers 404 DEVPIPE.00011401 for an unknown pipeline, 400 for a malformed one", async () => {
    const unknown = await authed(sim, detailPath(sim, "f".repeat(32)));
    expect([unknown.status, JSON.parse(unknown.body).error_code]).toEqual([404, "DEVPIPE.00011401"]);
    const malformed = await authed(sim, detailPath(sim, "web"));
    expect(malformed.status).toBe(400);
  });

  it("tells a wrong project apart from a pipeline of another project", async () => {
    const otherProject = "a".repeat(32);
    const mismatch = await authed(
      sim,
      `/v5/${otherProject}/api/pipelines/${idOf(sim, "web")}/pipeline-runs/detail`,
    );
    expect([mismatch.status, JSON.parse(mismatch.body).error_code]).toEqual([400, "DEVPIPE.00011136"]);
    const unknown = await authed(
      sim,
      `/v5/${otherProject}/api/pipelines/${"b".repeat(32)}/pipeline-runs/detail`,
    );
    expect([unknown.status, JSON.parse(unknown.body).error_code]).toEqual([404, "DEVPIPE.00011412"]);
  });
});

describe("run detail: schema drift", () => {
  it("the drift pipeline shows every drift of reference §6", async () => {
    const document = await detail(sim, "drift");
    expect(document.current_system_time).toBe(String(T0));
    expect(document.pause_time).toBe(0);
    expect(document.concurrency_strategy).toBe("queue");
    expect(document.artifacts[0]).toHaveProperty("packageType");
    expect(document.artifacts[0]).toHaveProperty("downloadUrl");
    const [first, second] = document.stages;
    expect(first.pause_time).toBe(0);
    expect(first.post).toBeNull();
    expect(first.depends_on).toBeNull();
    expect(first.pre[0].status).toBe("NEW_STATUS");
    expect(second.jobs.map((job: Doc) => job.async)).toEqual([false, "false"]);
    const step = first.jobs[0].steps[0];
    expect(step.endpoint_ids).toBe("");
    expect(step.multi_step_editable).toBe(false);
    expect(step.daily_build_number).toBe("20250114.3");
    expect(document.status).toBe("COMPLETED");
  });

  it("a drift fault gives any pipeline's document the same drift", async () => {
    sim.setFaults([{ kind: "drift", pipeline: "web", times: 1 }]);
    const drifted = await detail(sim, "web");
    const plain = await detail(sim, "web");
    sim.setFaults([]);
    expect(drifted.current_system_time).toBe(String(T0));
    expect(drifted.stages[0].pre[0].status).toBe("NEW_STATUS");
    expect(plain.current_system_time).toBe(T0);
  });
});
