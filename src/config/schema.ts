import { UsageError } from "../errors.js";

/**
 * The configuration file's shape, checked by hand (a dozen keys do not justify a schema library).
 * A wrong type or an unknown key is reported with the file and the key's path, so a typo in
 * `.codeartsrc` is never silently ignored.
 */

export const OUTPUT_FORMATS = ["table", "json", "markdown", "junit"] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

/** Settings that may appear at the top level or inside a profile. */
export interface ProfileSettings {
  region?: string;
  projectId?: string;
  endpoint?: string;
  iamEndpoint?: string;
  iamProjectId?: string;
  domain?: string;
  username?: string;
  password?: string;
  token?: string;
  ak?: string;
  sk?: string;
  securityToken?: string;
  output?: OutputFormat;
  requestTimeout?: number;
  pipelines?: Record<string, string>;
}

export interface ConfigFile extends ProfileSettings {
  defaultProfile?: string;
  profiles?: Record<string, ProfileSettings>;
}

/** Keys whose values are secrets: never printed, and a file holding one should be private. */
export const SECRET_KEYS: ReadonlySet<string> = new Set(["password", "token", "sk", "securityToken"]);

type Check = (value: unknown) => string | undefined;

const isString: Check = (v) => (typeof v === "string" && v !== "" ? undefined : "a non-empty string");
const isSeconds: Check = (v) =>
  typeof v === "number" && v > 0 ? undefined : "a number of seconds greater than 0";
const isOutput: Check = (v) =>
  typeof v === "string" && (OUTPUT_FORMATS as readonly string[]).includes(v)
    ? undefined
    : OUTPUT_FORMATS.join(", ");

const PROFILE_KEYS: Readonly<Record<keyof Omit<ProfileSettings, "pipelines">, Check>> = {
  region: isString,
  projectId: isString,
  endpoint: isString,
  iamEndpoint: isString,
  iamProjectId: isString,
  domain: isString,
  username: isString,
  password: isString,
  token: isString,
  ak: isString,
  sk: isString,
  securityToken: isString,
  output: isOutput,
  requestTimeout: isSeconds,
};

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function describe(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "a list";
  return typeof value === "object" ? "a map" : `${typeof value} ${JSON.stringify(value)}`.slice(0, 60);
}

class Validator {
  constructor(private readonly filepath: string) {}

  fail(path: string, problem: string): never {
    throw new UsageError(
      `config file ${this.filepath}: ${path} ${problem}`,
      "fix the key (see .codeartsrc.example for every key), or name another file with --config",
    );
  }

  map(value: unknown, path: string): Record<string, unknown> {
    if (!isRecord(value)) this.fail(path, `must be a map of keys, not ${describe(value)}`);
    return value;
  }

  pipelines(value: unknown, path: string): Record<string, string> {
    const aliases = this.map(value, path);
    for (const [alias, id] of Object.entries(aliases)) {
      if (typeof id !== "string")
        this.fail(`${path}.${alias}`, `must be a pipeline id string, not ${describe(id)}`);
    }
    return aliases as Record<string, string>;
  }

  profile(value: unknown, path: string, extraKeys: readonly string[]): ProfileSettings {
    const fields = this.map(value, path === "" ? "the top level" : path);
    for (const [key, field] of Object.entries(fields)) {
      const keyPath = path === "" ? key : `${path}.${key}`;
      if (key === "pipelines") {
        this.pipelines(field, keyPath);
      } else if (key in PROFILE_KEYS) {
        const expected = PROFILE_KEYS[key as keyof typeof PROFILE_KEYS](field);
        if (expected !== undefined) this.fail(keyPath, `must be ${expected}, not ${describe(field)}`);
      } else if (!extraKeys.includes(key)) {
        this.fail(keyPath, "is not a known key");
      }
    }
    return fields as ProfileSettings;
  }
}

/** Checks a loaded configuration; `filepath` names the file in messages. */
export function validateConfig(raw: unknown, filepath: string): ConfigFile {
  const validator = new Validator(filepath);
  if (raw === null || raw === undefined) return {};
  const config = validator.profile(raw, "", ["profiles", "defaultProfile"]) as ConfigFile;
  const top = raw as Record<string, unknown>;
  if (top.defaultProfile !== undefined && isString(top.defaultProfile) !== undefined) {
    validator.fail("defaultProfile", `must be a profile name, not ${describe(top.defaultProfile)}`);
  }
  if (top.profiles !== undefined) {
    for (const [name, profile] of Object.entries(validator.map(top.profiles, "profiles"))) {
      validator.profile(profile, `profiles.${name}`, []);
    }
  }
  return config;
}
