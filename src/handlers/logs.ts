import type { ChalkInstance } from "chalk";
import type { CodeArtsApi } from "../api/codearts.js";
import { detectCi } from "../ci/environment.js";
import { type LogFolding, logFolding } from "../ci/log-groups.js";
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
  const pages = scope.api.stepLog({
    projectId: scope.projectId,
    pipelineId: scope.pipelineId,
    runId: scope.runId,
    jobRunId: job.id,
    stepRunId: step.id,
    pageSize: LOG_PAGE_LINES,
  });
  for await (const page of pages) {
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
  return withPipeline(options, ctx, async ({ session, projectId, pipeline }) => {
    const answer = await session.api.getRunDetail({ projectId, pipelineId: pipeline.id, runId });
    const run = readRun(answer.document, answer.requestId, runId);
    const targets = selectSteps(run, { step: options.step, failedOnly: options.failed });
    if (targets.length === 0) {
      ctx.io.err.write(`${nothingToShow(run, options)}\n`);
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
    for (const [index, target] of targets.entries()) {
      if (index > 0) ctx.io.out.write("\n");
      await printStepLog(target, String(index + 1), scope, options, ctx);
    }
    return ExitCode.Ok;
  });
}
