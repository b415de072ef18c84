import type { ChalkInstance } from "chalk";
import type { CodeArtsApi } from "../api/codearts.js";
import { detectCi } from "../ci/environment.js";
import { type LogFolding, logFolding } from "../ci/log-groups.js";
import { type FormatOf, outputFor } from "../command-kit/output.js";
import type { Context } from "../core/context.js";
import { ApiError } from "../core/errors.js";
import { ExitCode, type ExitCodeValue } from "../core/exit-codes.js";
import { requireId } from "../model/ids.js";
import type { RunView } from "../model/run.js";
import { isTerminalRunStatus, statusKind } from "../model/status.js";
import { logHeader, logTextForTerminal } from "../render/log-text.js";
import { createChalk } from "../render/style.js";
import { readRun } from "../session/read-run.js";
import { type GlobalOptions, withPipeline } from "../session/session.js";
import { describeTarget, type LogTarget, selectSteps } from "./log-steps.js";

export interface LogsOptions extends GlobalOptions {
  pipeline: string;
  run?: string;
  step?: string;
  failed: boolean;
  raw: boolean;
  /** -o/--output or --json; absent: the configured `output` where logs speak it, else text. */
  format?: FormatOf<"logs">;
}

/** One step's log in `--json`: the log exactly as received (JSON escapes what a terminal would not show). */
interface StepLogJson {
  stage: string | null;
  job: string | null;
  step: string | null;
  status: string;
  step_run_id: string | null;
  log: string | null;
}

/** Lines asked for per request: the service's default page. */
const LOG_PAGE_LINES = 500;

interface LogScope {
  api: CodeArtsApi;
  projectId: string;
  pipelineId: string;
  runId: string;
  chalk: ChalkInstance;
  /** A GitHub group or GitLab section around each step's log, in CI. */
  folding: LogFolding;
}

function runName(run: RunView): string {
  return run.runNumber === undefined ? "the run" : `run #${run.runNumber}`;
}

/** Why nothing is printed, in the user's terms. */
function nothingToShow(run: RunView, options: LogsOptions): string {
  const jobs = run.stages.flatMap((stage) => stage.jobs);
  if (jobs.length > 0 && jobs.every((job) => job.steps.length === 0)) {
    return `the jobs of ${runName(run)} have no steps, so there is no step log to show; \`codearts-run status\` shows its stages and jobs`;
  }
  if (jobs.length === 0 && isTerminalRunStatus(run.status)) {
    return `${runName(run)} has no jobs, so there is no step log to show`;
  }
  if (statusKind(run.status) === "failed") {
    // The failure is in an entry/exit step or a job without steps: no step log to show.
    return `no job step of ${runName(run)} failed, so there is no step log to show; \`codearts-run status\` shows where the run stopped`;
  }
  return options.failed
    ? `no job step of ${runName(run)} failed`
    : `no step of ${runName(run)} has started yet`;
}

function stepPages(target: LogTarget, scope: LogScope) {
  return scope.api.stepLog({
    projectId: scope.projectId,
    pipelineId: scope.pipelineId,
    runId: scope.runId,
    jobRunId: target.job.id as string,
    stepRunId: target.step.id as string,
    pageSize: LOG_PAGE_LINES,
  });
}

/** One step as `--json` prints it; `log` is null when the service sent no id to ask for it by. */
async function stepLogJson(target: LogTarget, scope: LogScope): Promise<StepLogJson> {
  const { stage, job, step } = target;
  let log: string | null = null;
  if (job.id !== undefined && step.id !== undefined) {
    log = "";
    for await (const page of stepPages(target, scope)) log += page;
  }
  return {
    stage: stage.name ?? stage.identifier ?? null,
    job: job.name ?? job.identifier ?? null,
    step: step.name ?? step.task ?? null,
    status: step.status,
    step_run_id: step.id ?? null,
    log,
  };
}

/** Writes one step's header and its log, page by page as each arrives. */
async function printStepLog(
  target: LogTarget,
  key: string,
  scope: LogScope,
  options: LogsOptions,
  ctx: Context,
) {
  const out = ctx.io.out;
  out.write(scope.folding.open(key, describeTarget(target)));
  try {
    await printStepLogBody(target, scope, options, ctx);
  } finally {
    out.write(scope.folding.close(key));
  }
}

async function printStepLogBody(target: LogTarget, scope: LogScope, options: LogsOptions, ctx: Context) {
  const out = ctx.io.out;
  out.write(logHeader(describeTarget(target), target.step.status, scope.chalk));
  const { job, step } = target;
  if (job.id === undefined || step.id === undefined) {
    out.write("(no log: the service sent no id for this step)\n");
    return;
  }
  let endsWithNewline = true;
  let printed = false;
  for await (const page of stepPages(target, scope)) {
    if (page === "") continue;
    const text = options.raw ? page : logTextForTerminal(page);
    out.write(text);
    endsWithNewline = text.endsWith("\n");
    printed = true;
  }
  if (!printed) out.write("(no log output)\n");
  else if (!endsWithNewline) out.write("\n");
}

/** `codearts-run logs <pipeline>`: the logs of a run's steps, the failed ones by default. */
export async function runLogs(options: LogsOptions, ctx: Context): Promise<ExitCodeValue> {
  const runId = options.run === undefined ? undefined : requireId(options.run, "run id", "--run");
  return withPipeline(options, ctx, async ({ settings, session, projectId, pipeline }) => {
    const format = options.format ?? outputFor("logs", settings.output.value);
    const answer = await session.api.getRunDetail({ projectId, pipelineId: pipeline.id, runId });
    const run = readRun(answer.document, answer.requestId, runId);
    const targets = selectSteps(run, { step: options.step, failedOnly: options.failed });
    if (targets.length === 0) {
      ctx.io.err.write(`${nothingToShow(run, options)}\n`);
      if (format === "json") ctx.io.out.write("[]\n");
      return ExitCode.Ok;
    }
    // The id the service answered with: the latest run's, when no --run was given.
    const shownRunId = run.id ?? runId;
    if (shownRunId === undefined) {
      throw new ApiError("could not read the pipeline run: it has no id", ExitCode.ApiFailure, {
        requestId: answer.requestId,
      });
    }
    const chalk = createChalk(ctx.terminal.colorLevel);
    const folding = logFolding(detectCi(ctx.env, options.ciIntegration !== false), ctx);
    const scope = { api: session.api, projectId, pipelineId: pipeline.id, runId: shownRunId, chalk, folding };
    if (format === "json") {
      const steps: StepLogJson[] = [];
      for (const target of targets) steps.push(await stepLogJson(target, scope));
      ctx.io.out.write(`${JSON.stringify(steps, null, 2)}\n`);
      return ExitCode.Ok;
    }
    for (const [index, target] of targets.entries()) {
      if (index > 0) ctx.io.out.write("\n");
      await printStepLog(target, String(index + 1), scope, options, ctx);
    }
    return ExitCode.Ok;
  });
}
