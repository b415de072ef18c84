import { STATUS_CODES } from "node:http";
import { ApiError } from "../core/errors.js";
import { ExitCode, type ExitCodeValue } from "../core/exit-codes.js";
import { sanitizeText } from "../text/sanitize.js";
import type { HttpResponse } from "./http.js";

/**
 * Turns an error answer into one clear ApiError: what failed, the service's code and message, the
 * X-Request-Id Huawei support asks for, the exit code of the contract, and a hint where we know one.
 */

export interface ServiceError {
  code?: string;
  message?: string;
}

function field(value: unknown): string | undefined {
  if (typeof value === "string" && value !== "") return value;
  if (typeof value === "number") return String(value);
  return undefined;
}

/** Reads the error body shapes seen across Huawei Cloud services (reference §4). */
export function readServiceError(body: unknown): ServiceError | undefined {
  if (typeof body !== "object" || body === null || Array.isArray(body)) return undefined;
  const b = body as Record<string, unknown>;
  const shapes: Array<[unknown, unknown]> = [
    [b.error_code, b.error_msg],
    [b.errorCode, b.errorMsg],
  ];
  if (typeof b.error === "object" && b.error !== null) {
    const nested = b.error as Record<string, unknown>;
    shapes.push([nested.code, nested.message]);
  }
  shapes.push([b.code, b.message]);
  for (const [code, message] of shapes) {
    const found = { code: field(code), message: field(message) };
    if (found.code !== undefined) return found;
  }
  return undefined;
}

/**
 * A documented "this pipeline or project is not there (for you)" answer, as against a not-found
 * whose code the pages do not give (e.g. the run detail of a pipeline that never ran).
 */
export function isDocumentedAbsence(errorCode: string | undefined): boolean {
  return errorCode !== undefined && KNOWN_CODES[errorCode]?.exitCode === ExitCode.NotFound;
}

interface KnownCode {
  exitCode: ExitCodeValue;
  summary: string;
  hint: string;
}

const KNOWN_CODES: Readonly<Record<string, KnownCode>> = {
  "DEVPIPE.00011401": {
    exitCode: ExitCode.NotFound,
    summary: "pipeline not found",
    hint: "check the pipeline id: it is the 32-character id in the pipeline's address in CodeArts",
  },
  // Also the answer to a user who is not a member of the project (reference §7).
  "DEVPIPE.00011412": {
    exitCode: ExitCode.NotFound,
    summary: "project not found, or you are not a member of it",
    hint: "check --project / CODEARTS_PROJECT_ID (the CodeArts project id, not the IAM project id) and that your user is a member of that project",
  },
  DEV_21_100169: {
    exitCode: ExitCode.NotFound,
    summary: "project not found",
    hint: "check --project / CODEARTS_PROJECT_ID: it is the CodeArts project id, not the IAM project id",
  },
  "DEVPIPE.00011136": {
    exitCode: ExitCode.NotFound,
    summary: "the pipeline does not belong to this project",
    hint: "check --project / CODEARTS_PROJECT_ID: use the project the pipeline was created in",
  },
  "APIGW.0301": {
    exitCode: ExitCode.Auth,
    summary: "the service refused the credentials",
    hint: "check the credentials: `codearts-run config show` says where they come from",
  },
  "APIGW.0308": {
    exitCode: ExitCode.ApiFailure,
    summary: "the service is throttling requests",
    hint: "wait a little and try again",
  },
};

function byHttpStatus(status: number): KnownCode {
  if (status === 401) return KNOWN_CODES["APIGW.0301"] as KnownCode;
  if (status === 403) {
    return {
      exitCode: ExitCode.Auth,
      summary: "permission refused",
      hint: "the user needs permission to view pipelines in this CodeArts project",
    };
  }
  if (status === 404) {
    return {
      exitCode: ExitCode.NotFound,
      summary: "not found",
      // The pages give no code for the latest run of a pipeline that has none: it lands here.
      hint: "check the project, pipeline and run ids; a pipeline that has never run has no run to show (`codearts-run runs <pipeline>` lists its runs)",
    };
  }
  if (status === 429) return KNOWN_CODES["APIGW.0308"] as KnownCode;
  return {
    exitCode: ExitCode.ApiFailure,
    summary: status >= 500 ? "the service failed" : "the service refused the request",
    hint:
      status >= 500 ? "this is on the service's side; try again later" : "report this with the request id",
  };
}

function short(text: string, limit: number): string {
  const clean = sanitizeText(text).trim();
  return clean.length > limit ? `${clean.slice(0, limit - 3)}...` : clean;
}

/**
 * Summarises a body that is not JSON, e.g. a gateway's HTML error page, without dumping it: by its
 * <title>, or, for a page without one, by the HTTP status line ("502 Bad Gateway").
 */
function describeNonJson(response: HttpResponse): string {
  const text = response.body.toString("utf8");
  const title = /<title[^>]*>([^<]*)<\/title>/i.exec(text)?.[1]?.trim();
  const type = response.headers["content-type"]?.split(";")[0] ?? "no content type";
  if (text.trim() === "") return "an empty answer";
  const reason = STATUS_CODES[response.status];
  const summary = title || (reason ? `${response.status} ${reason}` : undefined);
  return summary
    ? `a non-JSON answer (${short(type, 40)}: "${short(summary, 80)}")`
    : `a non-JSON answer (${short(type, 40)})`;
}

/**
 * Builds the error for an answer that is not the document we asked for. `body` is the parsed JSON,
 * or undefined when the body is not JSON.
 */
export function errorFromResponse(action: string, response: HttpResponse, body: unknown): ApiError {
  const requestId = response.headers["x-request-id"];
  const service = body === undefined ? undefined : readServiceError(body);
  const known = (service?.code && KNOWN_CODES[service.code]) || byHttpStatus(response.status);
  const details = [`HTTP ${response.status}`];
  if (service?.code)
    details.push(short(service.code, 60) + (service.message ? `: ${short(service.message, 300)}` : ""));
  else if (body === undefined) details.push(describeNonJson(response));
  if (requestId) details.push(`request id ${short(requestId, 80)}`);
  return new ApiError(
    `${action}: ${known.summary} (${details.join("; ")})`,
    known.exitCode,
    {
      httpStatus: response.status,
      errorCode: service?.code,
      errorMessage: service?.message,
      requestId,
      retryAfter: response.headers["retry-after"],
    },
    known.hint,
  );
}
