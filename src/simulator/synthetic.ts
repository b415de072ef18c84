/**
 * A pipeline made to measure, not to demonstrate: one run of `steps` shell steps of `stepMs` each,
 * run one after another, 100 steps to a job and 10 jobs to a stage (so 10,000 steps are 10
 * stages × 10 jobs × 100 steps). Used by `npm run bench` for a big table and for a watch in which
 * something changes at every poll; it exists only when `startSimulator({ synthetic })` asks for it.
 */
import type { JobPlan, PipelinePlan, StagePlan, StepPlan } from "./plan.js";

export interface SyntheticRunOptions {
  steps: number;
  /** Scenario ms each step takes. */
  stepMs: number;
  /** Scenario ms from the simulator's start to the run's start; negative: started before. */
  startOffsetMs: number;
}

export const SYNTHETIC_PIPELINE = "synthetic";
const STEPS_PER_JOB = 100;
const JOBS_PER_STAGE = 10;

function chunk<T>(items: T[], size: number): T[][] {
  return Array.from({ length: Math.ceil(items.length / size) }, (_, i) =>
    items.slice(i * size, (i + 1) * size),
  );
}

export function syntheticPipeline(options: SyntheticRunOptions): PipelinePlan {
  const steps = Array.from(
    { length: options.steps },
    (_, i): StepPlan => ({
      name: `Step ${i + 1}`,
      task: "official_shell_plugin",
      businessType: "Normal",
      durationMs: options.stepMs,
      inputs: null,
      log: [],
    }),
  );
  const jobs = chunk(steps, STEPS_PER_JOB).map(
    (jobSteps, j): JobPlan => ({ name: `Job ${j + 1}`, queueMs: 0, resource: null, steps: jobSteps }),
  );
  const stages = chunk(jobs, JOBS_PER_STAGE).map(
    (stageJobs, s): StagePlan => ({
      name: `Stage ${s + 1}`,
      parallelJobs: false,
      pre: [],
      jobs: stageJobs,
      post: [],
    }),
  );
  return {
    name: SYNTHETIC_PIPELINE,
    description: `Synthetic: one run of ${options.steps} steps, for measurements`,
    repo: "synthetic",
    runs: [
      {
        startOffsetMs: options.startOffsetMs,
        trigger: { type: "Manual", executor: "Bench", branch: "main", commitMessage: "Measure" },
        description: null,
        stages,
        artifacts: null,
      },
    ],
  };
}
