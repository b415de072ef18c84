import type { RunSummaryView } from "../model/run-summary.js";
import { statusKind } from "../model/status.js";
import { sanitizeText } from "../text/sanitize.js";
import { displayWidth, ellipsisFor, truncateToWidth } from "../text/text-width.js";
import { elapsedMs } from "./elapsed.js";
import { renderRunsStack, type StackedRun } from "./runs-stack.js";
import { statusLabel, statusPaint } from "./status-style.js";
import { type ColorLevel, createChalk } from "./style.js";
import { formatDuration, formatTimestamp, type TimeStyle } from "./time-format.js";

/**
 * Runs, one line each: RUN, STATUS, TRIGGER, SOURCE, STARTED, DURATION, RUN ID — a pipeline's
 * recent runs, or (with a PIPELINE column first) the latest run of several pipelines.
 * The run id is never cut (it is what `status --run` takes); on a narrow terminal SOURCE, TRIGGER
 * and PIPELINE give way, and where the table still does not fit (or would be cut below 60 columns)
 * each run is stacked instead (runs-stack.ts). Piped output is never cut.
 */
export interface RunsTableOptions {
  colorLevel: ColorLevel;
  /** Terminal width; undefined when piped. */
  columns: number | undefined;
  timeStyle: TimeStyle;
  /** The local clock: relative start times, and how long a running run has been going. */
  now: number;
  /** The server's clock when the answer told it: how long a running run has been going, free of local skew. */
  serverTime?: number;
  unicode: boolean;
}

const GAP = "  ";
// Narrower than this, a table that must cut its cells leaves too little of them: runs are stacked.
const TABLE_MIN_COLUMNS = 60;

interface Column {
  heading: string;
  cell: (run: RunSummaryView, options: RunsTableOptions) => string;
  /** Gives way (down to its heading) when the table is wider than the terminal, in this order. */
  shrinkOrder?: number;
  isStatus?: boolean;
}

function clean(value: string | undefined): string {
  return value === undefined ? "" : sanitizeText(value).trim();
}

/** What was built: the tag or branch, else the short commit. */
function describeSource(run: RunSummaryView): string {
  const tag = clean(run.tag);
  if (tag) return `tag ${tag}`;
  return clean(run.branch) || clean(run.commitId).slice(0, 7) || "-";
}

const PIPELINE_COLUMN: Column = {
  heading: "PIPELINE",
  cell: (run) => clean(run.pipelineName) || "-",
  shrinkOrder: 2,
};

const RUN_COLUMNS: Column[] = [
  { heading: "RUN", cell: (run) => (run.runNumber === undefined ? "-" : `#${run.runNumber}`) },
  { heading: "STATUS", cell: (run, o) => statusLabel(run.status, o.unicode), isStatus: true },
  { heading: "TRIGGER", cell: (run) => clean(run.triggerType) || "-", shrinkOrder: 1 },
  { heading: "SOURCE", cell: describeSource, shrinkOrder: 0 },
  { heading: "STARTED", cell: (run, o) => formatTimestamp(run.startTime, o.timeStyle, o.now) },
  {
    heading: "DURATION",
    cell: (run, o) => {
      const ms = elapsedMs(run, o.serverTime ?? o.now);
      return ms === undefined ? "-" : formatDuration(ms);
    },
  },
  { heading: "RUN ID", cell: (run) => clean(run.id) || "-" },
];

/** Each column as wide as its widest cell or heading. */
function naturalWidths(columns: Column[], rows: string[][]): number[] {
  return columns.map((column, i) =>
    [column.heading, ...rows.map((r) => r[i] ?? "")].reduce(
      (most, text) => Math.max(most, displayWidth(text)),
      0,
    ),
  );
}

function tableWidth(widths: number[]): number {
  return widths.reduce((sum, w) => sum + w, GAP.length * (widths.length - 1));
}

/** Column widths; when they overflow the terminal, SOURCE, then TRIGGER, then PIPELINE shrink to their heading. */
function fitWidths(columns: Column[], natural: number[], width: number | undefined): number[] {
  const widths = [...natural];
  if (width === undefined) return widths;
  let excess = tableWidth(widths) - width;
  const shrinkable = columns
    .map((column, i) => ({ order: column.shrinkOrder, i, floor: column.heading.length }))
    .filter((c): c is { order: number; i: number; floor: number } => c.order !== undefined)
    .sort((a, b) => a.order - b.order);
  for (const { i, floor } of shrinkable) {
    const cut = Math.max(0, Math.min(excess, (widths[i] ?? 0) - floor));
    widths[i] = (widths[i] ?? 0) - cut;
    excess -= cut;
  }
  return widths;
}

/** A run's table cells regrouped for the stacked layout; empty cells ("-") are left out. */
function stackedRun(run: RunSummaryView, columns: Column[], cells: string[]): StackedRun {
  const cell = (heading: string) => {
    const text = cells[columns.findIndex((column) => column.heading === heading)];
    return text === undefined || text === "-" ? [] : [text];
  };
  const [symbol = "", ...word] = (cell("STATUS")[0] ?? "").split(" ");
  const title = [...cell("PIPELINE"), ...cell("RUN")].join(" ") || "-";
  return {
    status: run.status,
    symbol,
    title,
    timing: [word.join(" "), ...cell("DURATION"), ...cell("STARTED")],
    origin: [...cell("TRIGGER"), ...cell("SOURCE")],
    runId: cell("RUN ID")[0] ?? "",
  };
}

/**
 * One line per run. With `withPipeline`, a PIPELINE column comes first: the latest run of each of
 * several pipelines (`status web api docs`).
 */
export function renderRunsTable(
  runs: RunSummaryView[],
  options: RunsTableOptions & { withPipeline?: boolean },
): string {
  const columns = options.withPipeline ? [PIPELINE_COLUMN, ...RUN_COLUMNS] : RUN_COLUMNS;
  const chalk = createChalk(options.colorLevel);
  const rows = runs.map((run) => columns.map((column) => column.cell(run, options)));
  const natural = naturalWidths(columns, rows);
  const widths = fitWidths(columns, natural, options.columns);
  const { columns: width } = options;
  // Stacked when the table cannot fit even with its columns shrunk, or below TABLE_MIN_COLUMNS
  // when it would have to cut a cell (a table at 40 columns keeps one letter of a name).
  const cut = widths.some((w, i) => w < (natural[i] ?? 0));
  if (width !== undefined && (tableWidth(widths) > width || (width < TABLE_MIN_COLUMNS && cut))) {
    const stacked = runs.map((run, r) => stackedRun(run, columns, rows[r] ?? []));
    return renderRunsStack(stacked, width, options.unicode, chalk);
  }
  const ellipsis = ellipsisFor(options.unicode);
  const line = (texts: readonly string[], paint: (text: string, column: number) => string) =>
    texts
      .map((text, i) => {
        const width = widths[i] ?? 0;
        const shown = truncateToWidth(text, width, ellipsis);
        return paint(shown, i) + " ".repeat(width - displayWidth(shown));
      })
      .join(GAP)
      .trimEnd();
  const lines = [
    line(
      columns.map((column) => column.heading),
      (text) => chalk.bold(text),
    ),
  ];
  runs.forEach((run, r) => {
    const paintStatus = statusPaint(statusKind(run.status), chalk);
    lines.push(line(rows[r] ?? [], (text, i) => (columns[i]?.isStatus ? paintStatus(text) : text)));
  });
  return `${lines.join("\n")}\n`;
}
