/**
 * The simulated tenant: project, pipelines and their scheduled runs, with ids from the seed.
 * Built once at start; what a run looks like at a moment is read off it by the documents.
 */
import { type TimeFrame, toClock } from "./clock.js";
import { type IdSource, seededIds } from "./ids.js";
import type { PipelinePlan, RunPlan } from "./plan.js";
import { builtInPipelines } from "./scenarios.js";
import { type ScheduledRun, scheduleRun } from "./timeline.js";

export const SIM_REGION = "cn-north-4";

export interface SimRunModel extends ScheduledRun {
  id: string;
  runNumber: number;
  /** Scenario time the run started. */
  startAt: number;
  plan: RunPlan;
  executorId: string;
  commitId: string;
}

export interface SimPipelineModel {
  id: string;
  name: string;
  description: string;
  plan: PipelinePlan;
  /** Oldest first. */
  runs: SimRunModel[];
  codehubId: string;
  /** Scenario time the pipeline was created (before its first run). */
  createdAt: number;
}

export interface World {
  ids: IdSource;
  frame: TimeFrame;
  projectId: string;
  domainId: string;
  region: string;
  pipelines: SimPipelineModel[];
}

const PIPELINE_AGE_MS = 90 * 24 * 60 * 60 * 1000;

function buildPipeline(plan: PipelinePlan, ids: IdSource, frame: TimeFrame, index: number): SimPipelineModel {
  const runs = plan.runs.map((runPlan, i): SimRunModel => {
    const label = `run:${plan.name}:${i + 1}`;
    return {
      id: ids(label),
      runNumber: i + 1,
      startAt: frame.t0 + runPlan.startOffsetMs,
      plan: runPlan,
      executorId: ids(`user:${runPlan.trigger.executor}`),
      commitId: `${ids(`${label}:commit`)}${ids(`${label}:commit2`).slice(0, 8)}`,
      ...scheduleRun(runPlan, (nodeLabel) => ids(`${label}:${nodeLabel}`)),
    };
  });
  return {
    id: ids(`pipeline:${plan.name}`),
    name: plan.name,
    description: plan.description,
    plan,
    runs,
    codehubId: String(2111600000 + index * 7919),
    createdAt: frame.t0 - PIPELINE_AGE_MS + index * 60_000,
  };
}

/** `extra`: pipelines beyond the built-in ones (the bench's synthetic run). */
export function buildWorld(seed: number, frame: TimeFrame, extra: PipelinePlan[] = []): World {
  const ids = seededIds(seed);
  return {
    ids,
    frame,
    projectId: ids("project"),
    domainId: ids("domain"),
    region: SIM_REGION,
    pipelines: [...builtInPipelines(seed), ...extra].map((plan, i) => buildPipeline(plan, ids, frame, i)),
  };
}

/** Runs that have started by scenario time `now`, oldest first. */
export function visibleRuns(pipeline: SimPipelineModel, scenarioMs: number): SimRunModel[] {
  return pipeline.runs.filter((run) => run.startAt <= scenarioMs);
}

/** A run-relative offset as an epoch-ms clock time; 0 for "not yet". */
export function clockTime(world: World, run: SimRunModel, offset: number | undefined): number {
  return offset === undefined ? 0 : toClock(world.frame, run.startAt + offset);
}
