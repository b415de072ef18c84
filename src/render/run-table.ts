import type { ChalkInstance } from "chalk";
import type { RunView } from "../model/run.js";
import { statusKind } from "../model/status.js";
import { sanitizeText } from "../text/sanitize.js";
import { displayWidth, ellipsisFor, truncateToWidth } from "../text/text-width.js";
import { COUNTED_KINDS, countRun, type LevelCount } from "./run-counts.js";
import { describeRun } from "./run-header.js";
import { emptyTreeNotice, visibleRows } from "./run-tree.js";
import { statusLabel, statusPaint } from "./status-style.js";
import { type ColorLevel, createChalk } from "./style.js";
import type { TimeStyle } from "./time-format.js";
import { renderTreeTable } from "./tree-table.js";

export interface RenderOptions {
  colorLevel: ColorLevel;
  /** Terminal width; undefined when piped: then nothing is cut or wrapped (one row, one line). */
  columns: number | undefined;
  /** "relative" ("3 minutes ago") on a terminal, "iso" (UTC, seconds) when piped. */
  timeStyle: TimeStyle;
  /** The local clock, for relative times. */
  now: number;
  /** Box-drawing and status symbols; false for the ASCII fallback. */
  unicode: boolean;
  /** Only what is not COMPLETED, plus the parents that place it. */
  compact?: boolean;
  /** Default true; false hides every step (entry, job and exit steps). */
  showSteps?: boolean;
  /** Copy-pasteable commands for the failure footer. */
  nextCommands?: string[];
  /** The live view: the whole output must fit in this many terminal rows (see run-fit.ts). */
  fitRows?: number;
}

/** The width the live view fits a header to when it has no terminal width (it always has one). */
export const PIPED_COLUMNS = 100;
const LABEL_WIDTH = 10;

export function renderHeader(
  run: RunView,
  options: RenderOptions,
  width: number | undefined,
  chalk: ChalkInstance,
): string {
  const header = describeRun(run, options);
  const ellipsis = ellipsisFor(options.unicode);
  const cut = (text: string, room: number) =>
    width === undefined ? text : truncateToWidth(text, Math.max(1, room), ellipsis);
  const badge = statusLabel(header.status, options.unicode);
  const title = cut(header.title, (width ?? 0) - displayWidth(badge) - 2);
  const lines = [`${chalk.bold(title)}  ${statusPaint(statusKind(header.status), chalk)(badge)}`];
  for (const { label, value } of header.fields) {
    // A link is never cut: half a URL is worse than a long line.
    const shown = label === "Link" ? value : cut(value, (width ?? 0) - LABEL_WIDTH);
    lines.push(label.padEnd(LABEL_WIDTH) + shown);
  }
  return lines.join("\n");
}

function renderTree(
  run: RunView,
  options: RenderOptions,
  width: number | undefined,
  chalk: ChalkInstance,
): string {
  const rows = visibleRows(run, options);
  if (rows.length === 0) return emptyTreeNotice(run);
  const clock = run.serverTime ?? options.now;
  return renderTreeTable(rows, { ...options, width, clock }, chalk);
}

function describeLevel(noun: string, count: LevelCount, chalk: ChalkInstance): string {
  const details = COUNTED_KINDS.filter((kind) => count[kind] > 0).map((kind) =>
    statusPaint(kind, chalk)(`${count[kind]} ${kind}`),
  );
  return `${noun.padEnd(LABEL_WIDTH)}${count.total}${details.length > 0 ? ` (${details.join(", ")})` : ""}`;
}

function renderFooter(run: RunView, options: RenderOptions, chalk: ChalkInstance): string {
  const counts = countRun(run);
  const lines = [
    describeLevel("Stages", counts.stages, chalk),
    describeLevel("Jobs", counts.jobs, chalk),
    describeLevel("Steps", counts.steps, chalk),
  ];
  const next = (options.nextCommands ?? []).map((command) => sanitizeText(command));
  if (statusKind(run.status) === "failed" && next.length > 0) {
    lines.push("", "Next steps:", ...next.map((command) => `  ${command}`));
  }
  return lines.join("\n");
}

/** Header, stage → job → step tree, and counts, for a terminal or a log. Ends with a newline. */
export function renderRunTable(run: RunView, options: RenderOptions): string {
  const chalk = createChalk(options.colorLevel);
  const width = options.columns;
  return [
    renderHeader(run, options, width, chalk),
    renderTree(run, options, width, chalk),
    renderFooter(run, options, chalk),
  ]
    .join("\n\n")
    .concat("\n");
}
