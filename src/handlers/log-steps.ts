import { CliError, UsageError } from "../core/errors.js";
import { ExitCode } from "../core/exit-codes.js";
import type { JobView, RunView, StageView, StepView } from "../model/run.js";
import { statusKind } from "../model/status.js";
import { jobLabel, stageLabel, stepLabel } from "../render/run-tree.js";
import { sanitizeText } from "../text/sanitize.js";

/**
 * Which steps `logs` prints. Only the steps of jobs have logs: the step-log API addresses a step
 * through its job, and a stage's entry/exit steps belong to no job.
 */

export interface LogTarget {
  stage: StageView;
  job: JobView;
  step: StepView;
}

export interface StepChoice {
  /** A step id or exact step name. */
  step?: string;
  /** Only the FAILED steps, whatever the run's status. */
  failedOnly: boolean;
}

function jobSteps(run: RunView): LogTarget[] {
  return run.stages.flatMap((stage) =>
    stage.jobs.flatMap((job) => job.steps.map((step) => ({ stage, job, step }))),
  );
}

/** "Test / Unit tests / Run tests", sanitised. */
export function describeTarget(target: LogTarget): string {
  return `${stageLabel(target.stage)} / ${jobLabel(target.job)} / ${stepLabel(target.step)}`;
}

function listed(targets: LogTarget[]): string {
  return targets
    .map((t) => `${describeTarget(t)}${t.step.id ? ` (${sanitizeText(t.step.id)})` : ""}`)
    .join("; ");
}

function byReference(all: LogTarget[], reference: string): LogTarget[] {
  const byId = all.filter((t) => t.step.id === reference);
  if (byId.length > 0) return byId;
  const byName = all.filter((t) => t.step.name === reference);
  const shown = JSON.stringify(sanitizeText(reference));
  if (byName.length > 1) {
    throw new UsageError(
      `${byName.length} steps of this run are named ${shown}: ${listed(byName)}`,
      "give the step's id (in brackets above) instead of its name",
    );
  }
  if (byName.length === 0) {
    throw new CliError(
      `no step ${shown} in this run`,
      ExitCode.NotFound,
      all.length > 0
        ? `--step takes a step's id or exact name; the run's steps: ${listed(all)}`
        : "the run has no job steps yet",
    );
  }
  return byName;
}

/**
 * `--step` picks one step; otherwise the FAILED steps when the run failed (or `--failed` asks),
 * else every step that has started.
 */
export function selectSteps(run: RunView, choice: StepChoice): LogTarget[] {
  const all = jobSteps(run);
  if (choice.step !== undefined) return byReference(all, choice.step);
  if (choice.failedOnly || statusKind(run.status) === "failed") {
    return all.filter((t) => statusKind(t.step.status) === "failed");
  }
  return all.filter((t) => t.step.startTime !== undefined);
}
