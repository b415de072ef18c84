import { endpointForRegion, parseEndpoint } from "../api/endpoints.js";
import type { Env } from "../context.js";
import { UsageError } from "../errors.js";
import { requireId } from "../model/ids.js";

/**
 * The one place where settings are resolved: flags win over environment variables, which win
 * over defaults. Each value keeps where it came from, for messages and (later) `config show`.
 * Configuration files, profiles and the other credential kinds grow here.
 */

/** Where a setting came from, e.g. "--project" or "CODEARTS_PROJECT_ID". */
export type Source = string;

export interface Sourced<T> {
  value: T;
  source: Source;
}

export type Credentials = { kind: "token"; token: Sourced<string> };

export interface ConnectionSettings {
  endpoint: Sourced<URL>;
  region?: Sourced<string>;
  projectId: Sourced<string>;
  credentials: Credentials;
}

export interface ConnectionFlags {
  project?: string;
  region?: string;
  endpoint?: string;
}

function pick(
  flag: string | undefined,
  flagName: string,
  env: Env,
  envName: string,
): Sourced<string> | undefined {
  if (flag !== undefined) return { value: flag, source: flagName };
  const fromEnv = env[envName];
  if (fromEnv !== undefined && fromEnv !== "") return { value: fromEnv, source: envName };
  return undefined;
}

function resolveEndpoint(flags: ConnectionFlags, env: Env): Pick<ConnectionSettings, "endpoint" | "region"> {
  const region = pick(flags.region, "--region", env, "CODEARTS_REGION");
  const endpoint = pick(flags.endpoint, "--endpoint", env, "CODEARTS_ENDPOINT");
  if (endpoint) {
    return {
      endpoint: { value: parseEndpoint(endpoint.value, endpoint.source), source: endpoint.source },
      region,
    };
  }
  if (region) {
    return { endpoint: { value: endpointForRegion(region.value), source: region.source }, region };
  }
  throw new UsageError(
    "no region or endpoint given",
    "pass --region <region> (e.g. cn-north-4) or set CODEARTS_REGION; --endpoint <url> names the service directly",
  );
}

function resolveCredentials(env: Env): Credentials {
  const token = env.CODEARTS_TOKEN;
  if (token !== undefined && token.trim() !== "") {
    return { kind: "token", token: { value: token.trim(), source: "CODEARTS_TOKEN" } };
  }
  throw new UsageError(
    "no credentials: CODEARTS_TOKEN is not set",
    "export CODEARTS_TOKEN=<IAM token> (the X-Subject-Token of an IAM token request); tokens are never taken as a command-line argument",
  );
}

export function resolveConnection(flags: ConnectionFlags, env: Env): ConnectionSettings {
  const project = pick(flags.project, "--project", env, "CODEARTS_PROJECT_ID");
  if (!project) {
    throw new UsageError(
      "no project id given",
      "pass --project <id> or set CODEARTS_PROJECT_ID to the CodeArts project id (32 letters or digits)",
    );
  }
  const projectId = { value: requireId(project.value, "project id", project.source), source: project.source };
  const { endpoint, region } = resolveEndpoint(flags, env);
  return { endpoint, region, projectId, credentials: resolveCredentials(env) };
}
