import type { RunSummaryView } from "../model/run-summary.js";
import { sanitizeText } from "../text/sanitize.js";
import { escapeMarkdown } from "./markdown-escape.js";
import { statusLabel } from "./status-style.js";
import { formatDuration, formatIso } from "./time-format.js";

/**
 * `status --all -o markdown`: the latest run of each pipeline as one markdown table, for a cron job
 * that posts it to a chat or a GitHub job summary; `runs -o markdown` (withPipeline: false): one
 * pipeline's runs, with their ids. Server text is sanitised, then escaped.
 */

function cell(value: string | undefined): string {
  return value === undefined || value === "" ? "-" : escapeMarkdown(sanitizeText(value));
}

export function renderRunsMarkdown(
  runs: RunSummaryView[],
  options: { now: number; withPipeline?: boolean },
): string {
  const withPipeline = options.withPipeline ?? true;
  const rows = runs.map((run) => {
    const duration =
      run.startTime === undefined ? undefined : formatDuration((run.endTime ?? options.now) - run.startTime);
    return [
      withPipeline ? cell(run.pipelineName ?? run.pipelineId) : cell(run.id),
      statusLabel(sanitizeText(run.status), true),
      run.runNumber === undefined ? "-" : `#${run.runNumber}`,
      cell(run.tag ?? run.branch),
      run.startTime === undefined ? "-" : formatIso(run.startTime),
      duration ?? "-",
    ];
  });
  const lines = [
    `| ${withPipeline ? "Pipeline" : "Run id"} | Status | Run | Branch | Started | Duration |`,
    "| --- | --- | --- | --- | --- | --- |",
    ...rows.map((row) => `| ${row.join(" | ")} |`),
  ];
  return `${lines.join("\n")}\n`;
}
