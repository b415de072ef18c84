import type { Credentials, Sourced } from "../auth/credentials.js";
import type { Env } from "../core/context.js";
import { UsageError } from "../core/errors.js";
import { requireId } from "../model/ids.js";
import { quoteInput } from "../text/shown-input.js";
import { endpointForRegion, firstOfEndpointList, iamEndpointForRegion, parseEndpoint } from "./endpoints.js";
import {
  configLayer,
  envLayer,
  firstOf,
  firstValue,
  flagLayer,
  type Layer,
  type SettingFlags,
} from "./layers.js";
import type { LoadedConfig } from "./load.js";
import { chooseProfile, requireKnownProfile } from "./profile.js";
import { attempt, type OutputFormat, type SettingProblem } from "./schema.js";
import { SETTINGS, type SettingRow } from "./setting-table.js";

/**
 * The one resolver for every setting. Precedence: flags > environment > the selected config
 * profile > the config file's top level > defaults. Every value keeps its source (a flag, an
 * environment variable, "file: key.path" or "default"), for messages and `config show`.
 * Resolution never makes a request; missing values are reported by `requireConnection`.
 * Plain settings (src/config/setting-table.ts) are resolved generically, row by row; the service
 * and IAM URLs, the project id's form and the credentials then get their own steps below.
 */

export type { Credentials, SettingFlags, Sourced };

export interface Settings {
  configFile?: string;
  /** The profiles the config file defines. */
  availableProfiles?: readonly string[];
  profile?: Sourced<string>;
  region?: Sourced<string>;
  endpoint?: Sourced<URL>;
  iamEndpoint?: Sourced<URL>;
  projectId?: Sourced<string>;
  iamProjectId?: Sourced<string>;
  credentials?: Credentials;
  pipelines: Record<string, Sourced<string>>;
  output: Sourced<OutputFormat>;
  requestTimeoutMs: Sourced<number>;
  /**
   * Every settings-table row's effective value by key, as given (before any unit conversion), for
   * `config show`: the service and IAM URLs as used, and only the credentials of the chosen method.
   * With a problem list, a plain value that fails its check is kept here to be shown with it.
   */
  effective: Readonly<Record<string, Sourced<string | number> | undefined>>;
}

/** A secret read from standard input with --token-stdin or --password-stdin. */
export interface StdinSecret {
  kind: "token" | "password";
  value: string;
}

/**
 * Credentials go into HTTP headers; a line break there would be header injection and undici would
 * refuse it with an obscure error. Say which setting is wrong, never what it holds.
 */
function checkedCredentials(credentials: Credentials | undefined): Credentials | undefined {
  if (!credentials) return undefined;
  for (const value of Object.values(credentials)) {
    if (typeof value === "object" && /[\u0000-\u001f\u007f]/.test(value.value)) {
      throw new UsageError(
        `${value.source} contains a line break or control character`,
        "set it again with only the credential itself (check for a stray newline when pasting)",
      );
    }
  }
  return credentials;
}

/** Credentials from the highest layer that has any; at one layer a token beats AK/SK beats a password. */
function resolveCredentials(layers: Layer[], stdin: StdinSecret | undefined): Credentials | undefined {
  const stdinLayer: Layer = (key) =>
    stdin && key === stdin.kind ? { value: stdin.value, source: `--${stdin.kind}-stdin` } : undefined;
  for (const anyLayer of [stdinLayer, ...layers]) {
    const layer = (key: string) => firstOf([anyLayer], key);
    const token = layer("token");
    if (token) return { kind: "token", token };
    const ak = layer("ak");
    const sk = layer("sk");
    if (ak && sk) {
      const securityToken = layer("securityToken");
      return { kind: "aksk", ak, sk, ...(securityToken ? { securityToken } : {}) };
    }
    if (ak || sk) {
      const [have, missing] = ak ? [ak, "SK"] : [sk as Sourced<string>, "AK"];
      throw new UsageError(
        `${have.source} is set but its ${missing} is not`,
        "AK/SK signing needs both: set CLOUD_SDK_AK and CLOUD_SDK_SK (or ak and sk in the config)",
      );
    }
    const password = layer("password");
    if (password) {
      const domain = firstOf(layers, "domain");
      const username = firstOf(layers, "username");
      if (!domain || !username) {
        throw new UsageError(
          `a password is given (${password.source}) but not the ${!domain ? "account (domain) name" : "IAM user name"}`,
          "set CODEARTS_DOMAIN and CODEARTS_USERNAME (or domain and username in the config)",
        );
      }
      return { kind: "password", domain, username, password };
    }
  }
  return undefined;
}

/**
 * An endpoint given anywhere (flag, environment, config) names the service; only without one is
 * it looked up from the region, which also scopes IAM. So a proxy or the simulator stays the
 * endpoint whichever level gives the region, as with other clouds' `--endpoint-url`.
 */
function resolveEndpoint(
  layers: Layer[],
  region: Sourced<string> | undefined,
  env: Env,
): Sourced<URL> | undefined {
  const endpoint = firstOf(layers, "endpoint");
  if (endpoint) return { value: parseEndpoint(endpoint.value, endpoint.source), source: endpoint.source };
  if (!region) return undefined;
  // The official SDKs' per-region override, e.g. HUAWEICLOUD_SDK_REGION_CODEARTSPIPELINE_CN_NORTH_4.
  const sdkName = `HUAWEICLOUD_SDK_REGION_CODEARTSPIPELINE_${region.value.toUpperCase().replace(/-/g, "_")}`;
  const sdkOverride = firstOfEndpointList(env[sdkName] ?? "");
  if (sdkOverride) return { value: parseEndpoint(sdkOverride, sdkName), source: sdkName };
  return { value: endpointForRegion(region.value), source: region.source };
}

function resolveIamEndpoint(layers: Layer[], region: Sourced<string> | undefined): Sourced<URL> | undefined {
  const explicit = firstOf(layers, "iamEndpoint");
  if (explicit) return { value: parseEndpoint(explicit.value, explicit.source), source: explicit.source };
  if (!region) return undefined;
  return {
    value: iamEndpointForRegion(region.value),
    source: `default for region ${region.value}`,
  };
}

function checkedId(found: Sourced<string> | undefined, what: string): Sourced<string> | undefined {
  return found && { value: requireId(found.value, what, found.source), source: found.source };
}

function resolvePipelines(
  loaded: LoadedConfig | undefined,
  profile: string | undefined,
  problems: SettingProblem[] | undefined,
) {
  const aliases: Record<string, Sourced<string>> = {};
  if (!loaded) return aliases;
  const sections: Array<[Record<string, string> | undefined, string]> = [
    [loaded.config.pipelines, "pipelines"],
    [profile ? loaded.config.profiles?.[profile]?.pipelines : undefined, `profiles.${profile}.pipelines`],
  ];
  for (const [section, prefix] of sections) {
    for (const [alias, id] of Object.entries(section ?? {})) {
      const source = `${loaded.filepath}: ${prefix}.${alias}`;
      const value = attempt(problems, `pipeline alias ${alias}`, () =>
        requireId(id, `pipeline id for alias "${alias}"`, source),
      );
      aliases[alias] = { value: value ?? id, source };
    }
  }
  return aliases;
}

/**
 * A plain row's value: the first layer's, else its default; checked wherever it came from (the
 * schema checked the file already), so `--region 'Bad_Region!'` is refused before any request.
 */
function resolvePlain(row: SettingRow, layers: Layer[]): Sourced<string | number> | undefined {
  const found = firstValue(layers, row.key);
  if (!found) return row.default === undefined ? undefined : { value: row.default, source: "default" };
  const expected = row.check(found.value);
  if (expected !== undefined) {
    throw new UsageError(
      `${found.source} must be ${expected}, not ${quoteInput(String(found.value))}`,
      `correct ${found.source} (${row.description})`,
    );
  }
  return found;
}

/** The credentials' rows as `config show` lists them: only those of the method in use. */
function credentialValues(credentials: Credentials | undefined): Record<string, Sourced<string>> {
  if (!credentials) return {};
  const { kind: _, ...values } = credentials;
  return values as Record<string, Sourced<string>>;
}

export function resolveSettings(input: {
  flags: SettingFlags;
  env: Env;
  config?: LoadedConfig;
  stdinSecret?: StdinSecret;
  /** Given, a setting that cannot be used is recorded here instead of thrown (`config show`). */
  problems?: SettingProblem[];
}): Settings {
  const { flags, env, config, problems } = input;
  const profile = chooseProfile(flags, env, config);
  // An unknown profile is shown by `config show` as chosen, but none of its settings apply.
  const knownProfile = profile && attempt(problems, "profile", () => requireKnownProfile(profile, config));
  const profileSection = knownProfile ? config?.config.profiles?.[knownProfile.value] : undefined;
  const fileLayers: Layer[] = config
    ? [
        configLayer(profileSection, config.filepath, `profiles.${profile?.value}.`),
        configLayer(config.config, config.filepath, ""),
      ]
    : [];
  const layers = [flagLayer(flags), envLayer(env), ...fileLayers];

  // Plain values by key; with a problem list, one that fails its check is only shown.
  const shown: Record<string, Sourced<string | number> | undefined> = {};
  const plain: Record<string, Sourced<string | number> | undefined> = {};
  for (const row of SETTINGS.filter((candidate) => candidate.resolution === "plain")) {
    plain[row.key] = attempt(problems, row.label, () => resolvePlain(row, layers));
    shown[row.key] = plain[row.key] ?? (problems && firstValue(layers, row.key));
  }
  const text = (key: string) => {
    const found = plain[key];
    return found && { value: String(found.value), source: found.source };
  };
  const checkedLayers: Layer[] = [(key) => plain[key]];

  const region = text("region");
  const endpointSetting = plain.endpoint ? "endpoint" : "region";
  const endpoint = attempt(problems, endpointSetting, () => resolveEndpoint(checkedLayers, region, env));
  const iamEndpoint = attempt(problems, "iam endpoint", () => resolveIamEndpoint(checkedLayers, region));
  const credentials = attempt(problems, "credentials", () =>
    checkedCredentials(resolveCredentials(layers, input.stdinSecret)),
  );
  const timeout = plain.requestTimeout as Sourced<number>;
  return {
    configFile: config?.filepath,
    ...(config ? { availableProfiles: Object.keys(config.config.profiles ?? {}) } : {}),
    profile,
    region,
    endpoint,
    iamEndpoint,
    // With a problem list, a wrong id is kept as given so `config show` can show it next to its problem.
    projectId:
      attempt(problems, "project id", () => checkedId(text("projectId"), "project id")) ??
      (problems && text("projectId")),
    iamProjectId: text("iamProjectId"),
    credentials,
    pipelines: resolvePipelines(config, knownProfile?.value, problems),
    // A wrong value recorded as a problem leaves the default in use.
    output: (plain.output as Sourced<OutputFormat> | undefined) ?? { value: "table", source: "default" },
    requestTimeoutMs: timeout
      ? { value: timeout.value * 1000, source: timeout.source }
      : { value: 30_000, source: "default" },
    effective: {
      ...shown,
      defaultProfile: profile,
      endpoint: endpoint && { value: String(endpoint.value), source: endpoint.source },
      iamEndpoint: iamEndpoint && { value: String(iamEndpoint.value), source: iamEndpoint.source },
      ...credentialValues(credentials),
    },
  };
}

/** What a command that calls the API needs; each missing piece is a usage error saying how to set it. */
export interface Connection {
  endpoint: Sourced<URL>;
  projectId: Sourced<string>;
  credentials: Credentials;
}

export function requireConnection(settings: Settings): Connection {
  if (!settings.projectId) {
    throw new UsageError(
      "no project id given",
      "pass --project <id>, set CODEARTS_PROJECT_ID, or put projectId in .codeartsrc (the CodeArts project id, 32 letters or digits)",
    );
  }
  if (!settings.endpoint) {
    throw new UsageError(
      "no region or endpoint given",
      "pass --region <region> (e.g. cn-north-4), set CODEARTS_REGION, or put region in .codeartsrc; --endpoint <url> names the service directly",
    );
  }
  if (!settings.credentials) {
    throw new UsageError(
      "no credentials: set CODEARTS_TOKEN, CLOUD_SDK_AK/CLOUD_SDK_SK, or CODEARTS_DOMAIN/CODEARTS_USERNAME/CODEARTS_PASSWORD",
      "or use --token-stdin / --password-stdin, or a profile in .codeartsrc; secrets are never taken as command-line arguments",
    );
  }
  return { endpoint: settings.endpoint, projectId: settings.projectId, credentials: settings.credentials };
}
