/**
 * Every setting in one table. A row names the setting's config key, its flag (if any), the
 * environment variables read for it (in order of preference), how a config value is checked,
 * whether it is a secret, and what it means. From this table come: the config file's schema check
 * (schema.ts), the flags commander knows (command-kit/option-groups.ts), which flag or variable a
 * value came from (layers.ts), the environment block of `--help`, redaction in `config show`, and
 * the settings table of docs/configuration.md (`npm run docs:settings`), the value a plain setting
 * resolves to (settings.ts) and its row in `config show`. Adding a setting is one row here, plus
 * using its value (`settings.effective[key]`) where it is needed.
 */

export const OUTPUT_FORMATS = ["table", "json", "markdown", "junit"] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

/** Says what a config value should be, or nothing when it is right. */
export type Check = (value: unknown) => string | undefined;

const isString: Check = (v) => (typeof v === "string" && v !== "" ? undefined : "a non-empty string");
const isSeconds: Check = (v) =>
  typeof v === "number" && v > 0 ? undefined : "a number of seconds greater than 0";
/** A region is a DNS label inside the service and IAM host names, so nothing else may reach a URL. */
const isRegion: Check = (v) =>
  typeof v === "string" && /^[a-z0-9]+(-[a-z0-9]+)*$/.test(v)
    ? undefined
    : "a region name of lower-case letters, digits and hyphens, e.g. cn-north-4";
const isOutput: Check = (v) =>
  typeof v === "string" && (OUTPUT_FORMATS as readonly string[]).includes(v)
    ? undefined
    : OUTPUT_FORMATS.join(", ");

/**
 * How a value is resolved. "plain": the first of flag > environment > the selected profile > the
 * config file's top level > `default`, checked with `check` wherever it came from.
 * "credential": together with the other credentials (src/config/settings.ts), because one sign-in
 * must come from one place: the highest layer holding any credential wins whole, and at one layer
 * a token beats AK/SK beats a password. "profile": picks the profile the others are read from, so
 * it is read from the flag, the environment or the file's top level only.
 */
export type Resolution = "plain" | "credential" | "profile";

export interface SettingRow {
  /** The key in .codeartsrc (top level or a profile). */
  key: string;
  /** Its row in `config show`. */
  label: string;
  /** Its key in `config show --json` when not `key` (kept for scripts that read it). */
  jsonKey?: string;
  resolution: Resolution;
  /** For a credential: the sign-in method it belongs to. */
  method?: "token" | "aksk" | "password";
  /** A plain setting's value when none is given. */
  default?: string | number;
  /** What the value counts, shown after it in `config show` (e.g. `30 s`). */
  unit?: string;
  /** Shown only by its first characters: not a secret, but not for every screen either. */
  masked?: boolean;
  /** The command-line flag as commander declares it; secrets never have one that takes a value. */
  flag?: string;
  /** Other flags that set it, for the docs (e.g. `--token-stdin`). */
  alsoFlags?: readonly string[];
  env: readonly string[];
  check: Check;
  secret: boolean;
  /** For `--help` and the docs. */
  description: string;
  /** What the flag does, when the description (of the config key) does not say it. */
  flagDescription?: string;
}

const ROWS = [
  {
    key: "region",
    label: "region",
    resolution: "plain",
    flag: "--region <region>",
    env: ["CODEARTS_REGION"],
    check: isRegion,
    secret: false,
    description: "region, e.g. cn-north-4; picks the service and IAM URLs",
  },
  {
    key: "projectId",
    label: "project id",
    resolution: "plain",
    flag: "--project <id>",
    env: ["CODEARTS_PROJECT_ID"],
    check: isString,
    secret: false,
    description: "CodeArts project id (32 letters or digits)",
  },
  {
    key: "endpoint",
    label: "endpoint",
    resolution: "plain",
    flag: "--endpoint <url>",
    env: ["CODEARTS_ENDPOINT"],
    check: isString,
    secret: false,
    description: "service base URL instead of the region's",
  },
  {
    key: "iamEndpoint",
    label: "iam endpoint",
    resolution: "plain",
    flag: "--iam-endpoint <url>",
    env: ["CODEARTS_IAM_ENDPOINT", "HUAWEICLOUD_SDK_IAM_ENDPOINT"],
    check: isString,
    secret: false,
    description: "IAM base URL instead of the region's",
  },
  {
    key: "iamProjectId",
    label: "iam project id",
    resolution: "plain",
    flag: "--iam-project <id>",
    env: ["CODEARTS_IAM_PROJECT_ID", "HUAWEICLOUD_SDK_PROJECT_ID"],
    check: isString,
    secret: false,
    description: "IAM project id of the region, sent as X-Project-Id with AK/SK",
  },
  {
    key: "token",
    label: "token",
    resolution: "credential",
    method: "token",
    alsoFlags: ["--token-stdin"],
    env: ["CODEARTS_TOKEN"],
    check: isString,
    secret: true,
    description: "IAM token, sent as X-Auth-Token",
  },
  {
    key: "ak",
    label: "access key (AK)",
    resolution: "credential",
    method: "aksk",
    masked: true,
    env: ["CLOUD_SDK_AK", "HUAWEICLOUD_SDK_AK"],
    check: isString,
    secret: false,
    description: "access key, for AK/SK request signing",
  },
  {
    key: "sk",
    label: "secret key (SK)",
    resolution: "credential",
    method: "aksk",
    env: ["CLOUD_SDK_SK", "HUAWEICLOUD_SDK_SK"],
    check: isString,
    secret: true,
    description: "secret key, for AK/SK request signing",
  },
  {
    key: "securityToken",
    label: "security token",
    resolution: "credential",
    method: "aksk",
    env: ["HUAWEICLOUD_SDK_SECURITY_TOKEN", "CLOUD_SDK_SECURITY_TOKEN"],
    check: isString,
    secret: true,
    description: "security token of temporary AK/SK",
  },
  {
    key: "domain",
    label: "domain",
    resolution: "credential",
    method: "password",
    env: ["CODEARTS_DOMAIN"],
    check: isString,
    secret: false,
    description: "account (domain) name, for password sign-in",
  },
  {
    key: "username",
    label: "username",
    resolution: "credential",
    method: "password",
    env: ["CODEARTS_USERNAME"],
    check: isString,
    secret: false,
    description: "IAM user name, for password sign-in",
  },
  {
    key: "password",
    label: "password",
    resolution: "credential",
    method: "password",
    alsoFlags: ["--password-stdin"],
    env: ["CODEARTS_PASSWORD"],
    check: isString,
    secret: true,
    description: "the IAM user's password",
  },
  {
    key: "output",
    label: "output",
    resolution: "plain",
    default: "table",
    alsoFlags: ["-o, --output", "--json"],
    env: [],
    check: isOutput,
    secret: false,
    description: `default output format: ${OUTPUT_FORMATS.join(", ")}`,
  },
  {
    key: "requestTimeout",
    label: "request timeout",
    jsonKey: "requestTimeoutSeconds",
    resolution: "plain",
    default: 30,
    unit: "s",
    flag: "--request-timeout <seconds>",
    env: [],
    check: isSeconds,
    secret: false,
    description: "seconds before one request is given up (default 30)",
  },
  {
    key: "defaultProfile",
    label: "profile",
    jsonKey: "profile",
    resolution: "profile",
    flag: "--profile <name>",
    env: ["CODEARTS_PROFILE"],
    check: isString,
    secret: false,
    description: "the profile used when none is named (top level only)",
    flagDescription: "use this profile of the config file",
  },
] as const satisfies readonly SettingRow[];

export const SETTINGS: readonly SettingRow[] = ROWS;

/** A settings-table key, e.g. `iamProjectId`. */
export type SettingKey = (typeof ROWS)[number]["key"];

export function settingRow(key: string): SettingRow | undefined {
  return SETTINGS.find((row) => row.key === key);
}

/** The flag's long name without its value, e.g. `--iam-project`. */
export function flagName(row: SettingRow): string | undefined {
  return row.flag?.split(" ")[0];
}

/** The flag's option name as commander stores it, e.g. `iamProject`. */
export function flagAttribute(row: SettingRow): string | undefined {
  return flagName(row)
    ?.replace(/^--/, "")
    .replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
}

/** What a `source` names when the value came from the command line, e.g. `--output`. */
export function flagSource(row: SettingRow): string {
  return flagName(row) ?? row.alsoFlags?.[0]?.split(", ").pop() ?? `--${row.key}`;
}
