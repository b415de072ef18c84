import type { RunView, StepView } from "../model/run.js";
import { type StatusKind, statusKind } from "../model/status.js";

/** How many stages, jobs and steps the run has, and how many of each failed, are running or were skipped. */
export interface LevelCount {
  total: number;
  failed: number;
  running: number;
  skipped: number;
}

export interface RunCounts {
  stages: LevelCount;
  jobs: LevelCount;
  steps: LevelCount;
}

/** The kinds the footer reports, in the order it reports them. */
export const COUNTED_KINDS = ["failed", "running", "skipped"] as const satisfies readonly StatusKind[];

function count(items: ReadonlyArray<{ status: string }>): LevelCount {
  const kinds = items.map((item) => statusKind(item.status));
  const of = (kind: StatusKind) => kinds.filter((k) => k === kind).length;
  return { total: items.length, failed: of("failed"), running: of("running"), skipped: of("skipped") };
}

export function countRun(run: RunView): RunCounts {
  const jobs = run.stages.flatMap((stage) => stage.jobs);
  const steps: StepView[] = run.stages.flatMap((stage) => [
    ...stage.pre,
    ...stage.jobs.flatMap((job) => job.steps),
    ...stage.post,
  ]);
  return { stages: count(run.stages), jobs: count(jobs), steps: count(steps) };
}
