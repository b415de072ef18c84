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
 * Error codes. From reference §4 where it names one; the others are the simulator's choice,
 * shaped like the real ones.
 */
export const ErrorCodes = {
  apiNotFound: "APIGW.0101",
  badAuthentication: "APIGW.0301",
  throttled: "APIGW.0308",
  /** Simulator's choice. */
  backendUnavailable: "APIGW.0202",
  /** Simulator's choice. */
  gatewayTimeout: "APIGW.0203",
  projectNotFound: "DEVPIPE.00011412",
  projectMismatch: "DEVPIPE.00011136",
  pipelineNotFound: "DEVPIPE.00011401",
  /** Simulator's choice, like the ones below. */
  runNotFound: "DEVPIPE.00011402",
  noRuns: "DEVPIPE.00011410",
  logNotFound: "DEVPIPE.00011420",
  invalidParameter: "DEVPIPE.00011100",
  noPermission: "DEVPIPE.00011106",
  systemBusy: "DEVPIPE.00011500",
  iamBadRequest: "1100",
  iamWrongCredentials: "1101",
} as const;

export function badParameter(message: string): SimResponse {
  return codeArtsError(400, ErrorCodes.invalidParameter, `Invalid parameter: ${message}`);
}
