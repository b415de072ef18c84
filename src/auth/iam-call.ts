/** What the authenticators share about calling IAM: where, and how its answers become errors. */
import type { HttpResponse } from "../api/http.js";
import { errorFromResponse } from "../api/service-error.js";
import { ApiError, UsageError } from "../core/errors.js";
import { ExitCode } from "../core/exit-codes.js";
import type { IamSettings } from "./credentials.js";

export interface IamTarget {
  endpoint: URL;
  region: string;
}

/** The IAM endpoint and region, or a usage error saying `why` they are needed and how to set them. */
export function requireIamTarget(settings: IamSettings, why: string, alternative?: string): IamTarget {
  const region = settings.region?.value;
  const endpoint = settings.iamEndpoint?.value;
  if (region !== undefined && endpoint !== undefined) return { endpoint, region };
  const ways = [alternative, "pass --region <region> (or set CODEARTS_REGION)"].filter(Boolean).join(", or ");
  throw new UsageError(
    `${why} needs the region`,
    `${ways}; --iam-endpoint <url> names the IAM service directly`,
  );
}

/** `path` under the IAM endpoint, keeping any path prefix the endpoint has. */
export function iamUrl(endpoint: URL, path: string): URL {
  const url = new URL(endpoint.href);
  url.pathname = `${url.pathname.replace(/\/+$/, "")}${path}`;
  url.search = "";
  return url;
}

export function parseJsonBody(response: HttpResponse): unknown {
  try {
    return JSON.parse(response.body.toString("utf8"));
  } catch {
    return undefined;
  }
}

/**
 * The error for an IAM answer that is not the one asked for. A refusal (exit 3) gets `authHint`,
 * which names the credentials to check; errorFromResponse's own hint is about CodeArts tokens.
 */
export function iamError(action: string, response: HttpResponse, authHint: string): ApiError {
  const error = errorFromResponse(action, response, parseJsonBody(response));
  if (error.exitCode !== ExitCode.Auth) return error;
  return new ApiError(error.message, error.exitCode, error.details, authHint);
}

/** An IAM answer with the right status but not the expected content. */
export function unexpectedIamAnswer(action: string, response: HttpResponse, what: string): ApiError {
  const requestId = response.headers["x-request-id"];
  return new ApiError(
    `${action}: ${what} (HTTP ${response.status}${requestId ? `; request id ${requestId}` : ""})`,
    ExitCode.ApiFailure,
    { httpStatus: response.status, requestId },
    "the IAM endpoint may not be Huawei Cloud IAM; check --iam-endpoint / CODEARTS_IAM_ENDPOINT",
  );
}
