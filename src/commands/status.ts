import { CodeArtsApi } from "../api/codearts.js";
import { createHttpClient } from "../api/http.js";
import { createAuthenticator } from "../auth/authenticator.js";
import { type ConnectionFlags, resolveConnection } from "../config/settings.js";
import type { Context } from "../context.js";
import { ApiError, UsageError } from "../errors.js";
import { ExitCode, type ExitCodeValue } from "../exit-codes.js";
import { requireId } from "../model/ids.js";
import { NotARunDocumentError, normaliseRun, type RunView } from "../model/run.js";
import { exitCodeForRunStatus, statusKind } from "../model/status.js";
import { renderRunMarkdown, renderRunTable } from "../render/index.js";
import { sanitizeText } from "../render/sanitize.js";
import { decideColorLevel, supportsUnicode } from "../render/style.js";

export type OutputFormat = "table" | "json" | "markdown";

export interface StatusOptions extends ConnectionFlags {
  pipeline: string;
  run?: string;
  output: OutputFormat;
  compact: boolean;
  steps: boolean;
  color: boolean;
  debug: boolean;
  requestTimeoutMs: number;
}

const MAX_ANSWER_BYTES = 32 * 1024 * 1024;

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

function nextCommandsFor(run: RunView, options: StatusOptions): string[] {
  if (statusKind(run.status) !== "failed" || run.id === undefined) return [];
  return [`codearts-run status ${options.pipeline} --run ${sanitizeText(run.id)} --json`];
}

/** `codearts-run status <pipeline>`: one look at a run; the exit code says how it went. */
export async function runStatus(options: StatusOptions, ctx: Context): Promise<ExitCodeValue> {
  const pipelineId = requireId(options.pipeline, "pipeline id", "the <pipeline> argument");
  const runId = options.run === undefined ? undefined : requireId(options.run, "run id", "--run");
  if (!["table", "json", "markdown"].includes(options.output)) {
    throw new UsageError(
      `unknown output format "${sanitizeText(options.output)}"`,
      "use --output table, json or markdown",
    );
  }
  const connection = resolveConnection(options, ctx.env);

  const http = createHttpClient({
    timeoutMs: options.requestTimeoutMs,
    maxBodyBytes: MAX_ANSWER_BYTES,
    signal: ctx.signal,
    now: ctx.now,
    debug: options.debug ? (line) => ctx.io.err.write(`debug: ${line}\n`) : undefined,
  });
  try {
    const api = new CodeArtsApi(http, connection.endpoint.value, createAuthenticator(connection.credentials));
    const answer = await api.getRunDetail({ projectId: connection.projectId.value, pipelineId, runId });
    const run = readRun(answer.document, answer.requestId);

    if (options.output === "json") {
      ctx.io.out.write(answer.raw);
      if (answer.raw.at(-1) !== 0x0a) ctx.io.out.write("\n");
    } else if (options.output === "markdown") {
      ctx.io.out.write(renderRunMarkdown(run, { timeStyle: "iso", now: ctx.now() }));
    } else {
      const isTTY = ctx.io.stdoutIsTTY;
      ctx.io.out.write(
        renderRunTable(run, {
          colorLevel: decideColorLevel({ env: ctx.env, isTTY, noColorFlag: !options.color }),
          columns: ctx.io.columns(),
          timeStyle: isTTY ? "relative" : "iso",
          now: ctx.now(),
          unicode: supportsUnicode(ctx.env),
          compact: options.compact,
          showSteps: options.steps,
          nextCommands: nextCommandsFor(run, options),
        }),
      );
    }
    if (statusKind(run.status) === "unknown") {
      ctx.io.err.write(
        `warning: the run has a status this version does not know ("${sanitizeText(run.status)}"); treating it as not finished\n`,
      );
    }
    return exitCodeForRunStatus(run.status);
  } finally {
    await http.close();
  }
}
