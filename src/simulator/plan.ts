/**
 * What a scenario says should happen in a run, before any clock is involved.
 * Durations are scenario milliseconds; the timeline turns a plan into dated spans.
 */

export type BusinessType = "Normal" | "Build" | "Test" | "Check" | "Deploy";

export interface StepPlan {
  /** Entry/exit steps have no name in the real documents. */
  name: string | null;
  task: string;
  businessType: BusinessType | null;
  durationMs: number;
  inputs: { key: string; value: unknown }[] | null;
  /** What the step prints, spread over its duration. */
  log: string[];
  /** The step fails at its end with this message. */
  failure?: string;
  /** A manual review: the step starts and waits; the run is PAUSED until someone acts. */
  waitsForReview?: boolean;
}

export interface JobPlan {
  name: string;
  /** Time spent QUEUED for an executor before the first step. */
  queueMs: number;
  resource: string | null;
  steps: StepPlan[];
}

export interface StagePlan {
  name: string;
  /** Jobs run side by side; otherwise each job waits for the previous one. */
  parallelJobs: boolean;
  pre: StepPlan[];
  jobs: JobPlan[];
  post: StepPlan[];
}

export type TriggerType = "Manual" | "Push" | "Scheduler";

export interface TriggerPlan {
  type: TriggerType;
  executor: string;
  branch: string;
  /** A run of a tag (started with build_type "tag"). */
  tag?: string;
  commitMessage: string;
}

/** Someone canceled the run, or the service ignored it (superseded by a newer run). */
export interface RunStop {
  kind: "cancel" | "ignore";
  afterMs: number;
}

export interface ArtifactPlan {
  name: string;
  packageType: string;
  version: string;
}

export interface RunPlan {
  /** Scenario ms from t0 to the run's start; negative for runs that started before the simulator. */
  startOffsetMs: number;
  trigger: TriggerPlan;
  description: string | null;
  stages: StagePlan[];
  stop?: RunStop;
  artifacts: ArtifactPlan[] | null;
}

export interface PipelinePlan {
  name: string;
  /** One line, shown by `codearts-run simulate`. */
  description: string;
  repo: string;
  /** Oldest first. */
  runs: RunPlan[];
  /** Every answer about this pipeline shows the schema drifts of reference §6. */
  drift?: boolean;
}
