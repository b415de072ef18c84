import type { RunView, SourceView } from "../model/run.js";
import { sanitizeText } from "../text/sanitize.js";
import { elapsedMs } from "./elapsed.js";
import { formatDuration, formatTimestamp, type TimeStyle } from "./time-format.js";

/** The facts above the tree, sanitised, as label/value pairs both renderers lay out. */
export interface HeaderField {
  label: "Trigger" | "Executor" | "Started" | "Duration" | "Link";
  value: string;
}

export interface RunHeader {
  /** "Sub-pipeline qqq #12" */
  title: string;
  /** As sent; the renderer turns it into a badge. */
  status: string;
  fields: HeaderField[];
}

function clean(value: string | undefined): string {
  return value === undefined ? "" : sanitizeText(value).trim();
}

/** "branch main · 990ea05 "Fix the build"": what was built, from the first code source. */
function describeSource(source: SourceView | undefined, separator: string): string {
  if (!source) return "";
  const tag = clean(source.tag);
  const branch = clean(source.branch);
  const ref = tag ? `tag ${tag}` : branch ? `branch ${branch}` : "";
  const sha = clean(source.commitId).slice(0, 7);
  const subject = source.commitMessage ? clean(source.commitMessage.split(/\r?\n/)[0]) : "";
  const commit = [sha, subject ? `"${subject}"` : ""].filter(Boolean).join(" ");
  return [ref, commit].filter(Boolean).join(separator);
}

/** Working time, and the time paused (e.g. waiting for a review) beside it rather than in it. */
function describeDuration(run: RunView, now: number): string {
  const ms = elapsedMs(run, run.serverTime ?? now);
  if (ms === undefined) return "-";
  const worked = run.endTime === undefined ? `${formatDuration(ms)} so far` : formatDuration(ms);
  return run.pauseMs ? `${worked}, plus ${formatDuration(run.pauseMs)} paused` : worked;
}

/** `unicode: false` joins the trigger's parts with commas instead of middle dots. */
export function describeRun(
  run: RunView,
  options: { timeStyle: TimeStyle; now: number; unicode: boolean },
): RunHeader {
  const separator = options.unicode ? " · " : ", ";
  const name = clean(run.name) || "(unnamed pipeline)";
  const trigger = [clean(run.triggerType), describeSource(run.sources[0], separator)]
    .filter(Boolean)
    .join(separator);
  const fields: HeaderField[] = [
    { label: "Trigger", value: trigger },
    { label: "Executor", value: clean(run.executorName) },
    { label: "Started", value: formatTimestamp(run.startTime, options.timeStyle, options.now) },
    { label: "Duration", value: describeDuration(run, options.now) },
    { label: "Link", value: clean(run.detailUrl) },
  ];
  return {
    title: run.runNumber === undefined ? name : `${name} #${run.runNumber}`,
    status: run.status,
    fields: fields.filter((field) => field.value !== ""),
  };
}
