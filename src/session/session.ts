import { CodeArtsApi } from "../api/codearts.js";
import { createHttpClient, type HttpClient } from "../api/http.js";
import { DEFAULT_RETRY_POLICY, withRetries } from "../api/retry.js";
import { type Authenticator, createAuthenticator } from "../auth/index.js";
import { type LoadedConfig, loadConfig } from "../config/load.js";
import type { OutputFormat, SettingProblem } from "../config/schema.js";
import { flagAttribute, SETTINGS, type SettingKey } from "../config/setting-table.js";
import {
  type Connection,
  requireConnection,
  resolveSettings,
  type SettingFlags,
  type Settings,
  type StdinSecret,
} from "../config/settings.js";
import type { Context } from "../core/context.js";
import { UsageError } from "../core/errors.js";
import { sanitizeText } from "../text/sanitize.js";
import { type ResolvedPipeline, resolvePipeline } from "./resolve-pipeline.js";
import { refuseOversizedSecrets } from "./secret-size.js";

/**
 * What every command that talks to CodeArts does first: read the config file and any secret on
 * standard input, resolve the settings, and open one HTTP client with the right authenticator
 * (`withPipeline` does all of it, and finds the pipeline, for the commands on one pipeline).
 */

export interface GlobalOptions {
  config?: string;
  profile?: string;
  region?: string;
  project?: string;
  endpoint?: string;
  iamEndpoint?: string;
  /** --iam-project: the IAM project id of the region. */
  iamProject?: string;
  tokenStdin?: boolean;
  passwordStdin?: boolean;
  output?: OutputFormat;
  requestTimeoutMs?: number;
  debug: boolean;
  /** False with --no-ci-integration: no GitHub/GitLab output even when running there. */
  ciIntegration?: boolean;
}

/**
 * The flags' values by settings-table key: each row's flag is stored by commander under its
 * attribute (`--iam-project` → `iamProject`); the timeout was parsed to milliseconds, the table's
 * unit is seconds; `-o/--output` and `--json` are not one row's flag.
 */
function settingFlags(options: GlobalOptions): SettingFlags {
  const given = options as unknown as Readonly<Record<string, string | number | undefined>>;
  const flags: Partial<Record<SettingKey, string | number>> = {};
  for (const row of SETTINGS) {
    const attribute = flagAttribute(row);
    const value = attribute === undefined ? undefined : given[attribute];
    if (value !== undefined) flags[row.key as SettingKey] = value;
  }
  if (options.output !== undefined) flags.output = options.output;
  if (options.requestTimeoutMs !== undefined) flags.requestTimeout = options.requestTimeoutMs / 1000;
  return flags;
}

const MAX_ANSWER_BYTES = 32 * 1024 * 1024;

async function readStdinSecret(options: GlobalOptions, ctx: Context): Promise<StdinSecret | undefined> {
  if (options.tokenStdin && options.passwordStdin) {
    throw new UsageError(
      "--token-stdin and --password-stdin cannot be used together",
      "choose one credential",
    );
  }
  const kind = options.tokenStdin ? "token" : options.passwordStdin ? "password" : undefined;
  if (kind === undefined) return undefined;
  if (ctx.terminal.canPrompt) {
    throw new UsageError(
      `--${kind}-stdin reads the ${kind} from standard input, which is a terminal here`,
      `pipe it in, e.g. \`cat ~/.secrets/codearts-${kind} | codearts-run … --${kind}-stdin\``,
    );
  }
  const value = (await ctx.stdin.readAll()).replace(/\r?\n$/, "");
  if (value.trim() === "") {
    throw new UsageError(`--${kind}-stdin: standard input was empty`, `pipe the ${kind} into codearts-run`);
  }
  return { kind, value };
}

/**
 * `allowCode: false` (completion): a JavaScript config named with --config is refused, not run.
 * `problems` (`config show`): a setting that cannot be used, or an unreadable config file, is
 * recorded there instead of thrown, so every other setting can still be shown.
 */
export async function loadSettings(
  options: GlobalOptions,
  ctx: Context,
  { allowCode = true, problems }: { allowCode?: boolean; problems?: SettingProblem[] } = {},
): Promise<Settings> {
  let config: LoadedConfig | undefined;
  try {
    config = await loadConfig({
      explicitPath: options.config,
      cwd: ctx.cwd,
      env: ctx.env,
      allowCode,
      problems,
    });
  } catch (error) {
    if (!(problems && error instanceof UsageError)) throw error;
    problems.push({
      setting: "config file",
      message: error.message,
      ...(error.hint ? { hint: error.hint } : {}),
    });
  }
  if (config?.permissionWarning) ctx.io.err.write(`warning: ${config.permissionWarning}\n`);
  return resolveSettings({
    flags: settingFlags(options),
    env: ctx.env,
    config,
    stdinSecret: await readStdinSecret(options, ctx),
    problems,
  });
}

export interface ApiSession {
  settings: Settings;
  connection: Connection;
  api: CodeArtsApi;
  authenticator: Authenticator;
  close: () => Promise<void>;
}

export function debugWriter(options: { debug: boolean }, ctx: Context): ((line: string) => void) | undefined {
  return options.debug ? (line) => ctx.io.err.write(`debug: ${line}\n`) : undefined;
}

/**
 * `fresh`: credentials are tried, not answered from the token cache (`auth check`).
 * `quietRetries` (--quiet): a retry that works out is nobody's business; one that does not ends in an error.
 */
export function openApi(
  settings: Settings,
  options: GlobalOptions & { quietRetries?: boolean },
  ctx: Context,
  { fresh = false } = {},
): ApiSession {
  const connection = requireConnection(settings);
  refuseOversizedSecrets(connection.credentials);
  const transport = createHttpClient({
    timeoutMs: settings.requestTimeoutMs.value,
    maxBodyBytes: MAX_ANSWER_BYTES,
    signal: ctx.signal,
    now: ctx.now,
    debug: debugWriter(options, ctx),
  });
  const http: HttpClient = withRetries(transport, {
    policy: DEFAULT_RETRY_POLICY,
    now: ctx.now,
    sleep: ctx.sleep,
    random: ctx.random,
    signal: ctx.signal,
    onRetry: options.quietRetries
      ? undefined
      : ({ attempt, maxAttempts, delayMs, reason }) =>
          ctx.io.err.write(
            `note: ${sanitizeText(reason)}; retrying in ${(delayMs / 1000).toFixed(1)} s (attempt ${attempt + 1} of ${maxAttempts})\n`,
          ),
  });
  const authenticator = createAuthenticator(connection.credentials, {
    settings: {
      region: settings.region,
      iamEndpoint: settings.iamEndpoint,
      iamProjectId: settings.iamProjectId,
    },
    http,
    ctx,
    fresh,
  });
  return {
    settings,
    connection,
    api: new CodeArtsApi(http, connection.endpoint.value, authenticator),
    authenticator,
    close: () => http.close(),
  };
}

/** What a command on one pipeline works with: its settings, an open API session, the pipeline. */
export interface PipelineSession {
  settings: Settings;
  session: ApiSession;
  projectId: string;
  pipeline: ResolvedPipeline;
}

/**
 * The steps every command on one pipeline starts with, as one: settings, then an API client, then
 * the pipeline named (id, alias or name); the client is closed however `use` ends.
 */
export async function withPipeline<T>(
  options: GlobalOptions & { pipeline: string; quietRetries?: boolean },
  ctx: Context,
  use: (opened: PipelineSession) => Promise<T>,
): Promise<T> {
  const settings = await loadSettings(options, ctx);
  const session = openApi(settings, options, ctx);
  try {
    const projectId = session.connection.projectId.value;
    const pipeline = await resolvePipeline(options.pipeline, settings.pipelines, session.api, projectId);
    return await use({ settings, session, projectId, pipeline });
  } finally {
    await session.close();
  }
}
