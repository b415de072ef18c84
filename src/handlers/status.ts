import type { CodeArtsApi, JsonAnswer } from "../api/codearts.js";
import { serverClockText } from "../api/same-document.js";
import { checkReportPaths, type ReportOptions, wantsReport } from "../ci/report-paths.js";
import { outputFor } from "../command-kit/output.js";
import type { OutputFormat } from "../config/schema.js";
import type { Context } from "../core/context.js";
import { UsageError } from "../core/errors.js";
import type { ExitCodeValue } from "../core/exit-codes.js";
import { requireId } from "../model/ids.js";
import { epochMs, type RunView } from "../model/run.js";
import { exitCodeForRunStatus, statusKind, unknownStatusWarning } from "../model/status.js";
import { readRun } from "../session/read-run.js";
import type { ResolvedPipeline } from "../session/resolve-pipeline.js";
import { type GlobalOptions, withPipeline } from "../session/session.js";
import { sanitizeText } from "../text/sanitize.js";
import type { PolledRun } from "../watch/poll-loop.js";
import { withSpinner } from "./spinner.js";
import type { ViewOptions } from "./status-view.js";

export interface StatusOptions extends GlobalOptions, ViewOptions, ReportOptions {
  pipeline: string;
  run?: string;
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

function serverClockOf(raw: Buffer): number | undefined {
  const text = serverClockText(raw);
  if (text === undefined) return undefined;
  try {
    return epochMs(JSON.parse(text));
  } catch {
    return undefined;
  }
}

/** What `--json` prints: the bytes as received, ending with a newline. */
function documentBytes(raw: Buffer): Buffer {
  return raw.at(-1) === 0x0a ? raw : Buffer.concat([raw, Buffer.from("\n")]);
}

/**
 * The drawing code (chalk, the table renderer, the watch's views) loads only on the paths that draw:
 * `status --json` prints the bytes as received and stays near Node's start-up time.
 */
const loadView = () => import("./status-view.js");

/** `codearts-run status <pipeline>`: one look at a run; the exit code says how it went. */
export async function runStatus(options: StatusOptions, ctx: Context): Promise<ExitCodeValue> {
  const runId = options.run === undefined ? undefined : requireId(options.run, "run id", "--run");
  if (options.web && options.watch) {
    throw new UsageError(
      "--web cannot be combined with --watch",
      "open the run with --web, or follow it with --watch",
    );
  }
  await checkReportPaths(options, ctx);
  return withPipeline(
    { ...options, quietRetries: options.watch?.quiet },
    ctx,
    async ({ settings, session, projectId, pipeline }) => {
      return await showRun(
        { api: session.api, projectId, pipeline, output: outputFor("run", settings.output.value) },
        { ...options, run: runId },
        ctx,
      );
    },
  );
}

/** Where `showRun` looks: an open API session on one resolved pipeline. */
export interface RunTarget {
  api: CodeArtsApi;
  projectId: string;
  pipeline: ResolvedPipeline;
  output: OutputFormat;
}

/**
 * One look at a run, or a watch until it ends (`status`, and `run`/`stop --watch`), then the CI
 * reports of the last run seen. `options.run` is a checked id.
 */
export async function showRun(
  target: RunTarget,
  options: Omit<StatusOptions, "pipeline">,
  ctx: Context,
): Promise<ExitCodeValue> {
  const { api, projectId, pipeline, output } = target;
  const runId = options.run;
  // The watch polls the same run again and again: an answer equal to the last one (but for the
  // server clock) is neither parsed nor read again; only the clock is taken from it.
  let last: { answer: JsonAnswer; polled: PolledRun } | undefined;
  const fetchRun = async (id: string | undefined): Promise<PolledRun> => {
    const query = { projectId, pipelineId: pipeline.id, runId: id };
    const answer = await api.getRunDetail(query, last?.answer);
    const polled =
      answer.unchanged && last
        ? {
            run: { ...last.polled.run, serverTime: serverClockOf(answer.raw) },
            raw: answer.raw,
            unchanged: true,
          }
        : { run: readRun(answer.document, answer.requestId, id), raw: answer.raw };
    // Only the bytes are compared next time: the parsed document is not kept.
    last = { answer: { raw: answer.raw, document: undefined }, polled };
    return polled;
  };
  const report = async (code: ExitCodeValue) => {
    const run = last?.polled.run;
    if (run && !options.web && wantsReport(options, ctx)) {
      await (await import("../ci/report.js")).reportRun(run, pipeline.reference, options, ctx);
    }
    return code;
  };
  if (options.watch) {
    const [{ watchStatus }, { renderStatus }] = await Promise.all([
      import("../watch/watch-status.js"),
      loadView(),
    ]);
    const render = (run: RunView, format: Exclude<OutputFormat, "json">, fitRows?: number) =>
      renderStatus(run, format, { ...options, fitRows }, pipeline.reference, ctx);
    // One session, so every poll goes over the same keep-alive connection.
    const code = await watchStatus(
      {
        ...options.watch,
        runId,
        output,
        fetchRun,
        renderTable: (run, fit) => render(run, "table", fit?.rows),
        renderFinal: ({ run, raw }) => (output === "json" ? documentBytes(raw) : render(run, output)),
      },
      ctx,
    );
    return await report(code);
  }

  // A spinner only where a person waits for a table; never for --json or --web output.
  const { run, raw } =
    output === "json" || options.web
      ? await fetchRun(runId)
      : await withSpinner(ctx, "Fetching the run", () => fetchRun(runId));
  if (options.web) {
    if (!run.detailUrl) {
      const which = run.runNumber === undefined ? "the run" : `run #${run.runNumber}`;
      throw new UsageError(
        `${which} has no page to open: the service sent no detail_url for it`,
        "show the run here without --web, or open the pipeline in the CodeArts console",
      );
    }
    const url = sanitizeText(run.detailUrl);
    ctx.io.out.write(`${url}\n`);
    if (ctx.terminal.interactive && (await import("./open-browser.js")).openInBrowser(url, ctx))
      ctx.io.err.write("Opening the run in your browser.\n");
  } else if (output === "json") {
    ctx.io.out.write(documentBytes(raw));
  } else {
    const { renderStatus } = await loadView();
    ctx.io.out.write(renderStatus(run, output, options, pipeline.reference, ctx));
  }
  if (statusKind(run.status) === "unknown") {
    ctx.io.err.write(unknownStatusWarning(run.status));
  }
  return await report(exitCodeForRunStatus(run.status));
}
