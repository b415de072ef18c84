import { UsageError } from "../core/errors.js";
import { didYouMean } from "./did-you-mean.js";
import { type Check, OUTPUT_FORMATS, type OutputFormat, SETTINGS } from "./setting-table.js";

/**
 * The configuration file's shape, checked by hand (a dozen keys do not justify a schema library).
 * A wrong type or an unknown key is reported with the file and the key's path, so a typo in
 * `.codeartsrc` is never silently ignored.
 */

export { OUTPUT_FORMATS, type OutputFormat };

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
export const SECRET_KEYS: ReadonlySet<string> = new Set(
  SETTINGS.filter((row) => row.secret).map((row) => row.key),
);

const isString: Check = (v) => (typeof v === "string" && v !== "" ? undefined : "a non-empty string");

/** Every setting but the top-level-only `defaultProfile`, checked as its row says. */
const PROFILE_KEYS: Readonly<Record<string, Check>> = Object.fromEntries(
  SETTINGS.filter((row) => row.key !== "defaultProfile").map((row) => [row.key, row.check]),
);

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function describe(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "a list";
  return typeof value === "object" ? "a map" : `${typeof value} ${JSON.stringify(value)}`.slice(0, 60);
}

/** A setting that cannot be used as it is, for `config show` to put next to its row. */
export interface SettingProblem {
  /** The key path in the file (`profiles.ci.region`), or the setting's row name in `config show`. */
  setting: string;
  message: string;
  hint?: string;
}

/**
 * Runs one step of resolution. Without a problem list a usage error is thrown as usual; with one
 * (`config show`) it is recorded against `setting` and the step yields nothing.
 */
export function attempt<T>(
  problems: SettingProblem[] | undefined,
  setting: string,
  step: () => T,
): T | undefined {
  if (problems === undefined) return step();
  try {
    return step();
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    problems.push({ setting, message: error.message, ...(error.hint ? { hint: error.hint } : {}) });
    return undefined;
  }
}

const FIX_HINT = "fix the key (see .codeartsrc.example for every key), or name another file with --config";

/** Throws at the first problem; with a `problems` list, records each and leaves the key out instead. */
class Validator {
  constructor(
    private readonly filepath: string,
    private readonly problems?: SettingProblem[],
  ) {}

  /** False after recording a problem; the caller then drops the value. */
  fail(path: string, problem: string): false {
    const message = `config file ${this.filepath}: ${path} ${problem}`;
    if (this.problems === undefined) throw new UsageError(message, FIX_HINT);
    this.problems.push({ setting: path, message, hint: FIX_HINT });
    return false;
  }

  map(value: unknown, path: string): Record<string, unknown> | undefined {
    if (isRecord(value)) return value;
    this.fail(path, `must be a map of keys, not ${describe(value)}`);
    return undefined;
  }

  pipelines(value: unknown, path: string): Record<string, string> | undefined {
    const aliases = this.map(value, path);
    if (aliases === undefined) return undefined;
    return Object.fromEntries(
      Object.entries(aliases).filter(
        ([alias, id]) =>
          typeof id === "string" ||
          this.fail(`${path}.${alias}`, `must be a pipeline id string, not ${describe(id)}`),
      ),
    ) as Record<string, string>;
  }

  /** The section with every key that is right; `extraKeys` are checked by the caller. */
  profile(value: unknown, path: string, extraKeys: readonly string[]): ProfileSettings {
    const fields = this.map(value, path === "" ? "the top level" : path) ?? {};
    const kept: Record<string, unknown> = {};
    for (const [key, field] of Object.entries(fields)) {
      const keyPath = path === "" ? key : `${path}.${key}`;
      if (key === "pipelines") {
        const aliases = this.pipelines(field, keyPath);
        if (aliases !== undefined) kept[key] = aliases;
      } else if (key in PROFILE_KEYS) {
        const expected = PROFILE_KEYS[key]?.(field);
        if (expected === undefined || this.fail(keyPath, `must be ${expected}, not ${describe(field)}`))
          kept[key] = field;
      } else if (extraKeys.includes(key)) {
        kept[key] = field;
      } else {
        const known = [...Object.keys(PROFILE_KEYS), "pipelines", ...extraKeys];
        this.fail(keyPath, `is not a known key${didYouMean(key, known)}`);
      }
    }
    return kept as ProfileSettings;
  }
}

/**
 * Checks a loaded configuration; `filepath` names the file in messages. With `problems`, nothing
 * is thrown: each problem is recorded and the wrong key left out (what `config show` needs).
 */
export function validateConfig(raw: unknown, filepath: string, problems?: SettingProblem[]): ConfigFile {
  const validator = new Validator(filepath, problems);
  if (raw === null || raw === undefined) return {};
  const config = validator.profile(raw, "", ["profiles", "defaultProfile"]) as ConfigFile;
  if (config.defaultProfile !== undefined && isString(config.defaultProfile) !== undefined) {
    validator.fail("defaultProfile", `must be a profile name, not ${describe(config.defaultProfile)}`);
    delete config.defaultProfile;
  }
  if (config.profiles !== undefined) {
    const profiles = validator.map(config.profiles, "profiles");
    if (profiles === undefined) delete config.profiles;
    else
      config.profiles = Object.fromEntries(
        Object.entries(profiles).map(([name, profile]) => [
          name,
          validator.profile(profile, `profiles.${name}`, []),
        ]),
      );
  }
  return config;
}
