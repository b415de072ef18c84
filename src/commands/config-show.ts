import type { Credentials, Settings, Sourced } from "../config/settings.js";
import type { Context } from "../context.js";
import { ExitCode, type ExitCodeValue } from "../exit-codes.js";
import { sanitizeText } from "../render/sanitize.js";
import { type GlobalOptions, loadSettings } from "./session.js";

/**
 * `codearts-run config show [--json]`: the effective settings and where each came from.
 * Secrets are never shown: a token, SK, security token or password appears only as "<redacted>",
 * and an access key only by its first four characters.
 */

const REDACTED = "<redacted>";

interface Row {
  setting: string;
  value: string;
  source: string;
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

function rowsFor(settings: Settings): Row[] {
  return [
    { setting: "config file", value: settings.configFile ?? "(none found)", source: "" },
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

function asJson(settings: Settings): unknown {
  const plain = (found: Sourced<string | URL | number> | undefined) =>
    found ? { value: String(found.value), source: found.source } : null;
  const credentials = settings.credentials;
  const secret = (found: Sourced<string> | undefined) =>
    found ? { value: REDACTED, source: found.source } : null;
  return {
    configFile: settings.configFile ?? null,
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
  };
}

export async function runConfigShow(
  options: GlobalOptions & { json: boolean },
  ctx: Context,
): Promise<ExitCodeValue> {
  const settings = await loadSettings(options, ctx);
  if (options.json) {
    ctx.io.out.write(`${JSON.stringify(asJson(settings), null, 2)}\n`);
    return ExitCode.Ok;
  }
  const rows = rowsFor(settings).map((r) => ({
    ...r,
    value: sanitizeText(r.value),
    source: sanitizeText(r.source),
  }));
  const width = Math.max(...rows.map((r) => r.setting.length));
  const valueWidth = Math.min(60, Math.max(...rows.map((r) => r.value.length)));
  for (const r of rows) {
    const line = `${r.setting.padEnd(width)}  ${r.source ? `${r.value.padEnd(valueWidth)}  ${r.source}` : r.value}`;
    ctx.io.out.write(`${line.trimEnd()}\n`);
  }
  return ExitCode.Ok;
}
