import type { Context } from "../core/context.js";
import type { ExitCodeValue } from "../core/exit-codes.js";
import type { RunSummaryView } from "../model/run-summary.js";
import { formatDuration, formatIso } from "../render/time-format.js";
import { sanitizeText } from "../text/sanitize.js";
import { describeFailure } from "./line-log.js";
import { isSettled, type LatestChange, watchLatest } from "./many.js";
import { fitManyFrame } from "./many-frame.js";
import { endError, exitCodeOfEnd } from "./poll-engine.js";
import { separator } from "./summary.js";
import { FrameWriter } from "./terminal.js";

/**
 * `status web api docs --watch` on screen: a live table redrawn in place on an interactive
 * terminal (fitted to the screen, re-fitted on resize), else one line per change; the final table
 * (or JSON) once at the end, on the normal screen so it stays in the scrollback.
 */

export interface ManyWatchRequest {
  intervalMs: number;
  timeoutMs?: number;
  failFast?: boolean;
  json: boolean;
  fetchLatest: () => Promise<RunSummaryView[]>;
  /** The table of the runs, sized to the terminal's width at the time of the call. */
  table: (runs: RunSummaryView[]) => string;
  /** Prints the final table or JSON. */
  finish: (runs: RunSummaryView[]) => void;
  /** The exit code of runs that all finished: the worst of them. */
  worst: (runs: RunSummaryView[]) => ExitCodeValue;
}

export async function watchMany(request: ManyWatchRequest, ctx: Context): Promise<ExitCodeValue> {
  const { terminal } = ctx;
  const live = !request.json && terminal.live;
  const frames = new FrameWriter(ctx.io.out);
  // Progress lines go where they do not mix with the data: stderr when stdout carries JSON.
  const log = request.json ? ctx.io.err : ctx.io.out;
  const { unicode } = terminal;
  const describe = ({ run, from }: LatestChange) =>
    `${formatIso(ctx.now())}  ${sanitizeText(run.pipelineName ?? run.pipelineId ?? "?")}${
      run.runNumber === undefined ? "" : ` #${run.runNumber}`
    } ${from && from !== run.status ? `${sanitizeText(from)} ${unicode ? "→" : "->"} ` : ""}${sanitizeText(run.status)}\n`;
  let redraw = () => {};
  const stopListening = live ? terminal.onResize(() => redraw()) : undefined;
  try {
    const end = await watchLatest(
      request,
      {
        fetchLatest: request.fetchLatest,
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
              const status = `${waiting} still running${separator(unicode)}next poll in ${next}`;
              const screen = { columns: terminal.width(), rows: terminal.rows() };
              frames.draw(fitManyFrame(request.table(runs).trimEnd().split("\n"), status, screen, unicode));
            };
            redraw();
          } else if (!live) {
            for (const change of changes) log.write(describe(change));
          }
        },
        failure: (failure) => ctx.io.err.write(`note: ${describeFailure(failure, ctx.now())}\n`),
      },
    );
    // The final table is printed on the normal screen, once, to stay in the scrollback.
    frames.release();
    if (end.last) request.finish(end.last);
    const error = endError(end);
    if (error) throw error;
    if (end.reason === "fail-fast")
      ctx.io.err.write("stopped watching at the first FAILED run (--fail-fast)\n");
    if (end.reason === "timeout")
      ctx.io.err.write("stopped watching at --timeout; some runs have not finished\n");
    if (end.reason === "interrupted") ctx.io.err.write("interrupted\n");
    return exitCodeOfEnd(end, request.worst, ctx.signal);
  } finally {
    stopListening?.();
    frames.restore();
  }
}
