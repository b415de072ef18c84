/**
 * Turns a run plan into spans (when each stage, job and step is queued, starts, pauses, ends)
 * and reads a status off a span at a given moment. Offsets are relative to the run's start.
 *
 * Decisions where the reference is silent:
 * - After a failure, later steps, jobs and stages are never run and stay INIT (times 0).
 * - A cancel ends running steps/jobs/stages as CANCELED; what had not started stays INIT.
 * - An ignore ends the run IGNORED; stages and jobs that had not started become IGNORED too.
 * - A manual review step stays RUNNING while its job, stage and the run are PAUSED.
 */
import type { JobPlan, RunPlan, RunStop, StagePlan, StepPlan } from "./plan.js";

export interface Span {
  queuedAt?: number;
  startAt?: number;
  pausedAt?: number;
  /** Absent: never ends (waiting for review, or never run). */
  endAt?: number;
  final: string;
  message?: string;
}

export interface StepNode {
  id: string;
  plan: StepPlan;
  span: Span;
}
export interface JobNode {
  id: string;
  plan: JobPlan;
  span: Span;
  steps: StepNode[];
}
export interface StageNode {
  id: string;
  plan: StagePlan;
  span: Span;
  pre: StepNode[];
  jobs: JobNode[];
  post: StepNode[];
}
export interface ScheduledRun {
  span: Span;
  stages: StageNode[];
}

type Outcome = "COMPLETED" | "FAILED" | "STOPPED" | "WAITING";
const OUTCOME_PRIORITY: Outcome[] = ["WAITING", "FAILED", "STOPPED", "COMPLETED"];

interface Stopper {
  at: number;
  kind: RunStop["kind"];
}

export function statusAt(span: Span, elapsed: number): string {
  if (span.endAt !== undefined && elapsed >= span.endAt) return span.final;
  if (span.pausedAt !== undefined && elapsed >= span.pausedAt) return "PAUSED";
  if (span.startAt !== undefined && elapsed >= span.startAt) return "RUNNING";
  if (span.queuedAt !== undefined && elapsed >= span.queuedAt) return "QUEUED";
  return "INIT";
}

/** Relative start/end at `elapsed`, undefined for "not yet". */
export function timesAt(span: Span, elapsed: number): { start?: number; end?: number } {
  const started = span.startAt !== undefined && elapsed >= span.startAt;
  return {
    start: started ? span.startAt : undefined,
    end: started && span.endAt !== undefined && elapsed >= span.endAt ? span.endAt : undefined,
  };
}

function stopStatus(stop: Stopper): string {
  return stop.kind === "cancel" ? "CANCELED" : "IGNORED";
}

/** A stage or job that never started: IGNORED when the run was ignored, else INIT forever. */
function notRunSpan(outcome: Outcome, stop: Stopper): Span {
  return outcome === "STOPPED" && stop.kind === "ignore"
    ? { endAt: stop.at, final: "IGNORED" }
    : { final: "INIT" };
}

function worst(outcomes: Outcome[]): Outcome {
  return OUTCOME_PRIORITY.find((o) => outcomes.includes(o)) ?? "COMPLETED";
}

type IdOf = (label: string) => string;

function runSteps(
  plans: StepPlan[],
  from: number,
  stop: Stopper,
  idOf: IdOf,
  label: string,
): { steps: StepNode[]; end: number; outcome: Outcome; message?: string } {
  let t = from;
  let outcome: Outcome = "COMPLETED";
  let message: string | undefined;
  const steps = plans.map((plan, k): StepNode => {
    const id = idOf(`${label}:${k}`);
    if (outcome !== "COMPLETED") return { id, plan, span: { final: "INIT" } };
    if (t >= stop.at) {
      outcome = "STOPPED";
      return { id, plan, span: { final: "INIT" } };
    }
    if (plan.waitsForReview && stop.at !== Number.POSITIVE_INFINITY) {
      // A review waits until someone acts: a stop during the wait cancels it.
      outcome = "STOPPED";
      return { id, plan, span: { startAt: t, endAt: stop.at, final: "CANCELED" } };
    }
    if (plan.waitsForReview) {
      outcome = "WAITING";
      return { id, plan, span: { startAt: t, final: "RUNNING" } };
    }
    const start = t;
    const naturalEnd = t + plan.durationMs;
    if (naturalEnd > stop.at) {
      outcome = "STOPPED";
      t = stop.at;
      return { id, plan, span: { startAt: start, endAt: stop.at, final: "CANCELED" } };
    }
    t = naturalEnd;
    if (plan.failure === undefined)
      return { id, plan, span: { startAt: start, endAt: t, final: "COMPLETED" } };
    outcome = "FAILED";
    message = plan.failure;
    return { id, plan, span: { startAt: start, endAt: t, final: "FAILED", message } };
  });
  return { steps, end: t, outcome, message };
}

function neverRunSteps(plans: StepPlan[], idOf: IdOf, label: string): StepNode[] {
  return plans.map((plan, k) => ({ id: idOf(`${label}:${k}`), plan, span: { final: "INIT" } }));
}

function finalStatus(outcome: Outcome, stop: Stopper): string {
  if (outcome === "STOPPED") return stopStatus(stop);
  return outcome === "FAILED" ? "FAILED" : "COMPLETED";
}

/** A span that started at `start` and ended (or paused, when waiting) at `end`. */
function spanFor(start: number, end: number, outcome: Outcome, stop: Stopper, message?: string): Span {
  if (outcome === "WAITING") return { startAt: start, pausedAt: end, final: "PAUSED" };
  return { startAt: start, endAt: end, final: finalStatus(outcome, stop), message };
}

function scheduleJob(
  plan: JobPlan,
  queuedAt: number,
  stop: Stopper,
  idOf: IdOf,
  label: string,
): { job: JobNode; end: number; outcome: Outcome } {
  const id = idOf(label);
  const startAt = queuedAt + plan.queueMs;
  if (startAt >= stop.at) {
    const span: Span = { queuedAt, endAt: stop.at, final: stopStatus(stop) };
    return {
      job: { id, plan, span, steps: neverRunSteps(plan.steps, idOf, `${label}:step`) },
      end: stop.at,
      outcome: "STOPPED",
    };
  }
  const run = runSteps(plan.steps, startAt, stop, idOf, `${label}:step`);
  const span = { queuedAt, ...spanFor(startAt, run.end, run.outcome, stop, run.message) };
  return { job: { id, plan, span, steps: run.steps }, end: run.end, outcome: run.outcome };
}

function neverRunJob(plan: JobPlan, span: Span, idOf: IdOf, label: string): JobNode {
  return { id: idOf(label), plan, span, steps: neverRunSteps(plan.steps, idOf, `${label}:step`) };
}

function scheduleJobs(
  plans: JobPlan[],
  from: number,
  stop: Stopper,
  idOf: IdOf,
  label: string,
): { jobs: JobNode[]; end: number; outcome: Outcome } {
  if (plans.length === 0) return { jobs: [], end: from, outcome: "COMPLETED" };
  const jobs: JobNode[] = [];
  const outcomes: Outcome[] = [];
  let end = from;
  let previous: Outcome = "COMPLETED";
  plans.forEach((plan, j) => {
    const jobLabel = `${label}:${j}`;
    if (previous !== "COMPLETED") {
      jobs.push(neverRunJob(plan, notRunSpan(previous, stop), idOf, jobLabel));
      return;
    }
    const scheduled = scheduleJob(plan, end, stop, idOf, jobLabel);
    jobs.push(scheduled.job);
    outcomes.push(scheduled.outcome);
    end = Math.max(end, scheduled.end);
    previous = scheduled.outcome;
  });
  return { jobs, end, outcome: worst(outcomes) };
}

function scheduleParallelJobs(
  plans: JobPlan[],
  from: number,
  stop: Stopper,
  idOf: IdOf,
  label: string,
): { jobs: JobNode[]; end: number; outcome: Outcome } {
  const results = plans.map((plan, j) => scheduleJob(plan, from, stop, idOf, `${label}:${j}`));
  return {
    jobs: results.map((r) => r.job),
    end: Math.max(from, ...results.filter((r) => r.outcome !== "WAITING").map((r) => r.end)),
    outcome: worst(results.map((r) => r.outcome)),
  };
}

function scheduleStage(
  plan: StagePlan,
  from: number,
  stop: Stopper,
  idOf: IdOf,
  label: string,
): { stage: StageNode; end: number; outcome: Outcome } {
  const id = idOf(label);
  const pre = runSteps(plan.pre, from, stop, idOf, `${label}:pre`);
  const jobsLabel = `${label}:job`;
  const jobs =
    pre.outcome !== "COMPLETED"
      ? {
          jobs: plan.jobs.map((job, j) =>
            neverRunJob(job, notRunSpan(pre.outcome, stop), idOf, `${jobsLabel}:${j}`),
          ),
          end: pre.end,
          outcome: pre.outcome,
        }
      : plan.parallelJobs
        ? scheduleParallelJobs(plan.jobs, pre.end, stop, idOf, jobsLabel)
        : scheduleJobs(plan.jobs, pre.end, stop, idOf, jobsLabel);
  const post =
    jobs.outcome === "COMPLETED"
      ? runSteps(plan.post, jobs.end, stop, idOf, `${label}:post`)
      : { steps: neverRunSteps(plan.post, idOf, `${label}:post`), end: jobs.end, outcome: jobs.outcome };
  const waiting = [pre, jobs, post].find((part) => part.outcome === "WAITING");
  const outcome = post.outcome;
  const pausedAt = waiting === jobs ? pausedAtOf(jobs.jobs) : post.end;
  const span = spanFor(from, outcome === "WAITING" ? pausedAt : post.end, outcome, stop);
  return {
    stage: { id, plan, span, pre: pre.steps, jobs: jobs.jobs, post: post.steps },
    end: post.end,
    outcome,
  };
}

function pausedAtOf(jobs: JobNode[]): number {
  return Math.min(...jobs.flatMap((job) => (job.span.pausedAt === undefined ? [] : [job.span.pausedAt])));
}

export function scheduleRun(plan: RunPlan, idOf: IdOf): ScheduledRun {
  const stop: Stopper = plan.stop
    ? { at: plan.stop.afterMs, kind: plan.stop.kind }
    : { at: Number.POSITIVE_INFINITY, kind: "cancel" };
  const stages: StageNode[] = [];
  let t = 0;
  let outcome: Outcome = "COMPLETED";
  let pausedAt = 0;
  for (const [i, stagePlan] of plan.stages.entries()) {
    const label = `stage:${i}`;
    if (outcome === "COMPLETED" && t >= stop.at) outcome = "STOPPED";
    if (outcome !== "COMPLETED") {
      const notRun = notRunSpan(outcome, stop);
      stages.push({
        id: idOf(label),
        plan: stagePlan,
        span: notRun,
        pre: neverRunSteps(stagePlan.pre, idOf, `${label}:pre`),
        jobs: stagePlan.jobs.map((job, j) => neverRunJob(job, notRun, idOf, `${label}:job:${j}`)),
        post: neverRunSteps(stagePlan.post, idOf, `${label}:post`),
      });
      continue;
    }
    const scheduled = scheduleStage(stagePlan, t, stop, idOf, label);
    stages.push(scheduled.stage);
    t = scheduled.end;
    outcome = scheduled.outcome;
    pausedAt = scheduled.stage.span.pausedAt ?? pausedAt;
  }
  const end = outcome === "STOPPED" ? stop.at : t;
  return { span: spanFor(0, outcome === "WAITING" ? pausedAt : end, outcome, stop), stages };
}
