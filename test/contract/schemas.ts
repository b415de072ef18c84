/**
 * The answers of every API the CLI calls, as schemas written from the official SDK models
 * (huaweicloud-sdk-go-v3 `services/codeartspipeline/v2/model`, checked 2026-12; the Python SDK
 * agrees): which fields exist and whether each is a string, an integer or a boolean. Used by the
 * simulator's schema tests, the contract fixtures' tests and `npm run smoke`.
 */
import { anything, arr, bool, int, obj, oneOf, present, type Schema, str } from "./schema.js";

/** `*BuildParams` of the list answers (ListPipelineRunsPageBuildParams and friends). */
const buildParams = obj({
  action: str,
  build_type: str,
  commit_id: str,
  event_type: str,
  merge_id: str,
  message: str,
  source_branch: str,
  tag: str,
  target_branch: str,
  codehub_id: str,
  git_url: str,
  source_codehub_id: str,
  source_codehub_url: str,
  source_codehub_http_url: str,
});

const artifactParams = obj({ version: str, branch_filter: str, package_name: str, organization: str });

/** `stage_status_list[]`: times are strings (`*string`); `id` only in the list answers. */
function stageStatus(withId: boolean): Schema {
  return obj({
    ...(withId ? { id: str } : {}),
    name: str,
    sequence: int,
    status: str,
    start_time: str,
    end_time: str,
  });
}

/** A run in a list answer: ListPipelineRunsPagePipelineRuns, ListPipelinesPageLatestRun, PipelineLatestRun. */
function runItemFields(stageIds: boolean): Record<string, Schema> {
  return {
    pipeline_id: str,
    pipeline_run_id: str,
    executor_id: str,
    executor_name: str,
    stage_status_list: arr(stageStatus(stageIds)),
    status: str,
    run_number: int,
    trigger_type: str,
    build_params: buildParams,
    artifact_params: artifactParams,
    start_time: int,
    end_time: int,
    modify_url: str,
    detail_url: str,
  };
}

/** `POST /v5/{project_id}/api/pipelines/status`: PipelineLatestRun items, no name (reference §7). */
export const latestStatusAnswer: Schema = arr(obj({ ...runItemFields(false), pipeline_id: present(str) }));

/** `POST /v5/{project_id}/api/pipelines/list` (ListPipelinesResponse). */
export const listPipelinesAnswer: Schema = obj({
  offset: int,
  limit: int,
  total: present(int),
  pipelines: arr(
    obj({
      pipeline_id: present(str),
      name: present(str),
      project_id: str,
      project_name: str,
      component_id: str,
      is_publish: bool,
      is_collect: bool,
      manifest_version: str,
      create_time: int,
      latest_run: obj(runItemFields(true)),
      convert_sign: int,
      security_level: int,
    }),
  ),
});

/** `POST …/pipelines/{pipeline_id}/pipeline-runs/list` (ListPipelineRunsResponse). */
export const listRunsAnswer: Schema = obj({
  offset: int,
  limit: int,
  total: present(int),
  pipeline_runs: arr(obj(runItemFields(true))),
});

/** `POST …/steps/{step_run_id}/logs` (ShowPipelineLogResponse; the page also lists `location`). */
export const stepLogAnswer: Schema = obj({
  has_more: present(bool),
  end_offset: str,
  start_offset: str,
  log: str,
  location: str,
  step_run_id: str,
});

/*
 * Run detail. Fields marked DRIFT are not in the current SDK model but are seen in other doc and
 * SDK versions (reference §6); the simulator's `drift` fault sends them, the client must survive them.
 */
const stepRun = obj({
  name: str,
  task: str,
  business_type: str,
  inputs: arr(obj({ key: str, value: anything })),
  sequence: int,
  official_task_version: str,
  identifier: str,
  // DRIFT: a boolean in some versions.
  multi_step_editable: oneOf(int, bool),
  id: str,
  // DRIFT: a string in some versions.
  endpoint_ids: oneOf(arr(str), str),
  last_dispatch_id: str,
  status: str,
  message: str,
  start_time: int,
  end_time: int,
  // DRIFT: newer fields.
  daily_build_number: str,
  step_outputs: obj({}, { open: true }),
});

const jobRun = obj({
  id: str,
  category: str,
  sequence: int,
  // DRIFT: a boolean in some versions (the model: string).
  async: oneOf(str, bool),
  name: str,
  identifier: str,
  depends_on: arr(str),
  condition: str,
  resource: str,
  is_select: bool,
  timeout: str,
  last_dispatch_id: str,
  status: str,
  message: str,
  start_time: int,
  end_time: int,
  steps: arr(stepRun),
  exec_id: str,
});

const stageRun = obj({
  id: str,
  category: str,
  name: str,
  identifier: str,
  run_always: bool,
  parallel: str,
  is_select: bool,
  sequence: int,
  depends_on: arr(str),
  condition: str,
  status: str,
  start_time: int,
  end_time: int,
  pause_time: int,
  pre: arr(stepRun),
  post: arr(stepRun),
  jobs: arr(jobRun),
  // DRIFT: a newer field.
  stage_tags: arr(anything),
});

const runSource = obj({
  type: str,
  params: obj({
    git_type: str,
    git_url: str,
    ssh_git_url: str,
    web_url: str,
    repo_name: str,
    default_branch: str,
    endpoint_id: str,
    codehub_id: str,
    alias: str,
    build_params: buildParams,
  }),
});

/** `GET …/pipeline-runs/detail` (ShowPipelineRunDetailResponse). */
export const runDetailAnswer: Schema = obj({
  id: present(str),
  pipeline_id: str,
  manifest_version: str,
  name: str,
  description: str,
  is_publish: bool,
  executor_id: str,
  executor_name: str,
  status: present(str),
  trigger_type: str,
  run_number: int,
  pause_time: int,
  start_time: int,
  end_time: int,
  stages: arr(stageRun),
  domain_id: str,
  project_id: str,
  region: str,
  component_id: str,
  language: str,
  sources: arr(runSource),
  // PackageInfo: camelCase in the model itself. DRIFT: md5.
  artifacts: arr(obj({ name: str, packageType: str, version: str, downloadUrl: str, md5: str })),
  subject_id: str,
  group_id: str,
  group_name: str,
  detail_url: str,
  // DRIFT: a string in some versions (the model: int64).
  current_system_time: oneOf(int, str),
  // DRIFT: a newer field.
  concurrency_strategy: str,
});

/** `POST …/pipelines/{pipeline_id}/run` (RunPipelineResponse). */
export const runPipelineAnswer: Schema = obj({ pipeline_run_id: present(str) });

/** `POST …/pipeline-runs/{pipeline_run_id}/stop` (StopPipelineRunResponse). */
export const stopRunAnswer: Schema = obj({ success: present(bool) });

/** CodeArts and API gateway errors (reference §4). */
export const codeArtsErrorAnswer: Schema = obj({ error_code: present(str), error_msg: present(str) });

/** IAM errors. */
export const iamErrorAnswer: Schema = obj({
  error: present(obj({ code: present(str), message: str, title: str })),
});

const iamDomain = obj({ id: str, name: str });

/** `POST /v3/auth/tokens` (password): the token is in the X-Subject-Token header, this is the body. */
export const iamTokenAnswer: Schema = obj({
  token: present(
    obj({
      expires_at: present(str),
      issued_at: str,
      methods: arr(str),
      catalog: arr(anything),
      domain: iamDomain,
      project: obj({ id: present(str), name: str, domain: iamDomain }),
      roles: arr(obj({ id: str, name: str })),
      user: obj({
        id: str,
        name: str,
        domain: iamDomain,
        password_expires_at: str,
        "OS-FEDERATION": anything,
      }),
      assumed_by: anything,
    }),
  ),
});

/** `GET /v3/projects?name=<region>`. */
export const iamProjectsAnswer: Schema = obj({
  projects: present(
    arr(
      obj({
        id: present(str),
        name: str,
        domain_id: str,
        description: str,
        enabled: bool,
        is_domain: bool,
        parent_id: str,
        links: obj({ self: str }, { open: true }),
      }),
    ),
  ),
  links: obj({ self: str, next: str, previous: str }),
});
