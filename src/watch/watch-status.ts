import type { OutputFormat } from "../config/schema.js";
import type { Context } from "../core/context.js";
import type { ExitCodeValue } from "../core/exit-codes.js";
import type { RunView } from "../model/run.js";
import { statusKind, unknownStatusWarning } from "../model/status.js";
import { JsonLines } from "./json-lines.js";
import { LineLog } from "./line-log.js";
import { LiveView } from "./live-view.js";
import { endError } from "./poll-engine.js";
import {
  type PolledRun,
  type WatchObserver,
  type WatchOptions,
  type WatchOutcome,
  watchRun,
} from "./poll-loop.js";
import { summaryLine } from "./summary.js";
import { FrameWriter } from "./terminal.js";

/**
 * `status --watch`: picks how to show the watch (live view, CI log, JSON lines, or nothing until the
 * end), runs the poll loop, prints the final result, and always gives the terminal back.
 */

export interface WatchRequest extends WatchOptions {
  output: OutputFormat;
  jsonLines: boolean;
  quiet: boolean;
  fetchRun: (runId: string | undefined) => Promise<PolledRun>;
  /** The status table, sized to the terminal's width at the time of the call; with `fit`, that many rows at most. */
  renderTable: (run: RunView, fit?: { rows: number }) => string;
  /** What one-shot `status` prints for the chosen output format. */
  renderFinal: (polled: PolledRun) => string | Uint8Array;
}

/** How often the live view redraws between polls (spinner, countdown, resizes). */
const TICK_MS = 250;

type Mode = "live" | "lines" | "document" | "json-lines" | "quiet";

function chooseMode(request: WatchRequest, ctx: Context): Mode {
  if (request.jsonLines) return "json-lines";
  if (request.quiet) return "quiet";
  if (request.output !== "table") return "document";
  return ctx.terminal.live ? "live" : "lines";
}

/** The run's document, table or markdown is printed at the end only when the run was seen to a stop. */
function finalRun(outcome: WatchOutcome): PolledRun | undefined {
  return outcome.reason === "finished" || outcome.reason === "fail-fast" || outcome.reason === "timeout"
    ? outcome.last
    : undefined;
}

function warnUnknownStatusOnce(observer: WatchObserver, ctx: Context): WatchObserver {
  let warned = false;
  return {
    update: (update) => {
      if (!warned && statusKind(update.run.status) === "unknown") {
        warned = true;
        ctx.io.err.write(unknownStatusWarning(update.run.status));
      }
      observer.update(update);
    },
    failure: (failure) => observer.failure(failure),
    waiting: (run) => observer.waiting(run),
  };
}

export async function watchStatus(request: WatchRequest, ctx: Context): Promise<ExitCodeValue> {
  const mode = chooseMode(request, ctx);
  const { terminal } = ctx;
  const { unicode } = terminal;
  const { out, err } = ctx.io;
  const frames = new FrameWriter(out);
  const live = new LiveView(frames, out, {
    now: ctx.now,
    unicode,
    renderRun: request.renderTable,
    columns: () => terminal.width(),
    rows: () => terminal.rows(),
  });
  const jsonLines = new JsonLines(out, err, ctx.now);
  const lineOptions = {
    now: ctx.now,
    unicode,
    intervalMs: request.intervalMs,
    printRun: request.renderTable,
  };
  const observers: Record<Mode, WatchObserver> = {
    live,
    lines: new LineLog(out, lineOptions),
    // Beside a document on stdout, the log goes to stderr and never repeats the run whole.
    document: new LineLog(err, { ...lineOptions, printRun: undefined }),
    "json-lines": jsonLines,
    // --quiet: nothing until the end, not even notes about failed polls or waits; errors still end it loudly.
    quiet: { update: () => {}, failure: () => {}, waiting: () => {} },
  };

  const sleep = async (ms: number) => {
    if (mode !== "live") return ctx.sleep(ms, ctx.signal);
    // Counted in slices, not read off the clock, so a clock that stands still cannot spin here.
    for (let left = ms; left > 0; left -= TICK_MS) {
      await ctx.sleep(Math.min(TICK_MS, left), ctx.signal);
      live.tick();
    }
  };

  let outcome: WatchOutcome;
  const stopListening = mode === "live" ? terminal.onResize(() => live.resize()) : undefined;
  try {
    outcome = await watchRun(
      request,
      { fetchRun: request.fetchRun, now: ctx.now, sleep, signal: ctx.signal },
      warnUnknownStatusOnce(observers[mode], ctx),
    );
    const summary = summaryLine(outcome, { unicode, now: ctx.now() });
    const final = finalRun(outcome);
    switch (mode) {
      case "live":
        live.finish(summary);
        break;
      case "lines":
        out.write(`${summary}\n`);
        break;
      case "json-lines":
        jsonLines.end(outcome);
        break;
      case "document":
      case "quiet":
        if (final) out.write(request.renderFinal(final));
        // The summary line belongs with the table; beside a document it goes to stderr.
        (request.output === "table" ? out : err).write(`${summary}\n`);
        break;
    }
  } finally {
    stopListening?.();
    live.restore();
  }

  const error = endError(outcome);
  if (error) throw error;
  return outcome.exitCode;
}
