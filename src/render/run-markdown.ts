import type { RunView } from "../model/run.js";
import { statusKind } from "../model/status.js";
import { sanitizeText } from "../text/sanitize.js";
import { elapsedMs } from "./elapsed.js";
import { escapeMarkdown, fencedBlock, markdownLink } from "./markdown-escape.js";
import { COUNTED_KINDS, countRun, type LevelCount } from "./run-counts.js";
import { describeRun } from "./run-header.js";
import type { RenderOptions } from "./run-table.js";
import { emptyTreeNotice, type TreeGlyphs, type TreeRow, treePrefix, visibleRows } from "./run-tree.js";
import { statusLabel } from "./status-style.js";
import { formatDuration, formatTimestamp } from "./time-format.js";

export type MarkdownOptions = Omit<RenderOptions, "colorLevel" | "columns" | "unicode">;

// Non-breaking spaces: markdown would collapse ordinary ones and flatten the tree. A prefix never
// starts with a space of any kind (GitHub trims a cell's leading whitespace, NBSP included): the
// indent under a last child is a visible dot.
const NBSP = "\u00a0";
const MARKDOWN_GLYPHS: TreeGlyphs = {
  branch: `├─${NBSP}`,
  last: `└─${NBSP}`,
  pipe: `│${NBSP}${NBSP}`,
  space: `·${NBSP}${NBSP}`,
};

function header(run: RunView, options: MarkdownOptions): string {
  const { title, status, fields } = describeRun(run, { ...options, unicode: true });
  const lines = [`### ${escapeMarkdown(title)} · ${escapeMarkdown(statusLabel(status, true))}`, ""];
  for (const { label, value } of fields) {
    lines.push(`- **${label}:** ${label === "Link" ? markdownLink(value) : escapeMarkdown(value)}`);
  }
  return lines.join("\n");
}

function tableRow(row: TreeRow, options: MarkdownOptions, clock: number): string {
  const { node } = row;
  const failed = statusKind(node.status) === "failed";
  const status = escapeMarkdown(statusLabel(node.status, true));
  const label = escapeMarkdown(node.label);
  const name =
    treePrefix(row, MARKDOWN_GLYPHS) +
    (node.kind === "stage" || failed ? `**${label}**` : label) +
    (node.order ? ` _(${escapeMarkdown(node.order)})_` : "");
  const ms = elapsedMs(node, clock);
  const cells = [
    failed ? `**${status}**` : status,
    name,
    ms === undefined ? "-" : formatDuration(ms),
    formatTimestamp(node.startTime, options.timeStyle, options.now),
    node.message ? escapeMarkdown(node.message).replace(/\n/g, "<br>") : "",
  ];
  return `| ${cells.join(" | ")} |`.replace(/ {2}\|$/, " |");
}

function tree(run: RunView, options: MarkdownOptions): string {
  const rows = visibleRows(run, options);
  if (rows.length === 0) return emptyTreeNotice(run);
  const clock = run.serverTime ?? options.now;
  return [
    "| Status | Name | Duration | Started | Message |",
    "| --- | --- | --- | --- | --- |",
    ...rows.map((row) => tableRow(row, options, clock)),
  ].join("\n");
}

function describeLevel(noun: string, count: LevelCount): string {
  const details = COUNTED_KINDS.filter((kind) => count[kind] > 0).map((kind) => `${count[kind]} ${kind}`);
  return `- **${noun}:** ${count.total}${details.length > 0 ? ` (${details.join(", ")})` : ""}`;
}

function footer(run: RunView, options: MarkdownOptions): string {
  const counts = countRun(run);
  const lines = [
    describeLevel("Stages", counts.stages),
    describeLevel("Jobs", counts.jobs),
    describeLevel("Steps", counts.steps),
  ];
  const next = (options.nextCommands ?? []).map((command) => sanitizeText(command));
  if (statusKind(run.status) === "failed" && next.length > 0) {
    lines.push("", "Next steps:", "", fencedBlock(next, "sh"));
  }
  return lines.join("\n");
}

/** The run as GitHub-flavoured markdown, for CI job summaries and chat. Ends with a newline. */
export function renderRunMarkdown(run: RunView, options: MarkdownOptions): string {
  return `${[header(run, options), tree(run, options), footer(run, options)].join("\n\n")}\n`;
}
