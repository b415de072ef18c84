import type { CodeArtsApi } from "../api/codearts.js";
import { isDocumentedAbsence } from "../api/service-error.js";
import { checkReportPaths, type ReportOptions } from "../ci/report-paths.js";
import { outputFor } from "../command-kit/output.js";
import type { Context } from "../core/context.js";
import { ApiError, CliError, UsageError } from "../core/errors.js";
import { ExitCode, type ExitCodeValue } from "../core/exit-codes.js";
import { readRun } from "../session/read-run.js";
import { type GlobalOptions, withPipeline } from "../session/session.js";
import { sanitizeText } from "../text/sanitize.js";
import {
  buildStartBody,
  checkChoices,
  type LatestRun,
  needsLatestRun,
  type StartChoices,
} from "./run-request.js";
import { type StatusWatchOptions, showRun } from "./status.js";

/**
 * `codearts-run run <pipeline>`: starts a run and prints its number and id, or follows it with
 * --watch exactly as `status --watch` does. Starting is not idempotent, so the start request is
 * sent once: when it fails in a way that leaves us not knowing (timeout, 5xx, lost connection),
 * we say so and how to check, rather than risk a second run.
 */

export interface RunOptions extends GlobalOptions, ReportOptions, StartChoices {
  pipeline: string;
  watch?: StatusWatchOptions;
  /** With --watch: --compact / --no-steps, as for `status`. */
  compact: boolean;
  steps: boolean;
}

function shellWord(word: string): string {
  return /^[\w.-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

/** A failure after which the run may exist: exit 5 with the command that tells. */
function maybeStarted(error: CliError, reference: string): CliError {
  const refused =
    error instanceof ApiError && error.details.httpStatus !== undefined && error.details.httpStatus < 500;
  if (error.exitCode !== ExitCode.ApiFailure || refused) return error;
  return new CliError(
    `${error.message}; the run may or may not have started, so it was not requested again`,
    ExitCode.ApiFailure,
    `check before starting it again: codearts-run runs ${shellWord(sanitizeText(reference))} --limit 3`,
  );
}

async function latestRun(
  api: CodeArtsApi,
  projectId: string,
  pipelineId: string,
  reference: string,
): Promise<LatestRun> {
  try {
    const answer = await api.getRunDetail({ projectId, pipelineId });
    return { run: readRun(answer.document, answer.requestId), document: answer.document };
  } catch (error) {
    // A pipeline or project that is not there stays exit 4; any other not-found here is the
    // latest run of a pipeline that has none (the pages document no code for that).
    const absent = error instanceof ApiError && isDocumentedAbsence(error.details.errorCode);
    if (error instanceof CliError && error.exitCode === ExitCode.NotFound && !absent) {
      throw new UsageError(
        `${sanitizeText(reference)} has never run, so its code sources, stages and jobs are not known`,
        "start it once without --branch/--tag/--commit/--stage/--job",
      );
    }
    throw error;
  }
}

export async function runStart(options: RunOptions, ctx: Context): Promise<ExitCodeValue> {
  checkChoices(options);
  await checkReportPaths(options, ctx);
  const quietRetries = options.watch?.quiet;
  return withPipeline(
    { ...options, quietRetries },
    ctx,
    async ({ settings, session, projectId, pipeline }) => {
      const { api } = session;
      const reference = sanitizeText(pipeline.reference);
      const latest = needsLatestRun(options)
        ? await latestRun(api, projectId, pipeline.id, pipeline.reference)
        : undefined;
      const body = buildStartBody(options, latest, reference);

      let runId: string;
      try {
        runId = await api.startRun(projectId, pipeline.id, body);
      } catch (error) {
        throw error instanceof CliError ? maybeStarted(error, pipeline.reference) : error;
      }

      // Without --watch the view is the started run: its id as JSON, or a line for a person.
      if (!options.watch && outputFor("started", settings.output.value) === "json") {
        ctx.io.out.write(`${JSON.stringify({ pipeline_run_id: runId })}\n`);
        return ExitCode.Ok;
      }
      const safeId = sanitizeText(runId);
      if (options.watch) {
        ctx.io.err.write(`Started ${reference} (run ${safeId})\n`);
        return await showRun(
          { api, projectId, pipeline, output: outputFor("run", settings.output.value) },
          { ...options, run: runId, web: false },
          ctx,
        );
      }
      // The number is a courtesy: a run that is not readable yet still started.
      const number = await api
        .getRunDetail({ projectId, pipelineId: pipeline.id, runId })
        .then((answer) => readRun(answer.document, answer.requestId).runNumber)
        .catch(() => undefined);
      ctx.io.out.write(`Started ${reference}${number === undefined ? "" : ` #${number}`} (run ${safeId})\n`);
      ctx.io.err.write(`Follow it: codearts-run status ${shellWord(reference)} --run ${safeId} --watch\n`);
      return ExitCode.Ok;
    },
  );
}
