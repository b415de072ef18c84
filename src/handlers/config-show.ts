import { outputFor } from "../command-kit/output.js";
import type { SettingProblem } from "../config/schema.js";
import type { Credentials, Settings, Sourced } from "../config/settings.js";
import type { Context } from "../core/context.js";
import { ExitCode, type ExitCodeValue } from "../core/exit-codes.js";
import { type GlobalOptions, loadSettings } from "../session/session.js";
import { sanitizeText } from "../text/sanitize.js";
import { displayWidth } from "../text/text-width.js";

/**
 * `codearts-run config show [-o json]`: the effective settings and where each came from.
 * Secrets are never shown: a token, SK, security token or password appears only as "<redacted>",
 * and an access key only by its first four characters. A setting that cannot be used (a wrong
 * region, an unknown key) is shown with its problem under its row rather than ending the command:
 * that is exactly when the user needs to see the rest.
 */

const REDACTED = "<redacted>";

interface Row {
  setting: string;
  value: string;
  source: string;
  problems?: SettingProblem[];
}

function maskAccessKey(ak: string): string {
  return `${ak.slice(0, 4)}…`;
}

function credentialRows(credentials: Credentials | undefined): Row[] {
  if (!credentials) return [{ setting: "credentials", value: "(not set)", source: "" }];
  switch (credentials.kind) {
    case "token":
      return [{ setting: "token", value: REDACTED, source: credentials.token.source }];
    case "aksk":
      return [
        {
          setting: "access key (AK)",
          value: maskAccessKey(credentials.ak.value),
          source: credentials.ak.source,
        },
        { setting: "secret key (SK)", value: REDACTED, source: credentials.sk.source },
        ...(credentials.securityToken
          ? [{ setting: "security token", value: REDACTED, source: credentials.securityToken.source }]
          : []),
      ];
    case "password":
      return [
        { setting: "domain", value: credentials.domain.value, source: credentials.domain.source },
        { setting: "username", value: credentials.username.value, source: credentials.username.source },
        { setting: "password", value: REDACTED, source: credentials.password.source },
      ];
  }
}

const METHOD: Record<Credentials["kind"], string> = {
  token: "IAM token",
  aksk: "AK/SK request signing",
  password: "IAM user and password",
};

function row(
  setting: string,
  found: Sourced<string | URL | number> | undefined,
  format: (value: string | URL | number) => string = String,
): Row {
  return found
    ? { setting, value: format(found.value), source: found.source }
    : { setting, value: "(not set)", source: "" };
}

/** Rows name the problems of their setting; a config file's key problems go under the file's row. */
function withProblems(rows: Row[], problems: readonly SettingProblem[]): Row[] {
  const rowOf = (problem: SettingProblem) =>
    rows.find((r) => r.setting === problem.setting) ??
    rows.find((r) => r.setting === (problem.setting === "credentials" ? "auth method" : "config file"));
  for (const problem of problems) {
    const target = rowOf(problem);
    if (target) target.problems = [...(target.problems ?? []), problem];
  }
  return rows;
}

function rowsFor(settings: Settings, unreadable: boolean): Row[] {
  const profiles = settings.availableProfiles ?? [];
  return [
    {
      setting: "config file",
      value: settings.configFile ?? (unreadable ? "(not read)" : "(none found)"),
      source: "",
    },
    { setting: "profiles", value: profiles.length > 0 ? profiles.join(", ") : "(none)", source: "" },
    row("profile", settings.profile),
    row("region", settings.region),
    row("endpoint", settings.endpoint),
    row("iam endpoint", settings.iamEndpoint),
    row("project id", settings.projectId),
    row("iam project id", settings.iamProjectId),
    {
      setting: "auth method",
      value: settings.credentials ? METHOD[settings.credentials.kind] : "(none)",
      source: "",
    },
    ...credentialRows(settings.credentials),
    row("output", settings.output),
    row("request timeout", settings.requestTimeoutMs, (ms) => `${Number(ms) / 1000} s`),
    ...Object.entries(settings.pipelines).map(([alias, id]) => row(`pipeline alias ${alias}`, id)),
  ];
}

function asJson(settings: Settings, problems: readonly SettingProblem[]): unknown {
  const plain = (found: Sourced<string | URL | number> | undefined) =>
    found ? { value: String(found.value), source: found.source } : null;
  const credentials = settings.credentials;
  const secret = (found: Sourced<string> | undefined) =>
    found ? { value: REDACTED, source: found.source } : null;
  return {
    configFile: settings.configFile ?? null,
    profiles: settings.availableProfiles ?? [],
    profile: plain(settings.profile),
    region: plain(settings.region),
    endpoint: plain(settings.endpoint),
    iamEndpoint: plain(settings.iamEndpoint),
    projectId: plain(settings.projectId),
    iamProjectId: plain(settings.iamProjectId),
    credentials: !credentials
      ? null
      : credentials.kind === "token"
        ? { kind: "token", token: secret(credentials.token) }
        : credentials.kind === "aksk"
          ? {
              kind: "aksk",
              ak: { value: maskAccessKey(credentials.ak.value), source: credentials.ak.source },
              sk: secret(credentials.sk),
              securityToken: secret(credentials.securityToken),
            }
          : {
              kind: "password",
              domain: plain(credentials.domain),
              username: plain(credentials.username),
              password: secret(credentials.password),
            },
    output: plain(settings.output),
    requestTimeoutSeconds: {
      value: settings.requestTimeoutMs.value / 1000,
      source: settings.requestTimeoutMs.source,
    },
    pipelines: Object.fromEntries(
      Object.entries(settings.pipelines).map(([alias, id]) => [alias, plain(id)]),
    ),
    problems,
  };
}

function padToWidth(text: string, width: number): string {
  return `${text}${" ".repeat(Math.max(0, width - displayWidth(text)))}`;
}

/** Aligned by display width, so an alias in CJK or with emoji does not push its row out of line. */
function printRows(rows: Row[], ctx: Context): void {
  const width = Math.max(...rows.map((r) => displayWidth(r.setting)));
  const valueWidth = Math.min(60, Math.max(...rows.map((r) => displayWidth(r.value))));
  const indent = " ".repeat(width + 2);
  for (const r of rows) {
    const line = `${padToWidth(r.setting, width)}  ${r.source ? `${padToWidth(r.value, valueWidth)}  ${r.source}` : r.value}`;
    ctx.io.out.write(`${line.trimEnd()}\n`);
    for (const problem of r.problems ?? []) {
      ctx.io.out.write(`${indent}problem: ${problem.message}\n`);
      if (problem.hint) ctx.io.out.write(`${indent}hint: ${problem.hint}\n`);
    }
  }
}

export async function runConfigShow(options: GlobalOptions, ctx: Context): Promise<ExitCodeValue> {
  const problems: SettingProblem[] = [];
  const settings = await loadSettings(options, ctx, { problems });
  const clean = (text: string) => sanitizeText(text);
  const shown = problems.map((p) => ({
    setting: clean(p.setting),
    message: clean(p.message),
    ...(p.hint ? { hint: clean(p.hint) } : {}),
  }));
  if (outputFor("settings", settings.output.value) === "json") {
    ctx.io.out.write(`${JSON.stringify(asJson(settings, shown), null, 2)}\n`);
    return ExitCode.Ok;
  }
  const unreadable = problems.some((p) => p.setting === "config file");
  const rows = rowsFor(settings, unreadable).map((r) => ({
    ...r,
    setting: clean(r.setting),
    value: clean(r.value),
    source: clean(r.source),
  }));
  printRows(withProblems(rows, shown), ctx);
  return ExitCode.Ok;
}
