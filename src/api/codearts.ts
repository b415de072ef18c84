import { ApiError } from "../core/errors.js";
import { ExitCode } from "../core/exit-codes.js";
import { type Fields, integer, isFields } from "../model/run.js";
import { sanitizeText } from "../text/sanitize.js";
import type { Authenticator } from "./authenticator.js";
import type { HttpClient, HttpRequest, HttpResponse } from "./http.js";
import type {
  PipelineListQuery,
  PipelinePage,
  RunDetailQuery,
  RunListQuery,
  RunPage,
  StepLogQuery,
} from "./queries.js";
import { sameDocument } from "./same-document.js";
import { errorFromResponse, readServiceError } from "./service-error.js";

export type {
  PipelineListQuery,
  PipelinePage,
  PipelineSummary,
  RunDetailQuery,
  RunListQuery,
  RunPage,
  StepLogQuery,
} from "./queries.js";

/** A JSON answer kept both as received (for --json) and parsed. */
export interface JsonAnswer {
  raw: Buffer;
  document: unknown;
  requestId?: string;
  /** The server's clock from the HTTP `Date` header (to the second), for answers without `current_system_time`. */
  serverTime?: number;
  /** Set when the body matched the `previous` answer given (same-document.ts) and was not parsed. */
  unchanged?: boolean;
}

function httpDate(value: string | undefined): number | undefined {
  const ms = value === undefined ? Number.NaN : Date.parse(value);
  return Number.isNaN(ms) ? undefined : ms;
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

/** A log offset as the service sends it: a decimal string (documented) or a number (lenient). */
function logOffset(value: unknown): number | undefined {
  const n = typeof value === "string" && /^\d+$/.test(value.trim()) ? Number(value) : value;
  return typeof n === "number" && Number.isSafeInteger(n) && n >= 0 ? n : undefined;
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
    return { total: integer(page.total) ?? pipelines.length, pipelines, received: page.pipelines.length };
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
   * by page as each arrives. Offsets are positions the server chooses, sent as decimal strings
   * (reference §7); each answer's `end_offset` is the next request's `start_offset`. It stops on
   * `has_more: false`, an empty page, or an offset that does not move forward, so a server that
   * keeps saying "more" cannot keep us asking forever.
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
      const log = page.log ?? "";
      yield log;
      const next = logOffset(page.end_offset);
      if (page.has_more !== true || log === "" || next === undefined || next <= offset) return;
      offset = next;
    }
  }

  /**
   * `POST …/pipelines/{pipeline_id}/run`: starts a run, answers its id. Never sent twice, except
   * after a 429 with Retry-After (the service refused it); see src/handlers/run.ts for what a
   * failure here means.
   */
  async startRun(projectId: string, pipelineId: string, body: Record<string, unknown>): Promise<string> {
    const url = this.pipelinesUrl(projectId, [pipelineId, "run"]);
    const action = "could not start the pipeline";
    const answer = await this.call(
      {
        method: "POST",
        url,
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify(body),
        retryWhenRefused: true,
      },
      action,
    );
    const id = (answer.document as { pipeline_run_id?: unknown }).pipeline_run_id;
    if (typeof id !== "string" || id === "")
      throw malformed(action, "the answer has no pipeline_run_id", answer);
    return id;
  }

  /** `POST …/pipelines/{pipeline_id}/pipeline-runs/{pipeline_run_id}/stop`. */
  async stopRun(projectId: string, pipelineId: string, runId: string): Promise<void> {
    const url = this.pipelinesUrl(projectId, [pipelineId, "pipeline-runs", runId, "stop"]);
    // Stopping twice does no harm, but a stop is still only sent once: the user sees what happened.
    await this.call(
      { method: "POST", url, headers: { "Content-Type": "application/json" }, body: "{}" },
      "could not stop the run",
    );
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
        serverTime: httpDate(response.headers.date),
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
    return {
      raw: response.body,
      document,
      requestId: response.headers["x-request-id"],
      serverTime: httpDate(response.headers.date),
    };
  }
}
