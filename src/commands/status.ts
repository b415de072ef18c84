import type { OutputFormat } from "../config/schema.js";
import type { Context } from "../context.js";
import { ApiError } from "../errors.js";
import { ExitCode, type ExitCodeValue } from "../exit-codes.js";
import { requireId } from "../model/ids.js";
import { NotARunDocumentError, normaliseRun, type RunView } from "../model/run.js";
import { exitCodeForRunStatus, statusKind } from "../model/status.js";
import { renderRunMarkdown, renderRunTable } from "../render/index.js";
import { sanitizeText } from "../render/sanitize.js";
import { decideColorLevel, supportsUnicode } from "../render/style.js";
import { resolvePipeline } from "./resolve-pipeline.js";
import { type GlobalOptions, loadSettings, openApi } from "./session.js";

export interface StatusOptions extends GlobalOptions {
  pipeline: string;
  run?: string;
  compact: boolean;
  steps: boolean;
  color: boolean;
}

function readRun(document: unknown, requestId: string | undefined): RunView {
  try {
    return normaliseRun(document);
  } catch (error) {
    if (!(error instanceof NotARunDocumentError)) throw error;
    throw new ApiError(
      `could not read the pipeline run: ${error.message}${requestId ? ` (request id ${sanitizeText(requestId)})` : ""}`,
      ExitCode.ApiFailure,
      { requestId },
      "the service answered with something other than a run; try again, or look at it with --json",
    );
  }
}

function shellWord(word: string): string {
  return /^[\w.-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

function nextCommandsFor(run: RunView, pipelineReference: string): string[] {
  if (statusKind(run.status) !== "failed" || run.id === undefined) return [];
  return [
    `codearts-run status ${shellWord(sanitizeText(pipelineReference))} --run ${sanitizeText(run.id)} --json`,
  ];
}

function render(
  run: RunView,
  output: OutputFormat,
  options: StatusOptions,
  pipelineReference: string,
  ctx: Context,
) {
  if (output === "markdown") return renderRunMarkdown(run, { timeStyle: "iso", now: ctx.now() });
  const isTTY = ctx.io.stdoutIsTTY;
  return renderRunTable(run, {
    colorLevel: decideColorLevel({ env: ctx.env, isTTY, noColorFlag: !options.color }),
    columns: ctx.io.columns(),
    timeStyle: isTTY ? "relative" : "iso",
    now: ctx.now(),
    unicode: supportsUnicode(ctx.env),
    compact: options.compact,
    showSteps: options.steps,
    nextCommands: nextCommandsFor(run, pipelineReference),
  });
}

/** `codearts-run status <pipeline>`: one look at a run; the exit code says how it went. */
export async function runStatus(options: StatusOptions, ctx: Context): Promise<ExitCodeValue> {
  const runId = options.run === undefined ? undefined : requireId(options.run, "run id", "--run");
  const settings = await loadSettings(options, ctx);
  const session = openApi(settings, options, ctx);
  try {
    const projectId = session.connection.projectId.value;
    const pipeline = await resolvePipeline(options.pipeline, settings.pipelines, session.api, projectId);
    const answer = await session.api.getRunDetail({ projectId, pipelineId: pipeline.id, runId });
    const run = readRun(answer.document, answer.requestId);
    const output = settings.output.value;

    if (output === "json") {
      ctx.io.out.write(answer.raw);
      if (answer.raw.at(-1) !== 0x0a) ctx.io.out.write("\n");
    } else {
      ctx.io.out.write(render(run, output, options, pipeline.reference, ctx));
    }
    if (statusKind(run.status) === "unknown") {
      ctx.io.err.write(
        `warning: the run has a status this version does not know ("${sanitizeText(run.status)}"); treating it as not finished\n`,
      );
    }
    return exitCodeForRunStatus(run.status);
  } finally {
    await session.close();
  }
}
