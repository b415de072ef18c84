/**
 * Every setting in one table. A row names the setting's config key, its flag (if any), the
 * environment variables read for it (in order of preference), how a config value is checked,
 * whether it is a secret, and what it means. From this table come: the config file's schema check
 * (schema.ts), the flags commander knows (command-kit/option-groups.ts), which flag or variable a
 * value came from (layers.ts), the environment block of `--help`, redaction in `config show`, and
 * the settings table of docs/configuration.md (`npm run docs:settings`). Adding a setting is one row
 * here, plus reading it where it is used.
 */

export const OUTPUT_FORMATS = ["table", "json", "markdown", "junit"] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

/** Says what a config value should be, or nothing when it is right. */
export type Check = (value: unknown) => string | undefined;

const isString: Check = (v) => (typeof v === "string" && v !== "" ? undefined : "a non-empty string");
const isSeconds: Check = (v) =>
  typeof v === "number" && v > 0 ? undefined : "a number of seconds greater than 0";
const isOutput: Check = (v) =>
  typeof v === "string" && (OUTPUT_FORMATS as readonly string[]).includes(v)
    ? undefined
    : OUTPUT_FORMATS.join(", ");

export interface SettingRow {
  /** The key in .codeartsrc (top level or a profile). */
  key: string;
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

export const SETTINGS: readonly SettingRow[] = [
  {
    key: "region",
    flag: "--region <region>",
    env: ["CODEARTS_REGION"],
    check: isString,
    secret: false,
    description: "region, e.g. cn-north-4; picks the service and IAM URLs",
  },
  {
    key: "projectId",
    flag: "--project <id>",
    env: ["CODEARTS_PROJECT_ID"],
    check: isString,
    secret: false,
    description: "CodeArts project id (32 letters or digits)",
  },
  {
    key: "endpoint",
    flag: "--endpoint <url>",
    env: ["CODEARTS_ENDPOINT"],
    check: isString,
    secret: false,
    description: "service base URL instead of the region's",
  },
  {
    key: "iamEndpoint",
    flag: "--iam-endpoint <url>",
    env: ["CODEARTS_IAM_ENDPOINT", "HUAWEICLOUD_SDK_IAM_ENDPOINT"],
    check: isString,
    secret: false,
    description: "IAM base URL instead of the region's",
  },
  {
    key: "iamProjectId",
    flag: "--iam-project <id>",
    env: ["CODEARTS_IAM_PROJECT_ID", "HUAWEICLOUD_SDK_PROJECT_ID"],
    check: isString,
    secret: false,
    description: "IAM project id of the region, sent as X-Project-Id with AK/SK",
  },
  {
    key: "token",
    alsoFlags: ["--token-stdin"],
    env: ["CODEARTS_TOKEN"],
    check: isString,
    secret: true,
    description: "IAM token, sent as X-Auth-Token",
  },
  {
    key: "ak",
    env: ["CLOUD_SDK_AK", "HUAWEICLOUD_SDK_AK"],
    check: isString,
    secret: false,
    description: "access key, for AK/SK request signing",
  },
  {
    key: "sk",
    env: ["CLOUD_SDK_SK", "HUAWEICLOUD_SDK_SK"],
    check: isString,
    secret: true,
    description: "secret key, for AK/SK request signing",
  },
  {
    key: "securityToken",
    env: ["HUAWEICLOUD_SDK_SECURITY_TOKEN", "CLOUD_SDK_SECURITY_TOKEN"],
    check: isString,
    secret: true,
    description: "security token of temporary AK/SK",
  },
  {
    key: "domain",
    env: ["CODEARTS_DOMAIN"],
    check: isString,
    secret: false,
    description: "account (domain) name, for password sign-in",
  },
  {
    key: "username",
    env: ["CODEARTS_USERNAME"],
    check: isString,
    secret: false,
    description: "IAM user name, for password sign-in",
  },
  {
    key: "password",
    alsoFlags: ["--password-stdin"],
    env: ["CODEARTS_PASSWORD"],
    check: isString,
    secret: true,
    description: "the IAM user's password",
  },
  {
    key: "output",
    alsoFlags: ["-o, --output", "--json"],
    env: [],
    check: isOutput,
    secret: false,
    description: `default output format: ${OUTPUT_FORMATS.join(", ")}`,
  },
  {
    key: "requestTimeout",
    flag: "--request-timeout <seconds>",
    env: [],
    check: isSeconds,
    secret: false,
    description: "seconds before one request is given up (default 30)",
  },
  {
    key: "defaultProfile",
    flag: "--profile <name>",
    env: ["CODEARTS_PROFILE"],
    check: isString,
    secret: false,
    description: "the profile used when none is named (top level only)",
    flagDescription: "use this profile of the config file",
  },
];

/** The rows whose value is one string that the layers (flag, environment, file) look up by key. */
export type StringSettingKey =
  | "region"
  | "projectId"
  | "endpoint"
  | "iamEndpoint"
  | "iamProjectId"
  | "domain"
  | "username"
  | "password"
  | "token"
  | "ak"
  | "sk"
  | "securityToken";

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
