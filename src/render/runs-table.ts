import type { RunSummaryView } from "../model/run-summary.js";
import { statusKind } from "../model/status.js";
import { elapsedMs } from "./elapsed.js";
import { sanitizeText } from "./sanitize.js";
import { statusLabel, statusPaint } from "./status-style.js";
import { type ColorLevel, createChalk } from "./style.js";
import { displayWidth, ellipsisFor, truncateToWidth } from "./text-width.js";
import { formatDuration, formatTimestamp, type TimeStyle } from "./time-format.js";

/**
 * A pipeline's recent runs, one line each: RUN, STATUS, TRIGGER, SOURCE, STARTED, DURATION, RUN ID.
 * The run id is never cut (it is what `status --run` takes); on a narrow terminal SOURCE and then
 * TRIGGER give way. Piped output is never cut.
 */
export interface RunsTableOptions {
  colorLevel: ColorLevel;
  /** Terminal width; undefined when piped. */
  columns: number | undefined;
  timeStyle: TimeStyle;
  /** The local clock: relative start times, and how long a running run has been going. */
  now: number;
  unicode: boolean;
}

const GAP = "  ";
const HEADINGS = ["RUN", "STATUS", "TRIGGER", "SOURCE", "STARTED", "DURATION", "RUN ID"] as const;
const SOURCE = HEADINGS.indexOf("SOURCE");
const TRIGGER = HEADINGS.indexOf("TRIGGER");
const STATUS = HEADINGS.indexOf("STATUS");

function clean(value: string | undefined): string {
  return value === undefined ? "" : sanitizeText(value).trim();
}

/** What was built: the tag or branch, else the short commit. */
function describeSource(run: RunSummaryView): string {
  const tag = clean(run.tag);
  if (tag) return `tag ${tag}`;
  return clean(run.branch) || clean(run.commitId).slice(0, 7) || "-";
}

function cells(run: RunSummaryView, options: RunsTableOptions): string[] {
  const ms = elapsedMs(run, options.now);
  return [
    run.runNumber === undefined ? "-" : `#${run.runNumber}`,
    statusLabel(run.status, options.unicode),
    clean(run.triggerType) || "-",
    describeSource(run),
    formatTimestamp(run.startTime, options.timeStyle, options.now),
    ms === undefined ? "-" : formatDuration(ms),
    clean(run.id) || "-",
  ];
}

/** Column widths; when they overflow the terminal, SOURCE and then TRIGGER shrink to their heading. */
function fitWidths(rows: string[][], columns: number | undefined): number[] {
  const widths = HEADINGS.map((heading, i) =>
    Math.max(...[heading, ...rows.map((r) => r[i] ?? "")].map(displayWidth)),
  );
  if (columns === undefined) return widths;
  let excess = widths.reduce((sum, w) => sum + w, GAP.length * (widths.length - 1)) - columns;
  for (const column of [SOURCE, TRIGGER]) {
    const floor = (HEADINGS[column] ?? "").length;
    const cut = Math.max(0, Math.min(excess, (widths[column] ?? 0) - floor));
    widths[column] = (widths[column] ?? 0) - cut;
    excess -= cut;
  }
  return widths;
}

export function renderRunsTable(runs: RunSummaryView[], options: RunsTableOptions): string {
  const chalk = createChalk(options.colorLevel);
  const rows = runs.map((run) => cells(run, options));
  const widths = fitWidths(rows, options.columns);
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
  const lines = [line(HEADINGS, (text) => chalk.bold(text))];
  runs.forEach((run, r) => {
    const paintStatus = statusPaint(statusKind(run.status), chalk);
    lines.push(line(rows[r] ?? [], (text, column) => (column === STATUS ? paintStatus(text) : text)));
  });
  return `${lines.join("\n")}\n`;
}
