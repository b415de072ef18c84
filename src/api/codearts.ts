import type { Authenticator } from "../auth/authenticator.js";
import { ApiError } from "../errors.js";
import { ExitCode } from "../exit-codes.js";
import { type Fields, isFields } from "../model/run.js";
import { sanitizeText } from "../render/sanitize.js";
import type { HttpClient, HttpRequest, HttpResponse } from "./http.js";
import { sameDocument } from "./same-document.js";
import { errorFromResponse, readServiceError } from "./service-error.js";

/** A JSON answer kept both as received (for --json) and parsed. */
export interface JsonAnswer {
  raw: Buffer;
  document: unknown;
  requestId?: string;
  /** Set when the body matched the `previous` answer given (same-document.ts) and was not parsed. */
  unchanged?: boolean;
}

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

function parseJson(response: HttpResponse): unknown {
  try {
    return JSON.parse(response.body.toString("utf8"));
  } catch {
    return undefined;
  }
}

function unreadable(action: string, response: HttpResponse, what: string): ApiError {
  const requestId = response.headers["x-request-id"];
  return new ApiError(
    `${action}: ${what} (HTTP ${response.status}, ${response.body.length} bytes${requestId ? `; request id ${requestId}` : ""})`,
    ExitCode.ApiFailure,
    { httpStatus: response.status, requestId },
    "the answer was cut short or garbled; try again",
  );
}

/** A JSON answer of the wrong shape: the API failed us (exit 5). */
function malformed(action: string, what: string, answer: JsonAnswer): ApiError {
  const requestId = answer.requestId;
  return new ApiError(
    `${action}: ${what}${requestId ? ` (request id ${sanitizeText(requestId)})` : ""}`,
    ExitCode.ApiFailure,
    { requestId },
    "the service answered in a shape this version does not know; try again, or report it with --debug output",
  );
}

/** The CodeArts Pipeline v5 API: builds paths, adds credentials, turns error answers into ApiErrors. */
export class CodeArtsApi {
  constructor(
    private readonly http: HttpClient,
    private readonly baseUrl: URL,
    private readonly auth: Authenticator,
  ) {}

  /** `GET /v5/{project_id}/api/pipelines/{pipeline_id}/pipeline-runs/detail[?pipeline_run_id=]` */
  getRunDetail(query: RunDetailQuery, previous?: JsonAnswer): Promise<JsonAnswer> {
    const url = this.pipelinesUrl(query.projectId, [query.pipelineId, "pipeline-runs", "detail"]);
    if (query.runId !== undefined) url.searchParams.set("pipeline_run_id", query.runId);
    return this.call({ method: "GET", url, headers: {} }, "could not get the pipeline run", previous);
  }

  /** `POST /v5/{project_id}/api/pipelines/list`: one page of the project's pipelines. */
  async listPipelines(query: PipelineListQuery): Promise<PipelinePage> {
    const url = this.pipelinesUrl(query.projectId, ["list"]);
    const body = JSON.stringify({ name: query.name, offset: query.offset, limit: query.limit });
    const action = "could not list the project's pipelines";
    const answer = await this.call(this.readingPost(url, body), action);
    const page = answer.document as { total?: unknown; pipelines?: unknown };
    if (!Array.isArray(page.pipelines)) throw malformed(action, "the answer has no pipeline list", answer);
    const pipelines = page.pipelines.flatMap((p: { pipeline_id?: unknown; name?: unknown }) =>
      typeof p?.pipeline_id === "string" && typeof p.name === "string"
        ? [{ id: p.pipeline_id, name: p.name }]
        : [],
    );
    return { total: typeof page.total === "number" ? page.total : pipelines.length, pipelines };
  }

  /**
   * `POST /v5/{project_id}/api/pipelines/status` (body: the pipeline ids): the latest run of each,
   * as list-runs items plus `pipeline_id` and `name`. Unknown ids are left out of the answer.
   */
  async latestStatuses(projectId: string, pipelineIds: string[]): Promise<JsonAnswer & { runs: Fields[] }> {
    const url = this.pipelinesUrl(projectId, ["status"]);
    const action = "could not get the pipelines' latest runs";
    const answer = await this.call(this.readingPost(url, JSON.stringify(pipelineIds)), action);
    if (!Array.isArray(answer.document)) throw malformed(action, "the answer is not a list", answer);
    return { ...answer, runs: answer.document.filter(isFields) };
  }

  /** `POST …/pipelines/{pipeline_id}/pipeline-runs/list`: one page of a pipeline's runs, newest first. */
  async listRuns(query: RunListQuery): Promise<RunPage> {
    const url = this.pipelinesUrl(query.projectId, [query.pipelineId, "pipeline-runs", "list"]);
    const body = JSON.stringify({
      status: query.statuses?.length ? query.statuses : undefined,
      offset: query.offset,
      limit: query.limit,
      sort_key: "start_time",
      sort_dir: "desc",
    });
    const action = "could not list the pipeline's runs";
    const answer = await this.call(this.readingPost(url, body), action);
    const page = answer.document as { total?: unknown; pipeline_runs?: unknown };
    // A pipeline that never ran may answer with a null list.
    const list = page.pipeline_runs ?? [];
    if (!Array.isArray(list)) throw malformed(action, "the answer has no run list", answer);
    const runs = list.filter(
      (run): run is Record<string, unknown> => typeof run === "object" && run !== null && !Array.isArray(run),
    );
    return { total: typeof page.total === "number" ? page.total : runs.length, runs };
  }

  /**
   * `POST …/pipeline-runs/{run_id}/jobs/{job_run_id}/steps/{step_run_id}/logs`: the step's log, page
   * by page as each arrives, until the service says there is no more.
   */
  async *stepLog(query: StepLogQuery): AsyncGenerator<string> {
    const url = this.pipelinesUrl(query.projectId, [
      query.pipelineId,
      "pipeline-runs",
      query.runId,
      "jobs",
      query.jobRunId,
      "steps",
      query.stepRunId,
      "logs",
    ]);
    const action = "could not get the step's log";
    for (let offset = 0; ; ) {
      const body = JSON.stringify({ start_offset: offset, limit: query.pageSize, sort: "asc" });
      const answer = await this.call(this.readingPost(url, body), action);
      const page = answer.document as { log?: unknown; has_more?: unknown; end_offset?: unknown };
      if (page.log !== null && page.log !== undefined && typeof page.log !== "string") {
        throw malformed(action, "the answer has no log text", answer);
      }
      yield page.log ?? "";
      if (page.has_more !== true) return;
      // A page that does not move forward would have us ask for it forever.
      if (typeof page.end_offset !== "number" || page.end_offset <= offset) {
        throw malformed(action, "the service said there is more but gave no next offset", answer);
      }
      offset = page.end_offset;
    }
  }

  /** A POST that only reads, so the retry layer may send it again. */
  private readingPost(url: URL, body: string): HttpRequest {
    return { method: "POST", url, headers: { "Content-Type": "application/json" }, body, idempotent: true };
  }

  /** `/v5/{project_id}/api/pipelines/…`, every segment encoded. */
  private pipelinesUrl(projectId: string, segments: string[]): URL {
    return this.urlFor(["v5", projectId, "api", "pipelines", ...segments]);
  }

  /** Joins encoded path segments under the base URL, keeping any path prefix it has. */
  private urlFor(segments: string[]): URL {
    const url = new URL(this.baseUrl.href);
    const prefix = url.pathname.replace(/\/+$/, "");
    url.pathname = `${prefix}/${segments.map(encodeURIComponent).join("/")}`;
    return url;
  }

  private async sendAuthorized(request: HttpRequest): Promise<HttpResponse> {
    const credentials = await this.auth.headersFor(request);
    return this.http.send({
      ...request,
      headers: { Accept: "application/json", ...request.headers, ...credentials },
    });
  }

  /** `previous`: a good answer to the same request; a 2xx body that matches it is not parsed again. */
  private async call(request: HttpRequest, action: string, previous?: JsonAnswer): Promise<JsonAnswer> {
    let response = await this.sendAuthorized(request);
    // An expired cached IAM token earns one fresh token and one retry; nothing else is retried here.
    if (response.status === 401 && this.auth.renew && (await this.auth.renew())) {
      response = await this.sendAuthorized(request);
    }
    const ok = response.status >= 200 && response.status < 300;
    if (previous && ok && sameDocument(previous.raw, response.body)) {
      return {
        ...previous,
        raw: response.body,
        requestId: response.headers["x-request-id"],
        unchanged: true,
      };
    }
    const document = parseJson(response);
    // CodeArts sometimes reports an error with HTTP 200 (reference §4), so a 2xx body is checked too.
    if (response.status < 200 || response.status >= 300 || readServiceError(document) !== undefined) {
      const error = errorFromResponse(action, response, document);
      // Only the authenticator knows which credentials were refused and where they came from.
      if (response.status !== 401) throw error;
      throw new ApiError(error.message, error.exitCode, error.details, this.auth.refusalHint);
    }
    if (document === undefined) throw unreadable(action, response, "the answer is not valid JSON");
    return { raw: response.body, document, requestId: response.headers["x-request-id"] };
  }
}
