import type { RunView } from "../model/run.js";
import { statusKind } from "../model/status.js";
import { elapsedMs } from "../render/elapsed.js";
import { describeRun } from "../render/run-header.js";
import { statusLabel } from "../render/status-style.js";
import { formatDuration } from "../render/time-format.js";
import { sanitizeText } from "../text/sanitize.js";
import type { WatchOutcome } from "./poll-loop.js";
import { activeItems, firstFailure, pathLabel } from "./transitions.js";

/** The one line a watch ends with, and the small phrases the views share. */

export interface SummaryStyle {
  unicode: boolean;
  now: number;
}

/** "demo #1", sanitised. */
export function runTitle(run: RunView, unicode: boolean): string {
  return describeRun(run, { timeStyle: "iso", now: 0, unicode }).title;
}

/** "✓", "✗", "●": the status symbol alone. */
export function statusSymbol(status: string, unicode: boolean): string {
  const label = statusLabel(status, unicode);
  return label.slice(0, label.indexOf(" "));
}

function runDuration(run: RunView, now: number): string {
  const ms = elapsedMs(run, run.serverTime ?? now);
  if (ms === undefined) return "";
  return run.endTime === undefined ? ` (${formatDuration(ms)} so far)` : ` in ${formatDuration(ms)}`;
}

/** "at Test › Unit tests › Run tests (+1 more)": where a run that has not finished is. */
function whereNow(run: RunView, unicode: boolean): string {
  const [first, ...others] = activeItems(run);
  if (first === undefined) return "";
  return ` at ${pathLabel(first, unicode)}${others.length > 0 ? ` (+${others.length} more)` : ""}`;
}

/** "api #3 RUNNING (2m 10s so far) at Test › Unit tests": a run's state in one line. */
export function stateOf(run: RunView, style: SummaryStyle): string {
  const status = sanitizeText(run.status);
  return `${runTitle(run, style.unicode)} ${status}${runDuration(run, style.now)}${whereNow(run, style.unicode)}`;
}

function describe(outcome: WatchOutcome, style: SummaryStyle): string {
  const last = outcome.last?.run;
  switch (outcome.reason) {
    case "finished": {
      const run = outcome.last.run;
      const failure = statusKind(run.status) === "failed" ? firstFailure(run) : undefined;
      const where = failure ? `: ${pathLabel(failure, style.unicode)} failed` : "";
      const title = runTitle(run, style.unicode);
      return `${statusSymbol(run.status, style.unicode)} ${title} ${sanitizeText(run.status)}${runDuration(run, style.now)}${where}`;
    }
    case "fail-fast": {
      const failure = firstFailure(outcome.last.run);
      const failed = failure ? `${pathLabel(failure, style.unicode)} FAILED` : "a step FAILED";
      return `${statusSymbol("FAILED", style.unicode)} ${stateOf(outcome.last.run, style)}; ${failed}, stopped watching (--fail-fast)`;
    }
    case "timeout":
      return last
        ? `${statusSymbol(last.status, style.unicode)} ${stateOf(last, style)}; stopped watching at --timeout`
        : "no answer from the service before --timeout";
    case "interrupted":
      return last ? `interrupted: ${stateOf(last, style)}` : "interrupted before the first answer";
    case "gave-up":
    case "error":
      return last ? `stopped watching: ${stateOf(last, style)} when last seen` : "stopped watching";
  }
}

/** " · " between the parts of a status line; ", " in ASCII. */
export function separator(unicode: boolean): string {
  return unicode ? " · " : ", ";
}

/** "✓ demo #1 COMPLETED in 30s · exit 0" ("+ demo #1 COMPLETED in 30s, exit 0" in ASCII) */
export function summaryLine(outcome: WatchOutcome, style: SummaryStyle): string {
  return `${describe(outcome, style)}${separator(style.unicode)}exit ${outcome.exitCode}`;
}
