import { stripVTControlCharacters } from "node:util";
import type { RunView } from "../model/run.js";
import { type StatusKind, statusKind } from "../model/status.js";
import { displayWidth, ellipsisFor, truncateToWidth } from "../text/text-width.js";
import { COUNTED_KINDS, countRun, type LevelCount } from "./run-counts.js";
import { PIPED_COLUMNS, type RenderOptions, renderHeader, renderRunTable } from "./run-table.js";
import { chosenRows, type RunNode, type TreeRow, visibleRows } from "./run-tree.js";
import { statusPaint } from "./status-style.js";
import { createChalk } from "./style.js";
import { renderTreeTable } from "./tree-table.js";

/**
 * The run for a live view that must fit the terminal: the whole table when it fits; otherwise the
 * title, what is running, waiting or failed with its parents, one "… N more (completed)" line per
 * kind of what is left out, and the counts in one line. Whatever is drawn taller than the screen
 * would scroll away and leave a copy in the scrollback at every redraw.
 */

/** What a short view always shows: what needs a person's eye. */
const WORTH_A_ROW: ReadonlySet<StatusKind> = new Set(["running", "waiting", "failed", "unknown"]);

const KIND_WORDS: ReadonlyArray<[StatusKind, string]> = [
  ["success", "completed"],
  ["failed", "failed"],
  ["running", "running"],
  ["waiting", "waiting"],
  ["pending", "not started"],
  ["canceled", "canceled"],
  ["skipped", "skipped"],
  ["unknown", "in another state"],
];

/** How many terminal rows `lines` take at `columns` wide (long lines wrap). */
export function terminalRows(lines: readonly string[], columns: number): number {
  return lines.reduce(
    (rows, line) => rows + Math.max(1, Math.ceil(displayWidth(stripVTControlCharacters(line)) / columns)),
    0,
  );
}

function linesOf(text: string): string[] {
  return text.replace(/\n$/, "").split("\n");
}

function kindCounts(rows: readonly TreeRow[]): Map<StatusKind, number> {
  const counts = new Map<StatusKind, number>();
  for (const { node } of rows) {
    const kind = statusKind(node.status);
    counts.set(kind, (counts.get(kind) ?? 0) + 1);
  }
  return counts;
}

/** "… 12 more (completed)", then the rest left out in one line: "… 4 more (3 not started, 1 skipped)". */
function moreLines(all: Map<StatusKind, number>, shown: Map<StatusKind, number>, unicode: boolean): string[] {
  const ellipsis = unicode ? "…" : "...";
  const left = KIND_WORDS.map(([kind, words]) => ({
    kind,
    words,
    count: (all.get(kind) ?? 0) - (shown.get(kind) ?? 0),
  })).filter(({ count }) => count > 0);
  const completed = left.filter(({ kind }) => kind === "success");
  const others = left.filter(({ kind }) => kind !== "success");
  const lines = completed.map(({ count }) => `${ellipsis} ${count} more (completed)`);
  const total = others.reduce((sum, { count }) => sum + count, 0);
  if (others.length === 1) lines.push(`${ellipsis} ${total} more (${others[0]?.words})`);
  if (others.length > 1) {
    lines.push(
      `${ellipsis} ${total} more (${others.map(({ count, words }) => `${count} ${words}`).join(", ")})`,
    );
  }
  return lines;
}

/**
 * The order in which nodes earn a row in a short view: what needs a person's eye, then what comes
 * next (in the order it will run), then what is done, the most recent first.
 */
function byPriority(rows: readonly TreeRow[]): RunNode[] {
  const kindOf = (row: TreeRow) => statusKind(row.node.status);
  const worth = rows.filter((row) => WORTH_A_ROW.has(kindOf(row)));
  const next = rows.filter((row) => kindOf(row) === "pending");
  const rest = rows.filter((row) => !WORTH_A_ROW.has(kindOf(row)) && kindOf(row) !== "pending").reverse();
  return [...worth, ...next, ...rest].map((row) => row.node);
}

/** "Stages 4 (1 failed) · Jobs 8 (1 running) · Steps 10": the counts footer in one line. */
function countsLine(run: RunView, options: RenderOptions, width: number): string {
  const chalk = createChalk(options.colorLevel);
  const level = (noun: string, count: LevelCount) => {
    const details = COUNTED_KINDS.filter((kind) => count[kind] > 0).map((kind) =>
      statusPaint(kind, chalk)(`${count[kind]} ${kind}`),
    );
    return `${noun} ${count.total}${details.length > 0 ? ` (${details.join(", ")})` : ""}`;
  };
  const counts = countRun(run);
  const line = [
    level("Stages", counts.stages),
    level("Jobs", counts.jobs),
    level("Steps", counts.steps),
  ].join(options.unicode ? " · " : ", ");
  return displayWidth(stripVTControlCharacters(line)) <= width
    ? line
    : truncateToWidth(stripVTControlCharacters(line), width, ellipsisFor(options.unicode));
}

/** `renderRunTable` within `maxRows` terminal rows. Ends with a newline. */
export function renderRunFitted(run: RunView, options: RenderOptions, maxRows: number): string {
  const full = renderRunTable(run, options);
  const width = options.columns ?? PIPED_COLUMNS;
  if (terminalRows(linesOf(full), width) <= maxRows) return full;

  const chalk = createChalk(options.colorLevel);
  const header = linesOf(renderHeader(run, options, width, chalk));
  const title = header[0] ?? "";
  const showSteps = options.showSteps ?? true;
  const everyRow = visibleRows(run, { showSteps });
  const all = kindCounts(everyRow);
  const worthCount = everyRow.filter(({ node }) => WORTH_A_ROW.has(statusKind(node.status))).length;
  // The `count` nodes that earn a row first, with their parents; a message's first line only: the
  // whole of it is in the table printed when the watch ends.
  const rowsFor = (count: number) =>
    chosenRows(run, { showSteps }, (rows) => new Set(byPriority(rows).slice(0, count))).map((row) => ({
      ...row,
      node: { ...row.node, message: row.node.message?.split("\n")[0] },
    }));
  const tree = (rows: TreeRow[]) =>
    rows.length === 0
      ? []
      : linesOf(renderTreeTable(rows, { ...options, width, clock: run.serverTime ?? options.now }, chalk));
  const summary = countsLine(run, options, width);
  const frame = (count: number, head: string[]) => {
    const rows = rowsFor(count);
    return [...head, ...tree(rows), ...moreLines(all, kindCounts(rows), options.unicode), summary];
  };
  const fits = (lines: string[]) => terminalRows(lines, width) <= maxRows;
  /** The most nodes that fit under `head` (a row's message may take several lines): binary search. */
  const mostThatFit = (head: string[]) => {
    let low = 0;
    // Each node takes a row at least: more than maxRows never fit (and a huge run stays cheap).
    let high = Math.min(everyRow.length, maxRows);
    while (low < high) {
      const middle = Math.ceil((low + high) / 2);
      if (fits(frame(middle, head))) low = middle;
      else high = middle - 1;
    }
    return low;
  };

  // The whole header when it leaves room for everything worth a row; else the title line alone.
  const withHeader = mostThatFit(header);
  const head = withHeader >= worthCount ? header : [title];
  const low = head === header ? withHeader : mostThatFit(head);
  const chosen = frame(low, head);
  if (fits(chosen)) return `${chosen.join("\n")}\n`;
  // A terminal too short even for that: the title, then the counts, then what "more" lines fit.
  const more = chosen.slice(head.length, -1);
  const counts = fits([title, summary]) ? [summary] : [];
  const shown: string[] = [];
  for (const line of more) if (fits([title, ...shown, line, ...counts])) shown.push(line);
  return `${[title, ...shown, ...counts].slice(0, Math.max(1, maxRows)).join("\n")}\n`;
}
