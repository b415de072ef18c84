/**
 * Step logs: the lines a step has printed by a given moment, and the paging of
 * `POST …/steps/{step_run_id}/logs`. Offsets count lines (0-based, end exclusive).
 */
import type { StepNode } from "./timeline.js";
import { statusAt, timesAt } from "./timeline.js";
import { clockTime, type SimRunModel, type World } from "./world.js";

export interface LogPageRequest {
  start_offset: number;
  end_offset?: number;
  limit: number;
  sort: "asc" | "desc";
}

export interface LogPage {
  log: string;
  has_more: boolean;
  start_offset: number;
  end_offset: number;
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

export function pageLog(lines: string[], request: LogPageRequest, stepRunId: string): LogPage {
  const ordered = request.sort === "desc" ? [...lines].reverse() : lines;
  const start = Math.min(request.start_offset, ordered.length);
  const end = Math.min(ordered.length, start + request.limit, request.end_offset ?? Number.POSITIVE_INFINITY);
  const page = ordered.slice(start, Math.max(start, end));
  return {
    log: page.map((l) => `${l}\n`).join(""),
    has_more: Math.max(start, end) < ordered.length,
    start_offset: start,
    end_offset: Math.max(start, end),
    step_run_id: stepRunId,
  };
}
