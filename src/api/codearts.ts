import type { Authenticator } from "../auth/authenticator.js";
import { ApiError } from "../errors.js";
import { ExitCode } from "../exit-codes.js";
import type { HttpClient, HttpResponse } from "./http.js";
import { errorFromResponse, readServiceError } from "./service-error.js";

/** A JSON answer kept both as received (for --json) and parsed. */
export interface JsonAnswer {
  raw: Buffer;
  document: unknown;
  requestId?: string;
}

export interface RunDetailQuery {
  projectId: string;
  pipelineId: string;
  /** Without it the service answers with the pipeline's latest run. */
  runId?: string;
}

function parseJson(response: HttpResponse): unknown {
  try {
    return JSON.parse(response.body.toString("utf8"));
  } catch {
    return undefined;
  }
}

/** The CodeArts Pipeline v5 API: builds paths, adds credentials, turns error answers into ApiErrors. */
export class CodeArtsApi {
  constructor(
    private readonly http: HttpClient,
    private readonly baseUrl: URL,
    private readonly auth: Authenticator,
  ) {}

  /** `GET /v5/{project_id}/api/pipelines/{pipeline_id}/pipeline-runs/detail[?pipeline_run_id=]` */
  getRunDetail(query: RunDetailQuery): Promise<JsonAnswer> {
    const url = this.urlFor([
      "v5",
      query.projectId,
      "api",
      "pipelines",
      query.pipelineId,
      "pipeline-runs",
      "detail",
    ]);
    if (query.runId !== undefined) url.searchParams.set("pipeline_run_id", query.runId);
    return this.getJson(url, "could not get the pipeline run");
  }

  /** Joins encoded path segments under the base URL, keeping any path prefix it has. */
  private urlFor(segments: string[]): URL {
    const url = new URL(this.baseUrl.href);
    const prefix = url.pathname.replace(/\/+$/, "");
    url.pathname = `${prefix}/${segments.map(encodeURIComponent).join("/")}`;
    return url;
  }

  private async getJson(url: URL, action: string): Promise<JsonAnswer> {
    const headers = {
      Accept: "application/json",
      ...(await this.auth.headersFor({ method: "GET", url })),
    };
    const response = await this.http.send({ method: "GET", url, headers });
    const document = parseJson(response);
    // CodeArts sometimes reports an error with HTTP 200 (reference §4), so a 2xx body is checked too.
    if (response.status < 200 || response.status >= 300 || readServiceError(document) !== undefined) {
      throw errorFromResponse(action, response, document);
    }
    const requestId = response.headers["x-request-id"];
    if (document === undefined) {
      throw new ApiError(
        `${action}: the answer is not valid JSON (HTTP ${response.status}, ${response.body.length} bytes${requestId ? `; request id ${requestId}` : ""})`,
        ExitCode.ApiFailure,
        { httpStatus: response.status, requestId },
        "the answer was cut short or garbled; try again",
      );
    }
    return { raw: response.body, document, requestId };
  }
}
