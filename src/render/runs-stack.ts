import type { ChalkInstance } from "chalk";
import { statusKind } from "../model/status.js";
import { displayWidth, ellipsisFor, truncateToWidth } from "../text/text-width.js";
import { statusPaint } from "./status-style.js";

/**
 * Runs for a terminal too narrow for the runs table: each run is its status symbol, pipeline and
 * run number, with its timing beside them when it fits, and its other fields indented under it. A
 * field that does not fit on a line goes on to the next one, never broken inside; only a field
 * wider than the whole line is cut, with an ellipsis.
 *
 *   ✗ orders #25  FAILED · 3m 53s · 3 hours ago
 *     MergeRequest · feature/refunds · 509ad4c96f0b338f0246f5f02a24b766
 */

/** One run's texts, already cleaned; "-" (the table's empty cell) is left out. */
export interface StackedRun {
  /** The status as the server sent it, for its colour. */
  status: string;
  /** The status symbol, "✗". */
  symbol: string;
  /** "web #25", "#25", or "-" when the run has neither. */
  title: string;
  /** Status word, duration, started. */
  timing: string[];
  /** Trigger, source. */
  origin: string[];
  runId: string;
}

const INDENT = "  ";

/** Fields joined by `separator` into lines of at most `width` columns, a field cut only if it alone is wider. */
function pack(fields: readonly string[], width: number, separator: string, ellipsis: string): string[][] {
  const lines: string[][] = [];
  let line: string[] = [];
  let used = 0;
  for (const field of fields) {
    const shown = truncateToWidth(field, width, ellipsis);
    const needs = displayWidth(shown);
    if (line.length > 0 && used + separator.length + needs > width) {
      lines.push(line);
      line = [];
      used = 0;
    }
    used += (line.length > 0 ? separator.length : 0) + needs;
    line.push(shown);
  }
  if (line.length > 0) lines.push(line);
  return lines;
}

export function renderRunsStack(
  runs: readonly StackedRun[],
  width: number,
  unicode: boolean,
  chalk: ChalkInstance,
): string {
  const separator = unicode ? " · " : " - ";
  const ellipsis = ellipsisFor(unicode);
  const textWidth = Math.max(1, width - INDENT.length);
  const lines: string[] = [];
  for (const run of runs) {
    const paint = statusPaint(statusKind(run.status), chalk);
    const title = truncateToWidth(run.title, textWidth, ellipsis);
    const head = `${paint(run.symbol)} ${chalk.bold(title)}`;
    // The status word is the first timing field: coloured as the symbol is.
    const [word = "", ...rest] = run.timing;
    const timing = [paint(word), ...rest].join(separator);
    const headWidth = displayWidth(`${run.symbol} ${title}`);
    const beside = run.timing.length > 0 && headWidth + 2 + displayWidth(run.timing.join(separator)) <= width;
    // Two lines a run where they fit (timing beside the title; origin and run id under it), more
    // only where the terminal is narrower.
    lines.push(beside ? `${head}  ${timing}` : head);
    const groups = [
      { fields: beside ? [] : run.timing, paintFirst: true },
      { fields: [...run.origin, ...(run.runId === "" ? [] : [run.runId])], paintFirst: false },
    ];
    for (const { fields, paintFirst } of groups) {
      pack(fields, textWidth, separator, ellipsis).forEach((items, i) => {
        const shown = items.map((item, j) => (paintFirst && i === 0 && j === 0 ? paint(item) : item));
        lines.push(INDENT + shown.join(separator));
      });
    }
  }
  return `${lines.join("\n")}\n`;
}
