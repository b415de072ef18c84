import type { OutputFormat } from "../config/schema.js";
import type { Context } from "../context.js";
import { ApiError, UsageError } from "../errors.js";
import { ExitCode, type ExitCodeValue } from "../exit-codes.js";
import { requireId } from "../model/ids.js";
import type { RunView } from "../model/run.js";
import { exitCodeForRunStatus, statusKind } from "../model/status.js";
import { renderRunJunit, renderRunMarkdown, renderRunTable } from "../render/index.js";
import { sanitizeText } from "../render/sanitize.js";
import { decideColorLevel, supportsUnicode } from "../render/style.js";
import { watchStatus } from "../watch/watch-status.js";
import { openInBrowser } from "./open-browser.js";
import { readRun } from "./read-run.js";
import { resolvePipeline } from "./resolve-pipeline.js";
import { type GlobalOptions, loadSettings, openApi } from "./session.js";

export interface StatusOptions extends GlobalOptions {
  pipeline: string;
  run?: string;
  compact: boolean;
  steps: boolean;
  color: boolean;
  /** Print the run's page in CodeArts (and open it) instead of the table. */
  web?: boolean;
  /** Follow the run until it ends (`--watch` and its flags); absent: one look. */
  watch?: StatusWatchOptions;
}

export interface StatusWatchOptions {
  intervalMs: number;
  timeoutMs?: number;
  failFast: boolean;
  quiet: boolean;
  jsonLines: boolean;
}

function shellWord(word: string): string {
  return /^[\w.-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

function nextCommandsFor(run: RunView, pipelineReference: string): string[] {
  if (statusKind(run.status) !== "failed" || run.id === undefined) return [];
  const pipeline = shellWord(sanitizeText(pipelineReference));
  const runId = sanitizeText(run.id);
  return [
    `codearts-run logs ${pipeline} --run ${runId} --failed`,
    `codearts-run status ${pipeline} --run ${runId} --json`,
  ];
}

/** What `--json` prints: the bytes as received, ending with a newline. */
function documentBytes(raw: Buffer): Buffer {
  return raw.at(-1) === 0x0a ? raw : Buffer.concat([raw, Buffer.from("\n")]);
}

function render(
  run: RunView,
  output: OutputFormat,
  options: StatusOptions,
  pipelineReference: string,
  ctx: Context,
) {
  if (output === "markdown") return renderRunMarkdown(run, { timeStyle: "iso", now: ctx.now() });
  if (output === "junit") return renderRunJunit(run);
  const isTTY = ctx.io.stdoutIsTTY;
  return renderRunTable(run, {
    colorLevel: decideColorLevel({ env: ctx.env, isTTY, noColorFlag: !options.color }),
    // A terminal that reports no size (0 columns, e.g. a bare pseudo-terminal) is treated as piped.
    columns: ctx.io.columns() || undefined,
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
  if (options.web && options.watch) {
    throw new UsageError(
      "--web cannot be combined with --watch",
      "open the run with --web, or follow it with --watch",
    );
  }
  const settings = await loadSettings(options, ctx);
  const session = openApi(settings, options, ctx);
  try {
    const projectId = session.connection.projectId.value;
    const pipeline = await resolvePipeline(options.pipeline, settings.pipelines, session.api, projectId);
    const output = settings.output.value;
    const fetchRun = async (id: string | undefined) => {
      const answer = await session.api.getRunDetail({ projectId, pipelineId: pipeline.id, runId: id });
      return { run: readRun(answer.document, answer.requestId), raw: answer.raw };
    };

    if (options.watch) {
      // One session, so every poll goes over the same keep-alive connection.
      return await watchStatus(
        {
          ...options.watch,
          runId,
          output,
          fetchRun,
          renderTable: (run) => render(run, "table", options, pipeline.reference, ctx),
          renderFinal: ({ run, raw }) =>
            output === "json" ? documentBytes(raw) : render(run, output, options, pipeline.reference, ctx),
        },
        ctx,
      );
    }

    const { run, raw } = await fetchRun(runId);
    if (options.web) {
      if (!run.detailUrl) throw new ApiError("the run has no detail_url to open", ExitCode.ApiFailure);
      const url = sanitizeText(run.detailUrl);
      ctx.io.out.write(`${url}\n`);
      if (ctx.io.stdoutIsTTY && openInBrowser(url, ctx))
        ctx.io.err.write("Opening the run in your browser.\n");
    } else if (output === "json") {
      ctx.io.out.write(documentBytes(raw));
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
