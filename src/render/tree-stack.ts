import type { ChalkInstance } from "chalk";
import { statusKind } from "../model/status.js";
import { wrapToWidth } from "../text/text-width.js";
import { labelWithOrder } from "./run-tree.js";
import { statusPaint } from "./status-style.js";
import { capLines, type PlainRow } from "./tree-row-text.js";

/**
 * The tree for a terminal too narrow for the table: each item is its status symbol and name on
 * one line, indented by depth, with its status word, duration and message indented under it.
 * Names and messages wrap on spaces instead of being cut; stages are separated by a blank line.
 *
 *   ✗ Test
 *     FAILED · 1m 49s
 *     ✗ Unit tests (parallel)
 *       FAILED · 1m 38s
 *       npm test exited with code 1
 */

const INDENT = 2;
// However deep the tree, a line keeps at least this many columns for text.
const MIN_TEXT = 12;

export function renderTreeStack(
  plain: PlainRow[],
  width: number,
  unicode: boolean,
  chalk: ChalkInstance,
): string {
  const separator = unicode ? " · " : " - ";
  const lines: string[] = [];
  for (const { row, status, duration } of plain) {
    const { node } = row;
    const kind = statusKind(node.status);
    const paint = statusPaint(kind, chalk);
    const failed = kind === "failed";
    if (row.depth === 0 && lines.length > 0) lines.push("");

    const margin = " ".repeat(INDENT * row.depth);
    const under = margin + " ".repeat(INDENT);
    const textWidth = Math.max(MIN_TEXT, width - under.length);
    // The label alone: the symbol is "✓", the word goes on the line below.
    const [symbol, ...word] = status.split(" ");
    const paintName = failed ? chalk.red.bold : node.kind === "stage" ? chalk.bold : (text: string) => text;
    wrapToWidth(labelWithOrder(node), textWidth).forEach((line, i) => {
      lines.push(
        i === 0 ? `${margin}${paint(symbol ?? "")} ${paintName(line)}` : `${under}${paintName(line)}`,
      );
    });
    const shownDuration = kind === "running" ? chalk.yellow(duration) : duration;
    const timing = duration === "-" ? "" : `${separator}${shownDuration}`;
    lines.push(`${under}${paint(word.join(" "))}${timing}`);
    const message = node.message ? capLines(wrapToWidth(node.message, textWidth)) : [];
    for (const line of message) lines.push(line === "" ? "" : `${under}${failed ? chalk.red(line) : line}`);
  }
  return lines.join("\n");
}
