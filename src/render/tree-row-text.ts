import { elapsedMs } from "./elapsed.js";
import type { TreeGlyphs, TreeRow } from "./run-tree.js";
import { treePrefix } from "./run-tree.js";
import { statusLabel } from "./status-style.js";
import { formatDuration, formatTimestamp, type TimeStyle } from "./time-format.js";

/** The plain (uncoloured, sanitised) texts of one tree row, shared by the table and the stacked layout. */
export interface PlainRow {
  row: TreeRow;
  /** "✓ COMPLETED" */
  status: string;
  /** "│  ├─ " */
  prefix: string;
  duration: string;
  start: string;
}

export interface RowTextOptions {
  unicode: boolean;
  timeStyle: TimeStyle;
  now: number;
  /** The clock running items are measured against (the server's, when known). */
  clock: number;
}

export function plainRows(rows: TreeRow[], glyphs: TreeGlyphs, options: RowTextOptions): PlainRow[] {
  return rows.map((row) => {
    const ms = elapsedMs(row.node, options.clock);
    return {
      row,
      status: statusLabel(row.node.status, options.unicode),
      prefix: treePrefix(row, glyphs),
      duration: ms === undefined ? "-" : formatDuration(ms),
      start: formatTimestamp(row.node.startTime, options.timeStyle, options.now),
    };
  });
}

// A message is shown in full up to this many lines; past it (a log pasted into a message, or a
// hostile server) the tree would bury the run, so the rest is left to --json.
const MAX_MESSAGE_LINES = 60;

export function capLines(lines: string[]): string[] {
  if (lines.length <= MAX_MESSAGE_LINES) return lines;
  const cut = lines.length - (MAX_MESSAGE_LINES - 1);
  return [...lines.slice(0, MAX_MESSAGE_LINES - 1), `… ${cut} more lines (the whole message: --json)`];
}

/** A message's own lines, neither wrapped nor cut (for pipes: one row per line, for grep). */
export function ownLines(message: string): string[] {
  return message
    .trimEnd()
    .split("\n")
    .map((line) => line.trimEnd());
}
