import { outputFor } from "../command-kit/output.js";
import type { Context } from "../core/context.js";
import { CliError } from "../core/errors.js";
import { ExitCode, type ExitCodeValue, interruptExitCode } from "../core/exit-codes.js";
import type { Fields } from "../model/run.js";
import type { RunSummaryView } from "../model/run-summary.js";
import { exitCodeForRunStatus } from "../model/status.js";
import { formatDuration, formatIso } from "../render/index.js";
import { renderRunsTable } from "../render/runs-table.js";
import { decideColorLevel, supportsUnicode } from "../render/style.js";
import { type GlobalOptions, loadSettings, openApi } from "../session/session.js";
import { sanitizeText } from "../text/sanitize.js";
import { exitCodeOfEnd, isSettled, type LatestChange, watchLatest } from "../watch/many.js";
import { fitManyFrame } from "../watch/many-frame.js";
import { DEFAULT_MAX_FAILURES } from "../watch/schedule.js";
import { FrameWriter } from "../watch/terminal.js";
import { isCi } from "../watch/watch-status.js";
import { ManyPipelines } from "./status-many-rows.js";

/**
 * `codearts-run status web api docs` and `status --all`: one line per pipeline with its latest
 * run, from the latest-status-of-many API (one request for all of them), optionally watched until
 * every one has finished. The exit code is the worst of them: FAILED (1) over CANCELED/IGNORED (6)
 * over COMPLETED or still going (0); a pipeline that never ran counts as 0, one that does not
 * exist is exit 4 (see status-many-rows.ts).
 */

export interface StatusManyOptions extends GlobalOptions {
  pipelines: string[];
  all: boolean;
  color: boolean;
  watch?: { intervalMs: number; timeoutMs?: number; failFast?: boolean };
}

/** How bad each run outcome is, for "the worst of them". */
const SEVERITY: Partial<Record<ExitCodeValue, number>> = {
  [ExitCode.Ok]: 0,
  [ExitCode.RunNotSuccessful]: 1,
  [ExitCode.RunFailed]: 2,
};

export function worstExitCode(runs: RunSummaryView[]): ExitCodeValue {
  return runs
    .map((run) => (run.id === undefined ? ExitCode.Ok : exitCodeForRunStatus(run.status)))
    .reduce<ExitCodeValue>(
      (worst, code) => ((SEVERITY[code] ?? 0) > (SEVERITY[worst] ?? 0) ? code : worst),
      ExitCode.Ok,
    );
}

export async function runStatusMany(options: StatusManyOptions, ctx: Context): Promise<ExitCodeValue> {
  const settings = await loadSettings(options, ctx);
  const session = openApi(settings, options, ctx);
  try {
    const many = new ManyPipelines(session.api, session.connection.projectId.value);
    const targets = options.all
      ? await many.everyPipeline()
      : await many.resolve(options.pipelines, settings.pipelines);
    if (targets.length === 0) {
      ctx.io.err.write("The project has no pipelines.\n");
      return ExitCode.Ok;
    }
    let raw: Fields[] = [];
    // The answer has no current_system_time: its Date header is the server's clock.
    let serverTime: number | undefined;
    const fetchLatest = async () => {
      const latest = await many.latest(targets);
      raw = latest.raw;
      serverTime = latest.serverTime;
      return latest.rows;
    };

    const isTTY = ctx.io.stdoutIsTTY;
    const table = (runs: RunSummaryView[]) =>
      renderRunsTable(runs, {
        withPipeline: true,
        colorLevel: decideColorLevel({ env: ctx.env, isTTY, noColorFlag: !options.color }),
        columns: ctx.io.columns() || undefined,
        timeStyle: isTTY ? "relative" : "iso",
        now: ctx.now(),
        serverTime,
        unicode: supportsUnicode(ctx.env),
      });
    const output = outputFor("pipelines", settings.output.value);
    const markdown = output === "markdown" && (await import("../render/runs-markdown.js"));
    const finish = (runs: RunSummaryView[]) =>
      ctx.io.out.write(
        output === "json"
          ? `${JSON.stringify(raw, null, 2)}\n`
          : markdown
            ? markdown.renderRunsMarkdown(runs, { now: ctx.now() })
            : table(runs),
      );

    if (!options.watch) {
      const runs = await fetchLatest();
      finish(runs);
      return worstExitCode(runs);
    }
    return await watchMany(options.watch, fetchLatest, table, finish, output !== "table", ctx);
  } finally {
    await session.close();
  }
}

async function watchMany(
  watch: NonNullable<StatusManyOptions["watch"]>,
  fetchLatest: () => Promise<RunSummaryView[]>,
  table: (runs: RunSummaryView[]) => string,
  finish: (runs: RunSummaryView[]) => void,
  /** The final output is for a machine (JSON, markdown): progress goes to stderr, no live view. */
  json: boolean,
  ctx: Context,
): Promise<ExitCodeValue> {
  const live = !json && ctx.io.stdoutIsTTY && !isCi(ctx.env) && ctx.env.TERM !== "dumb";
  const frames = new FrameWriter(ctx.io.out);
  // Progress lines go where they do not mix with the data: stderr when stdout carries JSON.
  const log = json ? ctx.io.err : ctx.io.out;
  const unicode = supportsUnicode(ctx.env);
  const describe = ({ run, from }: LatestChange) =>
    `${formatIso(ctx.now())}  ${sanitizeText(run.pipelineName ?? run.pipelineId ?? "?")}${
      run.runNumber === undefined ? "" : ` #${run.runNumber}`
    } ${from && from !== run.status ? `${sanitizeText(from)} ${unicode ? "→" : "->"} ` : ""}${sanitizeText(run.status)}\n`;
  let redraw = () => {};
  const stopListening = live ? ctx.io.onResize?.(() => redraw()) : undefined;
  try {
    const end = await watchLatest(
      watch,
      {
        fetchLatest,
        now: ctx.now,
        sleep: (ms) => ctx.sleep(ms, ctx.signal),
        signal: ctx.signal,
      },
      {
        update: (runs, changes, nextPollAt) => {
          if (live && nextPollAt !== undefined) {
            redraw = () => {
              const waiting = runs.filter((run) => !isSettled(run)).length;
              const next = formatDuration(Math.max(0, nextPollAt - ctx.now()));
              const status = `${waiting} still running${unicode ? " · " : ", "}next poll in ${next}`;
              frames.draw(
                fitManyFrame(
                  table(runs).trimEnd().split("\n"),
                  status,
                  { columns: ctx.io.columns(), rows: ctx.io.rows?.() },
                  unicode,
                ),
              );
            };
            redraw();
          } else if (!live) {
            for (const change of changes) log.write(describe(change));
          }
        },
        failure: (error, failures) => ctx.io.err.write(`note: ${error.message} (failed poll ${failures})\n`),
      },
    );
    // The final table is printed on the normal screen, once, to stay in the scrollback.
    frames.release();
    if (end.runs) finish(end.runs);
    if (end.reason === "error") throw end.error;
    if (end.reason === "gave-up") {
      throw new CliError(
        `gave up watching after ${DEFAULT_MAX_FAILURES} failed polls in a row; the last: ${end.error.message}`,
        ExitCode.ApiFailure,
        end.error.hint,
      );
    }
    if (end.reason === "fail-fast")
      ctx.io.err.write("stopped watching at the first FAILED run (--fail-fast)\n");
    if (end.reason === "timeout")
      ctx.io.err.write("stopped watching at --timeout; some runs have not finished\n");
    if (end.reason === "interrupted") {
      ctx.io.err.write("interrupted\n");
      return interruptExitCode(ctx.signal);
    }
    return exitCodeOfEnd(end, worstExitCode);
  } finally {
    stopListening?.();
    frames.restore();
  }
}
