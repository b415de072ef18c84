import { describe, expect, it } from "vitest";
import { CodeArtsApi } from "../../src/api/codearts.js";
import { tokenAuthenticator } from "../../src/auth/token.js";
import { ApiError } from "../../src/core/errors.js";
import { type FakeHttp, fakeHttp } from "../auth/fakes.js";

const PROJECT = "54f90b75fc1447b1b65e8d3a9f77923d";
const PIPELINE = "e5460d1d403146a1935c2d4b68ef506c";
const RUN = "25adfa6784124cfc9b9274ceaecf9957";

function api(http: FakeHttp): CodeArtsApi {
  const auth = tokenAuthenticator({ kind: "token", token: { value: "t0ken", source: "CODEARTS_TOKEN" } });
  return new CodeArtsApi(http, new URL("https://pipeline.example.com/prefix"), auth);
}

function bodyOf(http: FakeHttp, index: number): unknown {
  return JSON.parse(http.sent[index]?.body ?? "null");
}

async function collect(pages: AsyncIterable<string>): Promise<string[]> {
  const all: string[] = [];
  for await (const page of pages) all.push(page);
  return all;
}

describe("CodeArtsApi.listRuns", () => {
  it("asks for one page newest first, as a retryable read, and keeps each run object as sent", async () => {
    const run = { pipeline_run_id: RUN, status: "FAILED", run_number: 3, future_field: { x: [1] } };
    const http = fakeHttp().answer(200, { offset: 0, limit: 2, total: 7, pipeline_runs: [run, "junk"] });
    const page = await api(http).listRuns({
      projectId: PROJECT,
      pipelineId: PIPELINE,
      statuses: ["FAILED"],
      offset: 0,
      limit: 2,
    });
    expect(page).toEqual({ total: 7, runs: [run] });
    const sent = http.sent[0];
    expect(sent?.method).toBe("POST");
    expect(sent?.idempotent).toBe(true);
    expect(sent?.url.pathname).toBe(`/prefix/v5/${PROJECT}/api/pipelines/${PIPELINE}/pipeline-runs/list`);
    expect(sent?.headers["X-Auth-Token"]).toBe("t0ken");
    expect(bodyOf(http, 0)).toEqual({
      status: ["FAILED"],
      offset: 0,
      limit: 2,
      sort_key: "start_time",
      sort_dir: "desc",
    });
  });

  it("sends no status filter when none is asked for, and reads a null list as no runs", async () => {
    const http = fakeHttp().answer(200, { offset: 0, limit: 10, total: 0, pipeline_runs: null });
    const page = await api(http).listRuns({ projectId: PROJECT, pipelineId: PIPELINE, offset: 0, limit: 10 });
    expect(page).toEqual({ total: 0, runs: [] });
    expect(bodyOf(http, 0)).not.toHaveProperty("status");
  });

  it("turns a pipeline-not-found answer into exit code 4", async () => {
    const http = fakeHttp().answer(
      404,
      { error_code: "DEVPIPE.00011401", error_msg: "no such pipeline" },
      { "X-Request-Id": "req-1" },
    );
    const error = await api(http)
      .listRuns({ projectId: PROJECT, pipelineId: PIPELINE, offset: 0, limit: 10 })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).exitCode).toBe(4);
    expect((error as ApiError).message).toMatch(/could not list the pipeline's runs: pipeline not found/);
  });
});

describe("CodeArtsApi.stepLog", () => {
  const query = {
    projectId: PROJECT,
    pipelineId: PIPELINE,
    runId: RUN,
    jobRunId: "job1",
    stepRunId: "step1",
    pageSize: 2,
  };

  it("yields every page, asking from where the last one ended, until has_more is false", async () => {
    const http = fakeHttp()
      .answer(200, { log: "a\nb\n", has_more: true, start_offset: 0, end_offset: 2, step_run_id: "step1" })
      .answer(200, { log: "c\nd\n", has_more: true, start_offset: 2, end_offset: 4, step_run_id: "step1" })
      .answer(200, { log: "e\n", has_more: false, start_offset: 4, end_offset: 5, step_run_id: "step1" });
    expect(await collect(api(http).stepLog(query))).toEqual(["a\nb\n", "c\nd\n", "e\n"]);
    expect(http.sent.map((_, i) => bodyOf(http, i))).toEqual([
      { start_offset: 0, limit: 2, sort: "asc" },
      { start_offset: 2, limit: 2, sort: "asc" },
      { start_offset: 4, limit: 2, sort: "asc" },
    ]);
    expect(http.sent[0]?.url.pathname).toBe(
      `/prefix/v5/${PROJECT}/api/pipelines/${PIPELINE}/pipeline-runs/${RUN}/jobs/job1/steps/step1/logs`,
    );
    expect(http.sent.every((r) => r.method === "POST" && r.idempotent === true)).toBe(true);
  });

  it("hands each page over before asking for the next, so the caller can stream it", async () => {
    const http = fakeHttp()
      .answer(200, { log: "first\n", has_more: true, end_offset: 1 })
      .answer(200, { log: "second\n", has_more: false, end_offset: 2 });
    const pages = api(http).stepLog(query);
    expect((await pages.next()).value).toBe("first\n");
    expect(http.sent).toHaveLength(1);
    expect((await pages.next()).value).toBe("second\n");
    expect((await pages.next()).done).toBe(true);
  });

  it("reads a null log as an empty page", async () => {
    const http = fakeHttp().answer(200, { log: null, has_more: false });
    expect(await collect(api(http).stepLog(query))).toEqual([""]);
  });

  it("pages with the string offsets the service documents, from the position it chose", async () => {
    const http = fakeHttp()
      .answer(200, { log: "a\nb\n", has_more: true, start_offset: "6132", end_offset: "6140" })
      .answer(200, { log: "c\n", has_more: false, start_offset: "6140", end_offset: "6144" });
    expect(await collect(api(http).stepLog(query))).toEqual(["a\nb\n", "c\n"]);
    expect([bodyOf(http, 0), bodyOf(http, 1)]).toEqual([
      { start_offset: 0, limit: 2, sort: "asc" },
      { start_offset: 6140, limit: 2, sort: "asc" },
    ]);
  });

  it("stops, without asking forever, when more is promised but the offset does not move, is missing, or the page is empty", async () => {
    for (const page of [
      { log: "a\n", has_more: true, start_offset: "0", end_offset: "0" },
      { log: "a\n", has_more: true },
      { log: "a\n", has_more: true, end_offset: "soon" },
      { log: "", has_more: true, end_offset: "99" },
    ]) {
      const http = fakeHttp().answer(200, page);
      expect(await collect(api(http).stepLog(query))).toEqual([page.log]);
      expect(http.sent).toHaveLength(1);
    }
  });
});
