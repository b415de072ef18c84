/** What the CLI asks the CodeArts API for, and the pages it reads back (see codearts.ts). */

export interface RunDetailQuery {
  projectId: string;
  pipelineId: string;
  /** Without it the service answers with the pipeline's latest run. */
  runId?: string;
}

export interface PipelineListQuery {
  projectId: string;
  /** The service filters by this substring of the name. */
  name?: string;
  offset: number;
  limit: number;
}

export interface PipelineSummary {
  id: string;
  name: string;
}

export interface PipelinePage {
  total: number;
  pipelines: PipelineSummary[];
  /** Items the page held, readable or not: what the next page's offset moves on by. */
  received: number;
}

export interface RunListQuery {
  projectId: string;
  pipelineId: string;
  /** Only runs with one of these statuses; empty or absent: every run. */
  statuses?: string[];
  offset: number;
  limit: number;
}

export interface RunPage {
  total: number;
  /** The run objects exactly as the service sent them, newest first. */
  runs: Record<string, unknown>[];
}

export interface StepLogQuery {
  projectId: string;
  pipelineId: string;
  runId: string;
  jobRunId: string;
  stepRunId: string;
  /** Lines per request. */
  pageSize: number;
}
