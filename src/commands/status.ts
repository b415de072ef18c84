import type { JsonAnswer } from "../api/codearts.js";
import { serverClockText } from "../api/same-document.js";
import type { OutputFormat } from "../config/schema.js";
import type { Context } from "../context.js";
import { ApiError, UsageError } from "../errors.js";
import { ExitCode, type ExitCodeValue } from "../exit-codes.js";
import { requireId } from "../model/ids.js";
import { epochMs, type RunView } from "../model/run.js";
import { exitCodeForRunStatus, statusKind, unknownStatusWarning } from "../model/status.js";
import { sanitizeText } from "../render/sanitize.js";
import type { PolledRun } from "../watch/poll-loop.js";
import { readRun } from "./read-run.js";
import { resolvePipeline } from "./resolve-pipeline.js";
import { type GlobalOptions, loadSettings, openApi } from "./session.js";
import { withSpinner } from "./spinner.js";
import type { ViewOptions } from "./status-view.js";

export interface StatusOptions extends GlobalOptions, ViewOptions {
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
  const settings = await loadSettings(options, ctx);
  const session = openApi(settings, options, ctx);
  try {
    const projectId = session.connection.projectId.value;
    const pipeline = await resolvePipeline(options.pipeline, settings.pipelines, session.api, projectId);
    const output = settings.output.value;
    // The watch polls the same run again and again: an answer equal to the last one (but for the
    // server clock) is neither parsed nor read again; only the clock is taken from it.
    let last: { answer: JsonAnswer; polled: PolledRun } | undefined;
    const fetchRun = async (id: string | undefined): Promise<PolledRun> => {
      const query = { projectId, pipelineId: pipeline.id, runId: id };
      const answer = await session.api.getRunDetail(query, last?.answer);
      const polled =
        answer.unchanged && last
          ? {
              run: { ...last.polled.run, serverTime: serverClockOf(answer.raw) },
              raw: answer.raw,
              unchanged: true,
            }
          : { run: readRun(answer.document, answer.requestId), raw: answer.raw };
      // Only the bytes are compared next time: the parsed document is not kept.
      last = { answer: { raw: answer.raw, document: undefined }, polled };
      return polled;
    };

    if (options.watch) {
      const [{ watchStatus }, { renderStatus }] = await Promise.all([
        import("../watch/watch-status.js"),
        loadView(),
      ]);
      const render = (run: RunView, format: Exclude<OutputFormat, "json">) =>
        renderStatus(run, format, options, pipeline.reference, ctx);
      // One session, so every poll goes over the same keep-alive connection.
      return await watchStatus(
        {
          ...options.watch,
          runId,
          output,
          fetchRun,
          renderTable: (run) => render(run, "table"),
          renderFinal: ({ run, raw }) => (output === "json" ? documentBytes(raw) : render(run, output)),
        },
        ctx,
      );
    }

    // A spinner only where a person waits for a table; never for --json or --web output.
    const { run, raw } =
      output === "json" || options.web
        ? await fetchRun(runId)
        : await withSpinner(ctx, "Fetching the run", () => fetchRun(runId));
    if (options.web) {
      if (!run.detailUrl) throw new ApiError("the run has no detail_url to open", ExitCode.ApiFailure);
      const url = sanitizeText(run.detailUrl);
      ctx.io.out.write(`${url}\n`);
      if (ctx.io.stdoutIsTTY && (await import("./open-browser.js")).openInBrowser(url, ctx))
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
    return exitCodeForRunStatus(run.status);
  } finally {
    await session.close();
  }
}
