import type { ChalkInstance } from "chalk";
import { statusKind } from "../model/status.js";
import { displayWidth, ellipsisFor, truncateToWidth, wrapToWidth } from "../text/text-width.js";
import { drawGrid, EMPTY_CELL, type GridCell } from "./grid.js";
import {
  ASCII_GLYPHS,
  continuationPrefix,
  labelWithOrder,
  type TreeRow,
  UNICODE_GLYPHS,
} from "./run-tree.js";
import { statusPaint } from "./status-style.js";
import { capLines, ownLines, type PlainRow, plainRows, type RowTextOptions } from "./tree-row-text.js";
import { renderTreeStack } from "./tree-stack.js";

/**
 * The stage → job → step tree as a borderless table: STATUS, NAME (the tree), DURATION, STARTED
 * and MESSAGE. Every cell is sized, cut and wrapped here so the table fits `width`; drawGrid only
 * pads and aligns, from the widths measured here. On a terminal names are cut with an ellipsis
 * and messages wrapped, never cut; into a pipe (no width) nothing is cut or wrapped, so every row
 * is one line for grep. Below TABLE_MIN_COLUMNS, when the table would have to cut or wrap, the
 * tree is stacked instead (tree-stack.ts).
 */
export interface TreeTableOptions extends RowTextOptions {
  /** Terminal width; undefined for a pipe: no limit. */
  width: number | undefined;
}

const GAP = "  ";
// Neither column gets narrower than its heading, whatever the width.
const NAME_MIN = "NAME".length;
const MESSAGE_MIN = "MESSAGE".length;
// What NAME and MESSAGE ask for before STARTED gets a place; past these they truncate or wrap.
const NAME_TARGET = 40;
const MESSAGE_TARGET = 30;
// Narrower than this, a table that must cut names or wrap messages leaves too little of either.
const TABLE_MIN_COLUMNS = 60;

function widest(texts: string[]): number {
  return texts.reduce((most, text) => Math.max(most, displayWidth(text)), 0);
}

/**
 * Widths of NAME and MESSAGE in the room left by the fixed columns: NAME gets what it needs as long
 * as MESSAGE keeps its target, and at least half the room; MESSAGE takes the rest and wraps.
 */
function splitRoom(room: number, nameNeeds: number, messageNeeds: number): { name: number; message: number } {
  if (messageNeeds === 0) return { name: Math.max(NAME_MIN, Math.min(nameNeeds, room)), message: 0 };
  const messageKeeps = Math.min(messageNeeds, MESSAGE_TARGET);
  const preferred = Math.min(nameNeeds, Math.max(Math.ceil(room / 2), room - messageKeeps));
  const name = Math.max(NAME_MIN, Math.min(preferred, room - MESSAGE_MIN));
  return { name, message: Math.max(MESSAGE_MIN, room - name) };
}

export function renderTreeTable(rows: TreeRow[], options: TreeTableOptions, chalk: ChalkInstance): string {
  const glyphs = options.unicode ? UNICODE_GLYPHS : ASCII_GLYPHS;
  const plain = plainRows(rows, glyphs, options);
  const nameOf = ({ row, prefix }: PlainRow) => prefix + labelWithOrder(row.node);
  const messages = rows.flatMap((row) => (row.node.message ? row.node.message.split("\n") : []));
  const hasMessage = messages.length > 0;

  const statusWidth = widest(["STATUS", ...plain.map((p) => p.status)]);
  const durationWidth = widest(["DURATION", ...plain.map((p) => p.duration)]);
  const startWidth = widest(["STARTED", ...plain.map((p) => p.start)]);
  const nameNeeds = widest(["NAME", ...plain.map(nameOf)]);
  const messageNeeds = hasMessage ? widest(["MESSAGE", ...messages]) : 0;
  const { width } = options;
  if (width === undefined) {
    // Into a pipe: every column as wide as its widest cell, STARTED included.
    const widths = { name: nameNeeds, message: messageNeeds };
    return drawTree(plain, { widths, showStart: true, hasMessage, wrap: false }, options, chalk);
  }
  const roomWithoutStart = width - statusWidth - durationWidth - GAP.length * (hasMessage ? 3 : 2);
  // STARTED is the first thing to go when the terminal is narrow: names and messages matter more.
  const wanted = Math.min(nameNeeds, NAME_TARGET) + (hasMessage ? Math.min(messageNeeds, MESSAGE_TARGET) : 0);
  const showStart = roomWithoutStart - startWidth - GAP.length >= wanted;
  const room = showStart ? roomWithoutStart - startWidth - GAP.length : roomWithoutStart;
  const widths = splitRoom(room, nameNeeds, messageNeeds);
  const cramped = widths.name < nameNeeds || (hasMessage && widths.message < messageNeeds);
  if (width < TABLE_MIN_COLUMNS && cramped) return renderTreeStack(plain, width, options.unicode, chalk);
  return drawTree(plain, { widths, showStart, hasMessage, wrap: true }, options, chalk);
}

interface Layout {
  widths: { name: number; message: number };
  showStart: boolean;
  hasMessage: boolean;
  /** Wrap messages to widths.message (a terminal), or keep their own lines (a pipe). */
  wrap: boolean;
}

function drawTree(
  plain: PlainRow[],
  layout: Layout,
  options: TreeTableOptions,
  chalk: ChalkInstance,
): string {
  const { widths, showStart, hasMessage } = layout;
  const glyphs = options.unicode ? UNICODE_GLYPHS : ASCII_GLYPHS;
  const ellipsis = ellipsisFor(options.unicode);

  const head = [
    "STATUS",
    "NAME",
    "DURATION",
    ...(showStart ? ["STARTED"] : []),
    ...(hasMessage ? ["MESSAGE"] : []),
  ];
  const cell = (text: string, width = displayWidth(text)): GridCell => ({ text, width });
  const plainCell = (text: string): GridCell => ({ text, width: text.length });
  const blankRow = head.map(() => EMPTY_CELL);
  const grid: GridCell[][] = [head.map((title) => ({ text: chalk.bold(title), width: title.length }))];
  for (const p of plain) {
    const { node } = p.row;
    const kind = statusKind(node.status);
    const paint = statusPaint(kind, chalk);
    const failed = kind === "failed";
    if (p.row.depth === 0 && grid.length > 1) grid.push(blankRow);

    const messageLines = node.message
      ? capLines(layout.wrap ? wrapToWidth(node.message, widths.message) : ownLines(node.message))
      : [];
    const messageCell = (line: string | undefined): GridCell =>
      line === undefined ? EMPTY_CELL : cell(failed ? chalk.red(line) : line, displayWidth(line));
    grid.push([
      cell(paint(p.status), displayWidth(p.status)),
      renderName(p, widths.name, ellipsis, chalk, failed),
      kind === "running" ? cell(chalk.yellow(p.duration), p.duration.length) : plainCell(p.duration),
      ...(showStart ? [cell(p.start)] : []),
      ...(hasMessage ? [messageCell(messageLines[0])] : []),
    ]);
    const continuation = cell(continuationPrefix(p.row, glyphs));
    for (const line of messageLines.slice(1)) {
      grid.push([
        EMPTY_CELL,
        continuation,
        EMPTY_CELL,
        ...(showStart ? [EMPTY_CELL] : []),
        messageCell(line),
      ]);
    }
  }
  return drawGrid(grid, GAP);
}

/** Tree prefix, then the label (bold for a stage, red for a failure), then the order note, dimmed. */
function renderName(
  p: PlainRow,
  width: number,
  ellipsis: string,
  chalk: ChalkInstance,
  failed: boolean,
): GridCell {
  const { label, kind } = p.row.node;
  const shown = truncateToWidth(
    labelWithOrder(p.row.node),
    Math.max(1, width - displayWidth(p.prefix)),
    ellipsis,
  );
  // The cut may land in the label or in the order note; only an intact label gets a dimmed note.
  const labelPart = shown.startsWith(label) ? label : shown;
  const notePart = shown.slice(labelPart.length);
  const paintLabel = failed ? chalk.red.bold : kind === "stage" ? chalk.bold : (text: string) => text;
  return {
    text: p.prefix + paintLabel(labelPart) + (notePart ? chalk.dim(notePart) : ""),
    width: displayWidth(p.prefix) + displayWidth(shown),
  };
}
