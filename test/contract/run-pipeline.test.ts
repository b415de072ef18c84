import { readFile } from "node:fs/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CodeArtsApi } from "../../src/api/codearts.js";
import { tokenAuthenticator } from "../../src/auth/token.js";
import { createManualClock, type RunningSimulator, startSimulator } from "../../src/simulator/index.js";
import { fakeHttp } from "../auth/fakes.js";
import { loadFixture } from "./fixtures.js";

/**
 * RunPipeline and StopPipelineRun against their published bodies (see run-pipeline.README.md): the
 * simulator takes the documented request, and the client reads the documented answers.
 */

const fixture = async (name: string) => readFile(new URL(name, import.meta.url), "utf8");

let sim: RunningSimulator;
beforeAll(async () => {
  sim = await startSimulator({ clock: createManualClock(Date.UTC(2026, 10, 28, 12)) });
});
afterAll(async () => {
  await sim.close();
});

function api(http: ReturnType<typeof fakeHttp>): CodeArtsApi {
  const auth = tokenAuthenticator({ kind: "token", token: { value: "t0ken", source: "CODEARTS_TOKEN" } });
  return new CodeArtsApi(http, new URL("https://pipeline.example.com"), auth);
}

describe("RunPipeline", () => {
  it("the simulator starts a run from the documented example request, with its branch and variables", async () => {
    const web = sim.pipeline("web");
    const base = `${sim.url}/v5/${sim.projectId}/api/pipelines/${web.id}`;
    const headers = { "X-Auth-Token": sim.token, "Content-Type": "application/json" };
    const started = await fetch(`${base}/run`, {
      method: "POST",
      headers,
      body: await fixture("run-pipeline.request.json"),
    });
    expect(started.status).toBe(200);
    const answer = (await started.json()) as Record<string, unknown>;
    expect(Object.keys(answer)).toEqual(
      Object.keys(loadFixture("run-pipeline").body as Record<string, unknown>),
    );
    expect(answer.pipeline_run_id).toMatch(/^[0-9a-f]{32}$/);
    const detail = await fetch(`${base}/pipeline-runs/detail?pipeline_run_id=${answer.pipeline_run_id}`, {
      headers,
    });
    const run = (await detail.json()) as {
      sources: { params: { build_params: Record<string, unknown> } }[];
    };
    expect(run.sources[0]?.params.build_params).toMatchObject({
      build_type: "branch",
      target_branch: "master",
    });
    // Variables reach the request (checked in test/commands/run.test.ts); the detail's model has none.
    expect(run).not.toHaveProperty("variables");

    const stopped = await fetch(`${base}/pipeline-runs/${answer.pipeline_run_id}/stop`, {
      method: "POST",
      headers,
      body: "{}",
    });
    expect(await stopped.json()).toEqual(loadFixture("stop-pipeline-run").body as Record<string, unknown>);
  });

  it("the client reads the documented answer, and sends the start once, not as a retryable read", async () => {
    const documented = loadFixture("run-pipeline").body as { pipeline_run_id: string };
    const http = fakeHttp().answer(200, documented);
    const id = await api(http).startRun(
      "54f90b75fc1447b1b65e8d3a9f77923d",
      "e5460d1d403146a1935c2d4b68ef506c",
      JSON.parse(await fixture("run-pipeline.request.json")),
    );
    expect(id).toBe(documented.pipeline_run_id);
    const sent = http.sent[0];
    expect(sent?.url.pathname).toBe(
      "/v5/54f90b75fc1447b1b65e8d3a9f77923d/api/pipelines/e5460d1d403146a1935c2d4b68ef506c/run",
    );
    expect(sent?.idempotent).toBeUndefined();
    expect(sent?.retryWhenRefused).toBe(true);
  });

  it("StopPipelineRun: the client accepts the documented answer", async () => {
    const http = fakeHttp().answer(200, loadFixture("stop-pipeline-run").body as Record<string, unknown>);
    await api(http).stopRun(
      "54f90b75fc1447b1b65e8d3a9f77923d",
      "e5460d1d403146a1935c2d4b68ef506c",
      "25adfa6784124cfc9b9274ceaecf9957",
    );
    expect(http.sent[0]?.url.pathname).toBe(
      "/v5/54f90b75fc1447b1b65e8d3a9f77923d/api/pipelines/e5460d1d403146a1935c2d4b68ef506c/pipeline-runs/25adfa6784124cfc9b9274ceaecf9957/stop",
    );
  });
});
