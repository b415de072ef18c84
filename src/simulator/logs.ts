/**
 * Step logs: the lines a step has printed by a given moment, and the paging of
 * `POST …/steps/{step_run_id}/logs`.
 *
 * Offsets are positions chosen by the server, as on the real service (its example answers a
 * request from 0 with `"start_offset":"6132","end_offset":"25705"`), sent as decimal strings
 * (the SDK models: `*string`). Here a position is a byte offset into the step's log, counted from
 * a base that differs per step, so a client that echoes line counts back gets the wrong lines.
 * Assumption (the pages are silent): `end_offset` is exclusive, and the next page is asked for
 * with `start_offset` = the previous answer's `end_offset`.
 */
import type { StepNode } from "./timeline.js";
import { statusAt, timesAt } from "./timeline.js";
import { clockTime, type SimRunModel, type World } from "./world.js";

export interface LogPageRequest {
  start_offset?: number;
  end_offset?: number;
  limit: number;
  sort: "asc" | "desc";
}

export interface LogPage {
  log: string;
  has_more: boolean;
  start_offset: string;
  end_offset: string;
  step_run_id: string;
}

export const LOG_DEFAULT_LIMIT = 500;
export const LOG_MAX_LIMIT = 1000;

function line(world: World, run: SimRunModel, offset: number, level: string, text: string): string {
  return `[${new Date(clockTime(world, run, offset)).toISOString()}] [${level}] ${text}`;
}

/** What the step has printed by `elapsed` (scenario ms since the run started). */
export function stepLogLines(world: World, run: SimRunModel, step: StepNode, elapsed: number): string[] {
  const { start, end } = timesAt(step.span, elapsed);
  if (start === undefined) return [];
  const printed = step.plan.log.flatMap((text, i) => {
    const at = start + Math.floor(((i + 1) * step.plan.durationMs) / (step.plan.log.length + 1));
    const until = end ?? elapsed;
    return at <= until ? [line(world, run, at, "INFO", text)] : [];
  });
  const opening = line(world, run, start, "INFO", `Step "${step.plan.name ?? step.plan.task}" started`);
  if (end === undefined) return [opening, ...printed];
  const status = statusAt(step.span, elapsed);
  const closing =
    status === "FAILED"
      ? line(world, run, end, "ERROR", step.span.message ?? "The step failed")
      : status === "CANCELED"
        ? line(world, run, end, "WARN", "The step was canceled")
        : line(world, run, end, "INFO", "The step completed");
  return [opening, ...printed, closing];
}

/** Where a step's log starts in the service's storage: some thousands of bytes in, per step. */
export function logBase(stepRunId: string): number {
  let hash = 0;
  for (const char of stepRunId) hash = (hash * 31 + char.charCodeAt(0)) % 9973;
  return 1000 + hash;
}

/**
 * One page: `asc` from the first line at or after `start_offset`, `desc` the last lines ending
 * at or before `end_offset` (newest first). At most `limit` lines, and at most `maxLines` when the
 * server serves shorter pages than asked.
 */
export function pageLog(
  lines: string[],
  request: LogPageRequest,
  stepRunId: string,
  maxLines?: number,
): LogPage {
  const texts = lines.map((l) => `${l}\n`);
  const starts: number[] = [];
  let at = logBase(stepRunId);
  for (const text of texts) {
    starts.push(at);
    at += Buffer.byteLength(text);
  }
  const endOfLog = at;
  const limit = Math.min(request.limit, maxLines ?? Number.POSITIVE_INFINITY);
  if (request.sort === "desc") {
    const until = request.end_offset ? Math.min(request.end_offset, endOfLog) : endOfLog;
    const last = texts.findLastIndex((text, i) => (starts[i] ?? 0) + Buffer.byteLength(text) <= until);
    const first = Math.max(0, last + 1 - limit);
    const page = texts.slice(first, last + 1);
    const from = starts[first] ?? endOfLog;
    return {
      log: page.reverse().join(""),
      has_more: first > 0,
      start_offset: String(page.length > 0 ? from : until),
      end_offset: String(
        page.length > 0 ? (starts[last] ?? 0) + Buffer.byteLength(texts[last] ?? "") : until,
      ),
      step_run_id: stepRunId,
    };
  }
  const wanted = request.start_offset ?? 0;
  const firstIndex = starts.findIndex((start) => start >= wanted);
  const first = firstIndex === -1 ? texts.length : firstIndex;
  const end = Math.min(texts.length, first + limit);
  const from = starts[first] ?? endOfLog;
  const to = starts[end] ?? endOfLog;
  return {
    log: texts.slice(first, end).join(""),
    has_more: end < texts.length,
    start_offset: String(from),
    end_offset: String(to),
    step_run_id: stepRunId,
  };
}
