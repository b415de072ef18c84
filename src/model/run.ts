/**
 * A lenient, typed view of the run-detail document. The service's schema drifts (reference §6):
 * lists may be null, booleans may be strings, times may be strings, new statuses and fields appear.
 * Normalising never throws on those; it throws only when the answer is not a run at all.
 * `--json` never goes through here: it prints the document exactly as received.
 */

export interface StepView {
  id?: string;
  name?: string;
  /** The extension that runs the step; the only label some entry/exit steps have. */
  task?: string;
  status: string;
  message?: string;
  startTime?: number;
  endTime?: number;
}

export interface JobView {
  id?: string;
  name?: string;
  identifier?: string;
  status: string;
  message?: string;
  startTime?: number;
  endTime?: number;
  dependsOn: string[];
  steps: StepView[];
}

export interface StageView {
  id?: string;
  name?: string;
  identifier?: string;
  status: string;
  sequence?: number;
  /** As sent: the reference types it as a string ("true"/"false") but shows null. */
  parallel?: string;
  dependsOn: string[];
  startTime?: number;
  endTime?: number;
  /** Time the stage spent PAUSED (`pause_time`, ms). */
  pauseMs?: number;
  /** Entry steps, run before the stage's jobs. */
  pre: StepView[];
  jobs: JobView[];
  /** Exit steps, run after the stage's jobs. */
  post: StepView[];
}

export interface SourceView {
  repoName?: string;
  webUrl?: string;
  gitUrl?: string;
  buildType?: string;
  branch?: string;
  tag?: string;
  commitId?: string;
  commitMessage?: string;
}

export interface RunView {
  id?: string;
  pipelineId?: string;
  projectId?: string;
  name?: string;
  runNumber?: number;
  status: string;
  triggerType?: string;
  executorName?: string;
  startTime?: number;
  endTime?: number;
  /** The server's clock when it answered: elapsed times of running items are measured against it. */
  serverTime?: number;
  /** Time spent PAUSED, e.g. waiting for a manual review (`pause_time`, ms): not work. */
  pauseMs?: number;
  detailUrl?: string;
  sources: SourceView[];
  stages: StageView[];
}

/** The answer was valid JSON but not a run document. */
export class NotARunDocumentError extends Error {}

export type Fields = Record<string, unknown>;

export function isFields(value: unknown): value is Fields {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

export function text(value: unknown): string | undefined {
  if (typeof value === "string") return value === "" ? undefined : value;
  if (typeof value === "number" && Number.isFinite(value)) return String(value);
  return undefined;
}

export function integer(value: unknown): number | undefined {
  const n = typeof value === "string" && value.trim() !== "" ? Number(value) : value;
  return typeof n === "number" && Number.isSafeInteger(n) ? n : undefined;
}

/** Epoch milliseconds; 0, null, or anything unparsable means "not yet". */
export function epochMs(value: unknown): number | undefined {
  const n = integer(value);
  return n !== undefined && n > 0 ? n : undefined;
}

function records(value: unknown): Fields[] {
  return Array.isArray(value) ? value.filter(isFields) : [];
}

function strings(value: unknown): string[] {
  if (typeof value === "string") return value === "" ? [] : [value];
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];
}

function statusOf(fields: Fields): string {
  return text(fields.status) ?? "UNKNOWN";
}

function toStep(f: Fields): StepView {
  return {
    id: text(f.id),
    name: text(f.name),
    task: text(f.task),
    status: statusOf(f),
    message: text(f.message),
    startTime: epochMs(f.start_time),
    endTime: epochMs(f.end_time),
  };
}

function toJob(f: Fields): JobView {
  return {
    id: text(f.id),
    name: text(f.name),
    identifier: text(f.identifier),
    status: statusOf(f),
    message: text(f.message),
    startTime: epochMs(f.start_time),
    endTime: epochMs(f.end_time),
    dependsOn: strings(f.depends_on),
    steps: records(f.steps).map(toStep),
  };
}

function toStage(f: Fields): StageView {
  return {
    id: text(f.id),
    name: text(f.name),
    identifier: text(f.identifier),
    status: statusOf(f),
    sequence: integer(f.sequence),
    parallel: typeof f.parallel === "boolean" ? String(f.parallel) : text(f.parallel),
    dependsOn: strings(f.depends_on),
    startTime: epochMs(f.start_time),
    endTime: epochMs(f.end_time),
    pauseMs: epochMs(f.pause_time),
    pre: records(f.pre).map(toStep),
    jobs: records(f.jobs).map(toJob),
    post: records(f.post).map(toStep),
  };
}

function toSource(f: Fields): SourceView {
  const params = isFields(f.params) ? f.params : {};
  const build = isFields(params.build_params) ? params.build_params : {};
  return {
    repoName: text(params.repo_name),
    webUrl: text(params.web_url),
    gitUrl: text(params.git_url),
    buildType: text(build.build_type),
    branch: text(build.source_branch) ?? text(build.target_branch) ?? text(params.default_branch),
    tag: text(build.tag),
    commitId: text(build.commit_id),
    commitMessage: text(build.message),
  };
}

export function normaliseRun(document: unknown): RunView {
  if (!isFields(document)) {
    throw new NotARunDocumentError("the answer is not a JSON object");
  }
  if (typeof document.status !== "string" || document.status === "") {
    throw new NotARunDocumentError("the answer has no run status");
  }
  return {
    id: text(document.id),
    pipelineId: text(document.pipeline_id),
    projectId: text(document.project_id),
    name: text(document.name),
    runNumber: integer(document.run_number),
    status: document.status,
    triggerType: text(document.trigger_type),
    executorName: text(document.executor_name),
    startTime: epochMs(document.start_time),
    endTime: epochMs(document.end_time),
    serverTime: epochMs(document.current_system_time),
    pauseMs: epochMs(document.pause_time),
    detailUrl: text(document.detail_url),
    sources: records(document.sources).map(toSource),
    stages: records(document.stages).map(toStage),
  };
}
