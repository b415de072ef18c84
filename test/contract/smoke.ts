/**
 * `npm run smoke`: calls each read-only CodeArts API the CLI uses once, against the service the
 * usual settings point at (CODEARTS_* / HUAWEICLOUD_SDK_* variables, .codeartsrc), and checks each
 * answer against the schemas written from the SDK models. It prints one line per API: the HTTP
 * status, and "ok" or the fields that differ. Nothing it sends changes any state: lists, status,
 * run detail and one page of one step log. Maintainers with an account run it to catch a drift of
 * the real service in minutes; its test runs it against the simulator.
 */
import { createHttpClient, type HttpRequest } from "../../src/api/http.js";
import { createAuthenticator } from "../../src/auth/index.js";
import { requireConnection } from "../../src/config/settings.js";
import type { Context } from "../../src/core/context.js";
import { CliError } from "../../src/core/errors.js";
import { ExitCode, type ExitCodeValue } from "../../src/core/exit-codes.js";
import { loadSettings } from "../../src/session/session.js";
import { sanitizeText } from "../../src/text/sanitize.js";
import { type Schema, validate } from "./schema.js";
import {
  codeArtsErrorAnswer,
  latestStatusAnswer,
  listPipelinesAnswer,
  listRunsAnswer,
  runDetailAnswer,
  stepLogAnswer,
} from "./schemas.js";

export interface SmokeRow {
  api: string;
  status: number | "-";
  /** Empty when the answer matched its schema. */
  differences: string[];
}

/** At most this many differences are listed per API; the rest are counted. */
const SHOWN_DIFFERENCES = 8;

type Doc = Record<string, unknown> & { [key: string]: unknown };

export async function runSmoke(ctx: Context): Promise<ExitCodeValue> {
  const settings = await loadSettings({ debug: false }, ctx);
  const connection = requireConnection(settings);
  const http = createHttpClient({
    timeoutMs: settings.requestTimeoutMs.value,
    maxBodyBytes: 32 * 1024 * 1024,
    signal: ctx.signal,
    now: ctx.now,
  });
  const auth = createAuthenticator(connection.credentials, { settings, http, ctx });
  const base = new URL(connection.endpoint.value.href);
  const prefix = `${base.pathname.replace(/\/+$/, "")}/v5/${connection.projectId.value}/api/pipelines`;
  const rows: SmokeRow[] = [];

  /** One call, checked; the parsed body when it was a 2xx JSON answer. */
  async function check(api: string, schema: Schema, method: "GET" | "POST", path: string, body?: unknown) {
    const url = new URL(base.href);
    url.pathname = `${prefix}${path}`;
    const request: HttpRequest = {
      method,
      url,
      headers: {
        Accept: "application/json",
        ...(body === undefined ? {} : { "Content-Type": "application/json" }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    };
    let response: Awaited<ReturnType<typeof http.send>>;
    try {
      response = await http.send({
        ...request,
        headers: { ...request.headers, ...(await auth.headersFor(request)) },
      });
    } catch (error) {
      rows.push({ api, status: "-", differences: [error instanceof Error ? error.message : String(error)] });
      return undefined;
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(response.body.toString("utf8"));
    } catch {
      rows.push({ api, status: response.status, differences: ["the answer is not JSON"] });
      return undefined;
    }
    const ok = response.status >= 200 && response.status < 300;
    const differences = validate(ok ? schema : codeArtsErrorAnswer, parsed).map(
      (d) => `${d.path}: ${d.problem}`,
    );
    rows.push({
      api,
      status: response.status,
      differences: ok ? differences : [`error answer`, ...differences],
    });
    return ok ? parsed : undefined;
  }

  try {
    const list = (await check("list pipelines", listPipelinesAnswer, "POST", "/list", {
      offset: 0,
      limit: 10,
    })) as { pipelines?: Doc[] } | undefined;
    const pipelines = Array.isArray(list?.pipelines) ? list.pipelines : [];
    const ids = pipelines.map((p) => p.pipeline_id).filter((id): id is string => typeof id === "string");
    if (ids.length > 0) await check("latest status", latestStatusAnswer, "POST", "/status", ids);
    // A pipeline with a run shows the most: its runs, its latest run, a step's log.
    const chosen = pipelines.find((p) => p.latest_run) ?? pipelines[0];
    const id = typeof chosen?.pipeline_id === "string" ? encodeURIComponent(chosen.pipeline_id) : undefined;
    if (id !== undefined) {
      await check("list runs", listRunsAnswer, "POST", `/${id}/pipeline-runs/list`, { offset: 0, limit: 5 });
      const run = (await check("run detail", runDetailAnswer, "GET", `/${id}/pipeline-runs/detail`)) as
        | {
            id?: string;
            stages?: { jobs?: { id?: string; steps?: { id?: string; start_time?: unknown }[] }[] }[];
          }
        | undefined;
      const job = run?.stages?.flatMap((s) => s.jobs ?? []).find((j) => j.steps?.some((s) => s.start_time));
      const step = job?.steps?.find((s) => s.start_time);
      if (run?.id && job?.id && step?.id) {
        const path = `/${id}/pipeline-runs/${run.id}/jobs/${job.id}/steps/${step.id}/logs`;
        await check("step log", stepLogAnswer, "POST", path, { start_offset: 0, limit: 20, sort: "asc" });
      }
    }
  } finally {
    await http.close();
  }
  ctx.io.out.write(smokeTable(rows, connection.endpoint.value.origin));
  if (rows.length === 0)
    throw new CliError("no API could be called", ExitCode.ApiFailure, "check the settings");
  return rows.every((row) => row.differences.length === 0) ? ExitCode.Ok : ExitCode.ApiFailure;
}

export function smokeTable(rows: SmokeRow[], origin: string): string {
  const width = Math.max(...rows.map((r) => r.api.length), 3);
  const lines = [`Schema smoke test against ${sanitizeText(origin)}`, `${"API".padEnd(width)}  HTTP  SCHEMA`];
  for (const row of rows) {
    const head = `${row.api.padEnd(width)}  ${String(row.status).padEnd(4)}  `;
    if (row.differences.length === 0) {
      lines.push(`${head}ok`);
      continue;
    }
    const shown = row.differences.slice(0, SHOWN_DIFFERENCES).map((d) => sanitizeText(d));
    const more = row.differences.length - shown.length;
    lines.push(`${head}${shown[0]}`, ...shown.slice(1).map((d) => `${" ".repeat(head.length)}${d}`));
    if (more > 0) lines.push(`${" ".repeat(head.length)}… and ${more} more`);
  }
  return `${lines.join("\n")}\n`;
}
