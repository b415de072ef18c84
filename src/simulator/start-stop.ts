/**
 * Starting and stopping runs (reference §7 "run a pipeline", "stop a run"): a started run copies the
 * plan of the pipeline's latest run (so `web` passes, `api` fails, `docs` is canceled part-way) and
 * progresses on the simulator's clock from the moment it was started; a stop cancels it at once.
 *
 * Decisions where the official pages are silent:
 * - The answer to a stop is `{"success": true}` (the SDK's StopPipelineRunResponse).
 * - Stopping a run that has already ended is refused with 400.
 * - `choose_stages` / `choose_jobs` must name stage / job identifiers of the pipeline's latest run;
 *   they are recorded, not acted on (every stage still runs).
 * - The run detail of a started run does not show the request's `variables`: neither the detail page
 *   nor the SDK model has such a field, and the simulator sends only what the real service sends.
 *   Tests read them from `startRequests()`.
 */
import { timestampedIdentifier } from "./ids.js";
import type { RunPlan, StagePlan } from "./plan.js";
import { badParameter, codeArtsError, ErrorCodes, jsonResponse, type SimResponse } from "./responses.js";
import { asObject, checkScope, type Handler, ID, parseBody, requirePipeline, scenarioMs } from "./routes.js";
import { scheduleRun, statusAt } from "./timeline.js";
import { type SimPipelineModel, type SimRunModel, visibleRuns, type World } from "./world.js";

/** What a start request asked for, kept for tests that check what reached the service. */
export interface StartRecord {
  pipelineId: string;
  runId: string;
  body: Record<string, unknown>;
}

const MAX_DESCRIPTION = 1024;
/** The steps of a pipeline that never ran: one job that checks out and builds. */
const FIRST_RUN_STAGES: StagePlan[] = [
  {
    name: "Build",
    parallelJobs: false,
    pre: [],
    post: [],
    jobs: [
      {
        name: "Build",
        queueMs: 2000,
        resource: null,
        steps: [
          {
            name: "Build",
            task: "official_devcloud_cloudBuild",
            businessType: "Build",
            durationMs: 20_000,
            inputs: null,
            log: ["Building", "Build finished"],
          },
        ],
      },
    ],
  },
];

function idOfRun(world: World, pipeline: SimPipelineModel, runNumber: number): (label: string) => string {
  return (nodeLabel) => world.ids(`run:${pipeline.name}:${runNumber}:${nodeLabel}`);
}

interface StartBody {
  branch?: string;
  tag?: string;
  description: string | null;
}

function readStrings(body: Record<string, unknown>, key: string): string[] | SimResponse {
  const value = body[key];
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value) || !value.every((v) => typeof v === "string")) {
    return badParameter(`${key} must be an array of strings`);
  }
  return value;
}

/** Stage identifiers ("0", "1", …) and job identifiers of a run, as its detail shows them. */
function identifiers(world: World, pipeline: SimPipelineModel, run: SimRunModel | undefined) {
  return {
    choose_stages: run?.stages.map((_, i) => String(i)) ?? [],
    choose_jobs:
      run?.stages.flatMap((stage) =>
        stage.jobs.map((job) => timestampedIdentifier(pipeline.createdAt, world.ids(`${job.id}:identifier`))),
      ) ?? [],
  };
}

function readStartBody(
  body: Record<string, unknown>,
  known: ReturnType<typeof identifiers>,
): StartBody | SimResponse {
  const description = body.description ?? null;
  if (description !== null && (typeof description !== "string" || description.length > MAX_DESCRIPTION)) {
    return badParameter(`description must be a string of at most ${MAX_DESCRIPTION} characters`);
  }
  const rawVariables = body.variables ?? [];
  if (
    !Array.isArray(rawVariables) ||
    !rawVariables.every((v) => typeof v?.name === "string" && typeof v?.value === "string")
  ) {
    return badParameter("variables must be an array of {name, value} strings");
  }
  for (const key of ["choose_stages", "choose_jobs"] as const) {
    const chosen = readStrings(body, key);
    if (!Array.isArray(chosen)) return chosen;
    const unknown = chosen.find((value) => !known[key].includes(value));
    if (unknown !== undefined)
      return badParameter(`${key}: no ${key.slice(7, -1)} ${unknown} in the pipeline`);
  }
  const sources = body.sources ?? [];
  if (!Array.isArray(sources)) return badParameter("sources must be an array");
  const build = asObject(asObject(asObject(sources[0]).params).build_params);
  const branch = typeof build.target_branch === "string" ? build.target_branch : undefined;
  const tag = typeof build.tag === "string" ? build.tag : undefined;
  if (build.build_type !== undefined && build.build_type !== "branch" && build.build_type !== "tag") {
    return badParameter('build_params.build_type must be "branch" or "tag"');
  }
  return { branch, tag, description: description as string | null };
}

/** `POST …/pipelines/{pipeline_id}/run`. */
export function startRun(
  ctx: Parameters<Handler>[0],
  projectId: string,
  pipelineId: string,
  record: StartRecord[],
): SimResponse {
  const refusal = checkScope(ctx.world, projectId, pipelineId);
  if (refusal) return refusal;
  const pipeline = requirePipeline(ctx.world, pipelineId);
  const parsed = parseBody(ctx.body);
  if ("error" in parsed) return parsed.error;
  const body = asObject(parsed.value);
  const now = scenarioMs(ctx);
  const latest = visibleRuns(pipeline, now).at(-1);
  const request = readStartBody(body, identifiers(ctx.world, pipeline, latest));
  if ("status" in request) return request;

  const runNumber = (pipeline.runs.at(-1)?.runNumber ?? 0) + 1;
  const template = latest?.plan;
  const plan: RunPlan = {
    startOffsetMs: now - ctx.world.frame.t0,
    trigger: {
      type: "Manual",
      executor: "codearts-run",
      branch: request.branch ?? template?.trigger.branch ?? "main",
      ...(request.tag === undefined ? {} : { tag: request.tag }),
      commitMessage: template?.trigger.commitMessage ?? "Started through the API",
    },
    description: request.description,
    stages: template?.stages ?? FIRST_RUN_STAGES,
    stop: template?.stop,
    artifacts: template?.artifacts ?? null,
  };
  const idOf = idOfRun(ctx.world, pipeline, runNumber);
  const run: SimRunModel = {
    id: idOf("id"),
    runNumber,
    startAt: now,
    plan,
    executorId: ctx.world.ids("user:codearts-run"),
    commitId: `${idOf("commit")}${idOf("commit2").slice(0, 8)}`,
    ...scheduleRun(plan, idOf),
  };
  pipeline.runs.push(run);
  record.push({ pipelineId, runId: run.id, body });
  return jsonResponse(200, { pipeline_run_id: run.id });
}

/** `POST …/pipeline-runs/{pipeline_run_id}/stop`: ends a run CANCELED now. */
export function stopRun(
  ctx: Parameters<Handler>[0],
  projectId: string,
  pipelineId: string,
  runId: string,
): SimResponse {
  const refusal = checkScope(ctx.world, projectId, pipelineId);
  if (refusal) return refusal;
  if (!ID.test(runId)) return badParameter("pipeline_run_id must be 32 letters or digits");
  const pipeline = requirePipeline(ctx.world, pipelineId);
  const now = scenarioMs(ctx);
  const run = visibleRuns(pipeline, now).find((r) => r.id === runId);
  if (!run) return codeArtsError(404, ErrorCodes.runNotFound, `The pipeline run ${runId} does not exist.`);
  const elapsed = now - run.startAt;
  const status = statusAt(run.span, elapsed);
  if (!["RUNNING", "PAUSED", "SUSPEND", "QUEUED", "INIT"].includes(status)) {
    return codeArtsError(400, ErrorCodes.invalidParameter, `The pipeline run has already ended (${status}).`);
  }
  run.plan = { ...run.plan, stop: { kind: "cancel", afterMs: elapsed } };
  Object.assign(run, scheduleRun(run.plan, idOfRun(ctx.world, pipeline, run.runNumber)));
  return jsonResponse(200, { success: true });
}

const RUNS = "^/v5/([^/]+)/api/pipelines/([^/]+)";
const START = new RegExp(`${RUNS}/run$`);
const STOP = new RegExp(`${RUNS}/pipeline-runs/([^/]+)/stop$`);

/** The start and stop routes, beside the read routes of routes.ts; `record` collects start requests. */
export function matchStartStopRoute(
  method: string,
  path: string,
  record: StartRecord[],
): { handle: Handler; params: string[] } | undefined {
  if (method !== "POST") return undefined;
  const start = START.exec(path);
  if (start) {
    return {
      handle: (ctx, [project = "", pipeline = ""]) => startRun(ctx, project, pipeline, record),
      params: start.slice(1),
    };
  }
  const stop = STOP.exec(path);
  if (stop) {
    return {
      handle: (ctx, [project = "", pipeline = "", run = ""]) => stopRun(ctx, project, pipeline, run),
      params: stop.slice(1),
    };
  }
  return undefined;
}
