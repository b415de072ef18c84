/**
 * The levels settings are read from (flags, environment, config sections), each answering a key
 * with a value and where it came from. src/config/settings.ts picks among them.
 */
import type { Sourced } from "../auth/credentials.js";
import type { Env } from "../core/context.js";
import type { OutputFormat, ProfileSettings } from "./schema.js";

/** Flags that override settings; undefined when not given on the command line. */
export interface SettingFlags {
  profile?: string;
  region?: string;
  project?: string;
  endpoint?: string;
  iamEndpoint?: string;
  output?: OutputFormat;
  requestTimeoutMs?: number;
}

type StringKey = Exclude<keyof ProfileSettings, "pipelines" | "output" | "requestTimeout">;

const FLAG_NAMES: Partial<Record<StringKey, keyof SettingFlags>> = {
  region: "region",
  projectId: "project",
  endpoint: "endpoint",
  iamEndpoint: "iamEndpoint",
};

const FLAG_SPELLING: Record<string, string> = {
  region: "--region",
  project: "--project",
  endpoint: "--endpoint",
  iamEndpoint: "--iam-endpoint",
};

/** The environment variables read, in order of preference. One closed list, documented in the README. */
export const ENV_NAMES: Readonly<Record<StringKey, readonly string[]>> = {
  region: ["CODEARTS_REGION"],
  projectId: ["CODEARTS_PROJECT_ID"],
  endpoint: ["CODEARTS_ENDPOINT"],
  iamEndpoint: ["CODEARTS_IAM_ENDPOINT", "HUAWEICLOUD_SDK_IAM_ENDPOINT"],
  iamProjectId: ["CODEARTS_IAM_PROJECT_ID", "HUAWEICLOUD_SDK_PROJECT_ID"],
  domain: ["CODEARTS_DOMAIN"],
  username: ["CODEARTS_USERNAME"],
  password: ["CODEARTS_PASSWORD"],
  token: ["CODEARTS_TOKEN"],
  ak: ["CLOUD_SDK_AK", "HUAWEICLOUD_SDK_AK"],
  sk: ["CLOUD_SDK_SK", "HUAWEICLOUD_SDK_SK"],
  securityToken: ["HUAWEICLOUD_SDK_SECURITY_TOKEN", "CLOUD_SDK_SECURITY_TOKEN"],
};

/** One level of precedence: answers a key with a sourced value, or nothing. */
export type Layer = (key: StringKey) => Sourced<string> | undefined;

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === "" ? undefined : value.trim();
}

export function flagLayer(flags: SettingFlags): Layer {
  return (key) => {
    const flag = FLAG_NAMES[key];
    const value = flag === undefined ? undefined : nonEmpty(flags[flag] as string | undefined);
    return value === undefined || flag === undefined
      ? undefined
      : { value, source: FLAG_SPELLING[flag] ?? flag };
  };
}

export function envLayer(env: Env): Layer {
  return (key) => {
    for (const name of ENV_NAMES[key]) {
      const value = nonEmpty(env[name]);
      if (value !== undefined) return { value, source: name };
    }
    return undefined;
  };
}

export function configLayer(section: ProfileSettings | undefined, filepath: string, prefix: string): Layer {
  return (key) => {
    const value = section?.[key];
    return typeof value === "string" ? { value, source: `${filepath}: ${prefix}${key}` } : undefined;
  };
}

export function firstOf(layers: Layer[], key: StringKey): Sourced<string> | undefined {
  for (const layer of layers) {
    const found = layer(key);
    if (found) return found;
  }
  return undefined;
}
