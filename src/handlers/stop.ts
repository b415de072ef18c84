import type { CodeArtsApi } from "../api/codearts.js";
import { checkReportPaths, type ReportOptions } from "../ci/report-paths.js";
import { outputFor } from "../command-kit/output.js";
import type { Context } from "../core/context.js";
import { CliError, UsageError } from "../core/errors.js";
import { ExitCode, type ExitCodeValue } from "../core/exit-codes.js";
import { isId, requireId } from "../model/ids.js";
import { statusKind } from "../model/status.js";
import { formatIso } from "../render/index.js";
import { readRun } from "../session/read-run.js";
import { refuseImpossibleReference } from "../session/resolve-pipeline.js";
import { type GlobalOptions, withPipeline } from "../session/session.js";
import { sanitizeText } from "../text/sanitize.js";
import { type StatusWatchOptions, showRun } from "./status.js";

/**
 * `codearts-run stop <pipeline> [--run <id>]`: stops a run, the latest one still going by default,
 * after showing which and (at a terminal) asking. Without a terminal to ask at, `--yes` is required.
 * With --watch it then follows the run until it has ended, and exits with its outcome (6: CANCELED).
 */

export interface StopOptions extends GlobalOptions, ReportOptions {
  pipeline: string;
  run?: string;
  yes: boolean;
  watch?: StatusWatchOptions;
  /** With --watch: --compact / --no-steps, as for `status`. */
  compact: boolean;
  steps: boolean;
}

/** Statuses of a run that has not ended: the ones a stop applies to. */
const GOING = ["RUNNING", "PAUSED", "SUSPEND", "QUEUED", "INIT"];

async function latestGoingRunId(api: CodeArtsApi, projectId: string, pipelineId: string, reference: string) {
  const page = await api.listRuns({ projectId, pipelineId, statuses: GOING, offset: 0, limit: 1 });
  const id = page.runs[0]?.pipeline_run_id;
  if (typeof id !== "string") {
    throw new CliError(
      `no run of ${reference} is going: there is nothing to stop`,
      ExitCode.NotFound,
      `its recent runs: codearts-run runs ${reference} --limit 3`,
    );
  }
  return id;
}

async function confirmed(ctx: Context): Promise<boolean> {
  ctx.io.err.write("Stop it? [y/N] ");
  const answer = (await ctx.stdin.readLine?.()) ?? "";
  return /^\s*y(es)?\s*$/i.test(answer);
}

export async function runStop(options: StopOptions, ctx: Context): Promise<ExitCodeValue> {
  const runId = options.run === undefined ? undefined : requireId(options.run, "run id", "--run");
  // A mistake in what to stop is worth saying before asking whether to stop it.
  if (!isId(options.pipeline)) refuseImpossibleReference(options.pipeline);
  if (!options.yes && (!ctx.terminal.canPrompt || !ctx.stdin.readLine)) {
    throw new UsageError(
      "stopping a run needs a confirmation, and standard input is not a terminal to ask at",
      "add --yes to stop it without asking",
    );
  }
  await checkReportPaths(options, ctx);
  const quietRetries = options.watch?.quiet;
  return withPipeline(
    { ...options, quietRetries },
    ctx,
    async ({ settings, session, projectId, pipeline }) => {
      const { api } = session;
      const reference = sanitizeText(pipeline.reference);
      const id = runId ?? (await latestGoingRunId(api, projectId, pipeline.id, reference));
      const answer = await api.getRunDetail({ projectId, pipelineId: pipeline.id, runId: id });
      const run = readRun(answer.document, answer.requestId);
      const name = `${reference}${run.runNumber === undefined ? "" : ` #${run.runNumber}`} (run ${sanitizeText(id)})`;
      const status = sanitizeText(run.status);
      // Without --watch the view is the stop itself: JSON for a script, the lines on stderr for a person.
      const json = !options.watch && outputFor("stopped", settings.output.value) === "json";
      const stopped = (done: boolean) => {
        if (json) ctx.io.out.write(`${JSON.stringify({ pipeline_run_id: id, stopped: done })}\n`);
        return ExitCode.Ok;
      };
      if (!GOING.includes(run.status) && statusKind(run.status) !== "unknown") {
        ctx.io.err.write(`${name} has already ended ${status}: nothing to stop.\n`);
        return stopped(false);
      }
      const since = run.startTime === undefined ? "" : ` since ${formatIso(run.startTime)}`;
      ctx.io.err.write(`${name} is ${status}${since}.\n`);
      if (!options.yes && !(await confirmed(ctx))) {
        ctx.io.err.write("Not stopped.\n");
        return stopped(false);
      }
      await api.stopRun(projectId, pipeline.id, id);
      ctx.io.err.write(`Asked CodeArts to stop ${name}.\n`);
      if (!options.watch) return stopped(true);
      return await showRun(
        { api, projectId, pipeline, output: outputFor("run", settings.output.value) },
        { ...options, run: id, web: false },
        ctx,
      );
    },
  );
}
