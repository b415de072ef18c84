/** Answers the simulator sends, and the error bodies of the services it imitates. */
import { jacksonJson } from "./json-style.js";

export interface SimResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export const JSON_CONTENT_TYPE = "application/json;charset=UTF-8";

/** A CodeArts success body, pretty-printed like the service. */
export function jsonResponse(
  status: number,
  value: unknown,
  headers: Record<string, string> = {},
): SimResponse {
  return { status, headers: { "Content-Type": JSON_CONTENT_TYPE, ...headers }, body: jacksonJson(value) };
}

/** `{"error_code","error_msg"}`: CodeArts and the API gateway. */
export function codeArtsError(status: number, code: string, message: string): SimResponse {
  return {
    status,
    headers: { "Content-Type": JSON_CONTENT_TYPE },
    body: JSON.stringify({ error_code: code, error_msg: message }),
  };
}

/** `{"error":{"code","message","title"}}`: IAM. */
export function iamError(status: number, code: string, message: string, title: string): SimResponse {
  return {
    status,
    headers: { "Content-Type": JSON_CONTENT_TYPE },
    body: JSON.stringify({ error: { code, message, title } }),
  };
}

/**
 * Error codes. The documented ones come from reference §4 and §7. The ones marked UNDOCUMENTED
 * are the simulator's own: the real service's code and body for that case are not published
 * (observed shape unknown), so a client must never depend on them; it may only rely on the HTTP
 * status and the `{error_code, error_msg}` shape.
 */
export const ErrorCodes = {
  apiNotFound: "APIGW.0101",
  badAuthentication: "APIGW.0301",
  throttled: "APIGW.0308",
  /** Documented for HTTP 502 ("backend unavailable", §7); the `503` fault sends it with 503. */
  backendUnavailable: "APIGW.0202",
  /** UNDOCUMENTED: the gateway gave up waiting for the backend (the start-lost fault). */
  gatewayTimeout: "APIGW.0203",
  /** Project not found, and also "not a member of this project" (§7). */
  projectNotFound: "DEVPIPE.00011412",
  projectMismatch: "DEVPIPE.00011136",
  pipelineNotFound: "DEVPIPE.00011401",
  /** UNDOCUMENTED: run id unknown. */
  runNotFound: "DEVPIPE.00011402",
  /** UNDOCUMENTED: run detail of a pipeline that never ran. */
  noRuns: "DEVPIPE.00011410",
  /** UNDOCUMENTED: step not in the run. */
  logNotFound: "DEVPIPE.00011420",
  /** UNDOCUMENTED: a request parameter is invalid. */
  invalidParameter: "DEVPIPE.00011100",
  /** UNDOCUMENTED: the token's user may not read the project. */
  noPermission: "DEVPIPE.00011106",
  /** UNDOCUMENTED: an error body sent with HTTP 200 or 500. */
  systemBusy: "DEVPIPE.00011500",
  iamBadRequest: "1100",
  iamWrongCredentials: "1101",
} as const;

/** The codes above that are the simulator's invention, in one place, for tests and docs. */
export const UNDOCUMENTED_ERROR_CODES: ReadonlySet<string> = new Set([
  ErrorCodes.runNotFound,
  ErrorCodes.noRuns,
  ErrorCodes.logNotFound,
  ErrorCodes.invalidParameter,
  ErrorCodes.noPermission,
  ErrorCodes.systemBusy,
  ErrorCodes.gatewayTimeout,
]);

export function badParameter(message: string): SimResponse {
  return codeArtsError(400, ErrorCodes.invalidParameter, `Invalid parameter: ${message}`);
}
