/**
 * The JSON documents of the CodeArts v5 API, built from the world at one clock time.
 * Field names, order and nulls follow the run-detail reference page (Tables 4–12) and §5.
 */
import { timestampedIdentifier } from "./ids.js";
import type { StepNode } from "./timeline.js";
import { statusAt, timesAt } from "./timeline.js";
import { clockTime, type SimPipelineModel, type SimRunModel, type World } from "./world.js";

/** Where a run is at a moment: its elapsed scenario time and the resulting times. */
interface RunMoment {
  world: World;
  pipeline: SimPipelineModel;
  run: SimRunModel;
  /** Scenario ms since the run started. */
  elapsed: number;
}

export function momentOf(
  world: World,
  pipeline: SimPipelineModel,
  run: SimRunModel,
  scenarioMs: number,
): RunMoment {
  return { world, pipeline, run, elapsed: scenarioMs - run.startAt };
}

function times(m: RunMoment, span: Parameters<typeof timesAt>[0]): { start_time: number; end_time: number } {
  const t = timesAt(span, m.elapsed);
  return { start_time: clockTime(m.world, m.run, t.start), end_time: clockTime(m.world, m.run, t.end) };
}

/**
 * `pause_time` (SDK: int64 on the run and each stage): the ms spent PAUSED so far, e.g. waiting
 * for a manual review. Assumption: the pages give no unit or meaning; the reference (§7) reads it
 * as milliseconds of pause, and 0 for a run that never paused.
 */
function pauseTime(m: RunMoment, span: Parameters<typeof timesAt>[0]): number {
  if (span.pausedAt === undefined || m.elapsed < span.pausedAt) return 0;
  const until = span.endAt === undefined ? m.elapsed : Math.min(m.elapsed, span.endAt);
  // Scenario time runs `speed` times faster than the clock the documents report in.
  return Math.round(Math.max(0, until - span.pausedAt) / m.world.frame.speed);
}

function hasStarted(m: RunMoment, node: { span: Parameters<typeof timesAt>[0] }): boolean {
  return timesAt(node.span, m.elapsed).start !== undefined;
}

export function detailUrl(world: World, pipelineId: string, runId: string): string {
  return `https://devcloud.${world.region}.huaweicloud.com/cicd/project/${world.projectId}/pipeline/detail/${pipelineId}/${runId}?v=1`;
}

function stepDocument(m: RunMoment, step: StepNode, sequence: number, isEntryOrExit: boolean) {
  const started = hasStarted(m, step);
  const { start_time, end_time } = times(m, step.span);
  const status = statusAt(step.span, m.elapsed);
  return {
    name: step.plan.name,
    task: step.plan.task,
    business_type: step.plan.businessType,
    inputs: step.plan.inputs,
    sequence,
    official_task_version: isEntryOrExit ? null : "0.0.1",
    identifier: isEntryOrExit
      ? null
      : timestampedIdentifier(m.pipeline.createdAt, m.world.ids(`${step.id}:identifier`)),
    multi_step_editable: 0,
    id: step.id,
    endpoint_ids: isEntryOrExit ? null : [],
    last_dispatch_id: started ? m.world.ids(`${step.id}:dispatch`) : null,
    status,
    message: status === step.span.final ? (step.span.message ?? null) : null,
    start_time,
    end_time,
  };
}

function stageDocuments(m: RunMoment) {
  return m.run.stages.map((stage, i) => {
    const jobIdentifiers = stage.jobs.map((job) =>
      timestampedIdentifier(m.pipeline.createdAt, m.world.ids(`${job.id}:identifier`)),
    );
    return {
      id: stage.id,
      category: null,
      name: stage.plan.name,
      identifier: String(i),
      run_always: false,
      parallel: stage.plan.parallelJobs ? "true" : null,
      is_select: true,
      sequence: i,
      depends_on: [],
      condition: null,
      status: statusAt(stage.span, m.elapsed),
      ...times(m, stage.span),
      pause_time: pauseTime(m, stage.span),
      pre: stage.pre.map((step, k) => stepDocument(m, step, k, true)),
      post: stage.post.map((step, k) => stepDocument(m, step, k, true)),
      jobs: stage.jobs.map((job, j) => {
        const started = hasStarted(m, job);
        const status = statusAt(job.span, m.elapsed);
        const previous = jobIdentifiers[j - 1];
        return {
          id: job.id,
          category: null,
          sequence: j,
          async: null,
          name: job.plan.name,
          identifier: jobIdentifiers[j],
          depends_on: stage.plan.parallelJobs || previous === undefined ? [] : [previous],
          condition: null,
          resource: job.plan.resource,
          is_select: true,
          timeout: "",
          last_dispatch_id: started ? m.world.ids(`${job.id}:dispatch`) : null,
          status,
          message: status === job.span.final ? (job.span.message ?? null) : null,
          ...times(m, job.span),
          steps: job.steps.map((step, k) => stepDocument(m, step, k, false)),
          exec_id: started ? m.world.ids(`${job.id}:exec`) : null,
        };
      }),
    };
  });
}

function sources(m: RunMoment) {
  const { world, pipeline, run } = m;
  const repo = pipeline.plan.repo;
  const host = `codehub.devcloud.${world.region}.huaweicloud.com`;
  return [
    {
      type: "code",
      params: {
        git_type: "codehub",
        git_url: `https://${host}/demo-shop00001/${repo}.git`,
        ssh_git_url: `git@${host}:demo-shop00001/${repo}.git`,
        web_url: `https://devcloud.${world.region}.huaweicloud.com/codehub/project/${world.projectId}/codehub/${pipeline.codehubId}/home`,
        repo_name: repo,
        default_branch: "main",
        endpoint_id: "",
        codehub_id: pipeline.codehubId,
        alias: "",
        build_params: {
          action: null,
          build_type: run.plan.trigger.tag === undefined ? "branch" : "tag",
          commit_id: run.commitId,
          event_type: run.plan.trigger.type,
          merge_id: null,
          message: run.plan.trigger.commitMessage,
          source_branch: null,
          tag: run.plan.trigger.tag ?? null,
          target_branch: run.plan.trigger.tag === undefined ? run.plan.trigger.branch : null,
          codehub_id: pipeline.codehubId,
          source_codehub_id: null,
          source_codehub_url: null,
          source_codehub_http_url: null,
        },
      },
    },
  ];
}

function artifacts(m: RunMoment, status: string) {
  if (status !== "COMPLETED" || m.run.plan.artifacts === null) return null;
  return m.run.plan.artifacts.map((artifact) => ({
    name: artifact.name,
    packageType: artifact.packageType,
    version: artifact.version,
    downloadUrl: `https://devrepo.devcloud.${m.world.region}.huaweicloud.com/artgalaxy/api/releasedev/${m.world.projectId}/${artifact.name}`,
  }));
}

/** `GET …/pipeline-runs/detail`: the full run document. */
export function runDetailDocument(m: RunMoment, clockNow: number): Record<string, unknown> {
  const { world, pipeline, run } = m;
  const status = statusAt(run.span, m.elapsed);
  return {
    id: run.id,
    pipeline_id: pipeline.id,
    manifest_version: "3.0",
    name: pipeline.name,
    description: run.plan.description,
    is_publish: false,
    executor_id: run.executorId,
    executor_name: run.plan.trigger.executor,
    status,
    trigger_type: run.plan.trigger.type,
    run_number: run.runNumber,
    pause_time: pauseTime(m, run.span),
    ...times(m, run.span),
    stages: stageDocuments(m),
    domain_id: world.domainId,
    project_id: world.projectId,
    region: world.region,
    component_id: "",
    language: "en-us",
    sources: sources(m),
    artifacts: artifacts(m, status),
    subject_id: run.id,
    group_id: null,
    group_name: null,
    detail_url: detailUrl(world, pipeline.id, run.id),
    // Only runs started through the API carry them (see start-stop.ts).
    current_system_time: clockNow,
  };
}

/** Stage times in the list answers are strings (SDK `*string`, the pages' `String`): epoch ms as text. */
function stageTimes(
  m: RunMoment,
  span: Parameters<typeof timesAt>[0],
): { start_time: string; end_time: string } {
  const { start_time, end_time } = times(m, span);
  return { start_time: String(start_time), end_time: String(end_time) };
}

/**
 * A run as the list APIs show it: list runs and `latest_run` of list pipelines (whose stage items
 * carry an `id`), and the latest-status-of-many answer (`PipelineLatestRun`: stage items without
 * `id`, and no pipeline name anywhere).
 */
export function runSummary(m: RunMoment, options: { stageIds: boolean }) {
  const { world, pipeline, run } = m;
  return {
    pipeline_id: pipeline.id,
    pipeline_run_id: run.id,
    executor_id: run.executorId,
    executor_name: run.plan.trigger.executor,
    stage_status_list: run.stages.map((stage, i) => ({
      ...(options.stageIds ? { id: stage.id } : {}),
      name: stage.plan.name,
      sequence: i,
      status: statusAt(stage.span, m.elapsed),
      ...stageTimes(m, stage.span),
    })),
    status: statusAt(run.span, m.elapsed),
    run_number: run.runNumber,
    trigger_type: run.plan.trigger.type,
    build_params: sources(m)[0]?.params.build_params ?? null,
    artifact_params: null,
    ...times(m, run.span),
    modify_url: `https://devcloud.${world.region}.huaweicloud.com/cicd/project/${world.projectId}/pipeline/modify/${pipeline.id}`,
    detail_url: detailUrl(world, pipeline.id, run.id),
  };
}
