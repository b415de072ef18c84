/** The CodeArts Pipeline v5 calls: routing, validation and the answers built from the world. */
import { scenarioNow, toClock } from "./clock.js";
import { momentOf, runDetailDocument, runSummary } from "./documents.js";
import { applyDrift } from "./drift.js";
import { LOG_DEFAULT_LIMIT, LOG_MAX_LIMIT, type LogPageRequest, pageLog, stepLogLines } from "./logs.js";
import { badParameter, codeArtsError, ErrorCodes, jsonResponse, type SimResponse } from "./responses.js";
import { type SimPipelineModel, type SimRunModel, visibleRuns, type World } from "./world.js";

export interface RouteContext {
  world: World;
  query: URLSearchParams;
  body: Buffer;
  clockNow: number;
  /** A `drift` fault applies to this answer. */
  drift: boolean;
  /** The server serves at most this many items (pipelines, runs, log lines) per page, whatever is asked. */
  maxPageItems?: number;
}

export type Handler = (ctx: RouteContext, params: string[]) => SimResponse;

interface Route {
  method: "GET" | "POST";
  pattern: RegExp;
  handle: Handler;
}

export const ID = /^[0-9a-zA-Z]{32}$/;
const MAX_PAGE = 100;
const DEFAULT_PAGE = 10;

export function findPipeline(world: World, idOrName: string): SimPipelineModel | undefined {
  return world.pipelines.find((p) => p.id === idOrName || p.name === idOrName);
}

/** The pipeline id a path is about, for faults scoped to one pipeline. */
export function pipelineIdInPath(path: string): string | undefined {
  return /^\/v5\/[^/]+\/api\/pipelines\/([^/]+)\//.exec(path)?.[1];
}

export function scenarioMs(ctx: RouteContext): number {
  return scenarioNow(ctx.world.frame, ctx.clockNow);
}

/** Checks ids and ownership; answers with the error the service gives, or undefined when all is well. */
export function checkScope(world: World, projectId: string, pipelineId?: string): SimResponse | undefined {
  if (!ID.test(projectId)) return badParameter("project_id must be 32 letters or digits");
  if (pipelineId !== undefined && !ID.test(pipelineId))
    return badParameter("pipeline_id must be 32 letters or digits");
  const pipeline = pipelineId === undefined ? undefined : world.pipelines.find((p) => p.id === pipelineId);
  if (projectId !== world.projectId) {
    return pipeline
      ? codeArtsError(400, ErrorCodes.projectMismatch, "The project ID does not match the pipeline.")
      : codeArtsError(404, ErrorCodes.projectNotFound, `The project ${projectId} does not exist.`);
  }
  if (pipelineId !== undefined && !pipeline) {
    return codeArtsError(404, ErrorCodes.pipelineNotFound, `The pipeline ${pipelineId} does not exist.`);
  }
  return undefined;
}

export function requirePipeline(world: World, pipelineId: string): SimPipelineModel {
  const pipeline = world.pipelines.find((p) => p.id === pipelineId);
  if (!pipeline) throw new Error(`checkScope let an unknown pipeline through: ${pipelineId}`);
  return pipeline;
}

export function parseBody(body: Buffer): { value: unknown } | { error: SimResponse } {
  const text = body.toString("utf8").trim();
  if (text === "") return { value: {} };
  try {
    return { value: JSON.parse(text) };
  } catch {
    return { error: badParameter("the request body is not valid JSON") };
  }
}

export function asObject(value: unknown): Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}

function readInteger(
  body: Record<string, unknown>,
  key: string,
  fallback: number,
  min: number,
  max: number,
): number | SimResponse {
  const value = body[key] ?? fallback;
  if (typeof value !== "number" || !Number.isInteger(value) || value < min || value > max) {
    return badParameter(`${key} must be an integer from ${min} to ${max}`);
  }
  return value;
}

function readPaging(body: Record<string, unknown>): { offset: number; limit: number } | SimResponse {
  const offset = readInteger(body, "offset", 0, 0, Number.MAX_SAFE_INTEGER);
  if (typeof offset !== "number") return offset;
  const limit = readInteger(body, "limit", DEFAULT_PAGE, 1, MAX_PAGE);
  if (typeof limit !== "number") return limit;
  return { offset, limit };
}

/** How many items a page holds: as asked, unless the server serves shorter pages. */
function served(ctx: RouteContext, limit: number): number {
  return Math.min(limit, ctx.maxPageItems ?? limit);
}

function latestRun(pipeline: SimPipelineModel, now: number): SimRunModel | undefined {
  return visibleRuns(pipeline, now).at(-1);
}

const runDetail: Handler = (ctx, [projectId = "", pipelineId = ""]) => {
  const refusal = checkScope(ctx.world, projectId, pipelineId);
  if (refusal) return refusal;
  const pipeline = requirePipeline(ctx.world, pipelineId);
  const now = scenarioMs(ctx);
  const runId = ctx.query.get("pipeline_run_id");
  if (runId !== null && !ID.test(runId)) return badParameter("pipeline_run_id must be 32 letters or digits");
  const run =
    runId === null ? latestRun(pipeline, now) : visibleRuns(pipeline, now).find((r) => r.id === runId);
  if (!run) {
    return runId === null
      ? codeArtsError(404, ErrorCodes.noRuns, `The pipeline ${pipeline.id} has no run records.`)
      : codeArtsError(404, ErrorCodes.runNotFound, `The pipeline run ${runId} does not exist.`);
  }
  const document = runDetailDocument(momentOf(ctx.world, pipeline, run, now), ctx.clockNow);
  return jsonResponse(200, ctx.drift || pipeline.plan.drift ? applyDrift(document) : document);
};

const listPipelines: Handler = (ctx, [projectId = ""]) => {
  const refusal = checkScope(ctx.world, projectId);
  if (refusal) return refusal;
  const parsed = parseBody(ctx.body);
  if ("error" in parsed) return parsed.error;
  const body = asObject(parsed.value);
  const paging = readPaging(body);
  if ("status" in paging) return paging;
  const name = typeof body.name === "string" ? body.name.toLowerCase() : "";
  const now = scenarioMs(ctx);
  const matching = ctx.world.pipelines.filter((p) => p.name.toLowerCase().includes(name));
  return jsonResponse(200, {
    offset: paging.offset,
    limit: paging.limit,
    total: matching.length,
    pipelines: matching.slice(paging.offset, paging.offset + served(ctx, paging.limit)).map((pipeline) => {
      const run = latestRun(pipeline, now);
      return {
        pipeline_id: pipeline.id,
        name: pipeline.name,
        project_id: ctx.world.projectId,
        component_id: "",
        is_publish: false,
        is_collect: false,
        manifest_version: "3.0",
        create_time: toClock(ctx.world.frame, pipeline.createdAt),
        latest_run: run ? runSummary(momentOf(ctx.world, pipeline, run, now), { stageIds: true }) : null,
      };
    }),
  });
};

const listRuns: Handler = (ctx, [projectId = "", pipelineId = ""]) => {
  const refusal = checkScope(ctx.world, projectId, pipelineId);
  if (refusal) return refusal;
  const pipeline = requirePipeline(ctx.world, pipelineId);
  const parsed = parseBody(ctx.body);
  if ("error" in parsed) return parsed.error;
  const body = asObject(parsed.value);
  const paging = readPaging(body);
  if ("status" in paging) return paging;
  if (
    body.status !== undefined &&
    !(Array.isArray(body.status) && body.status.every((s) => typeof s === "string"))
  ) {
    return badParameter("status must be an array of strings");
  }
  const wanted = (body.status as string[] | undefined) ?? [];
  const now = scenarioMs(ctx);
  const newestFirst = visibleRuns(pipeline, now).reverse();
  const ordered = body.sort_dir === "asc" ? newestFirst.reverse() : newestFirst;
  const summaries = ordered
    .map((run) => runSummary(momentOf(ctx.world, pipeline, run, now), { stageIds: true }))
    .filter((summary) => wanted.length === 0 || wanted.includes(summary.status));
  return jsonResponse(200, {
    offset: paging.offset,
    limit: paging.limit,
    total: summaries.length,
    pipeline_runs: summaries.slice(paging.offset, paging.offset + served(ctx, paging.limit)),
  });
};

/**
 * "Only the data with execution records is returned": unknown ids and pipelines that never ran are
 * left out, and the items (`PipelineLatestRun`) carry no pipeline name.
 */
const statusBatch: Handler = (ctx, [projectId = ""]) => {
  const refusal = checkScope(ctx.world, projectId);
  if (refusal) return refusal;
  const parsed = parseBody(ctx.body);
  if ("error" in parsed) return parsed.error;
  const ids = parsed.value;
  if (!Array.isArray(ids) || !ids.every((id) => typeof id === "string" && ID.test(id))) {
    return badParameter("the body must be a JSON array of 32-character pipeline ids");
  }
  const now = scenarioMs(ctx);
  return jsonResponse(
    200,
    ids.flatMap((id) => {
      const pipeline = ctx.world.pipelines.find((p) => p.id === id);
      const run = pipeline && latestRun(pipeline, now);
      return pipeline && run
        ? [runSummary(momentOf(ctx.world, pipeline, run, now), { stageIds: false })]
        : [];
    }),
  );
};

/** `limit` and `sort` are mandatory (the page's Table 3); the offsets are optional Longs. */
function readLogRequest(body: Record<string, unknown>): LogPageRequest | SimResponse {
  if (body.limit === undefined || body.limit === null) return badParameter("limit is mandatory");
  if (body.sort === undefined || body.sort === null) return badParameter("sort is mandatory");
  const limit = readInteger(body, "limit", LOG_DEFAULT_LIMIT, 1, LOG_MAX_LIMIT);
  if (typeof limit !== "number") return limit;
  const offsets: { start_offset?: number; end_offset?: number } = {};
  for (const key of ["start_offset", "end_offset"] as const) {
    if (body[key] === undefined || body[key] === null) continue;
    const value = readInteger(body, key, 0, 0, Number.MAX_SAFE_INTEGER);
    if (typeof value !== "number") return value;
    offsets[key] = value;
  }
  const sort = body.sort;
  if (sort !== "asc" && sort !== "desc") return badParameter('sort must be "asc" or "desc"');
  return { ...offsets, limit, sort };
}

const stepLog: Handler = (ctx, [projectId = "", pipelineId = "", runId = "", jobId = "", stepId = ""]) => {
  const refusal = checkScope(ctx.world, projectId, pipelineId);
  if (refusal) return refusal;
  const pipeline = requirePipeline(ctx.world, pipelineId);
  const now = scenarioMs(ctx);
  const run = visibleRuns(pipeline, now).find((r) => r.id === runId);
  if (!run) return codeArtsError(404, ErrorCodes.runNotFound, `The pipeline run ${runId} does not exist.`);
  const job = run.stages.flatMap((stage) => stage.jobs).find((j) => j.id === jobId);
  const step = job?.steps.find((s) => s.id === stepId);
  if (!step)
    return codeArtsError(404, ErrorCodes.logNotFound, `No step ${stepId} in job ${jobId} of this run.`);
  const parsed = parseBody(ctx.body);
  if ("error" in parsed) return parsed.error;
  const request = readLogRequest(asObject(parsed.value));
  if ("status" in request) return request;
  const lines = stepLogLines(ctx.world, run, step, now - run.startAt);
  return jsonResponse(200, pageLog(lines, request, step.id, ctx.maxPageItems));
};

const PROJECT = "/v5/([^/]+)/api/pipelines";
const RUNS = `${PROJECT}/([^/]+)/pipeline-runs`;

const ROUTES: Route[] = [
  { method: "POST", pattern: new RegExp(`^${PROJECT}/list$`), handle: listPipelines },
  { method: "POST", pattern: new RegExp(`^${PROJECT}/status$`), handle: statusBatch },
  { method: "GET", pattern: new RegExp(`^${RUNS}/detail$`), handle: runDetail },
  { method: "POST", pattern: new RegExp(`^${RUNS}/list$`), handle: listRuns },
  {
    method: "POST",
    pattern: new RegExp(`^${RUNS}/([^/]+)/jobs/([^/]+)/steps/([^/]+)/logs$`),
    handle: stepLog,
  },
];

export interface MatchedRoute {
  handle: Handler;
  params: string[];
}

export function matchCodeArtsRoute(method: string, path: string): MatchedRoute | undefined {
  for (const route of ROUTES) {
    const match = route.method === method ? route.pattern.exec(path) : null;
    if (match) return { handle: route.handle, params: match.slice(1).map(decodeSegment) };
  }
  return undefined;
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
