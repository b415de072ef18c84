import type { CodeArtsApi } from "../api/codearts.js";
import { outputFor } from "../command-kit/output.js";
import type { Context } from "../core/context.js";
import { UsageError } from "../core/errors.js";
import { ExitCode, type ExitCodeValue } from "../core/exit-codes.js";
import { normaliseRunSummary } from "../model/run-summary.js";
import { KNOWN_RUN_STATUSES } from "../model/status.js";
import { renderRunsTable } from "../render/runs-table.js";
import { type GlobalOptions, withPipeline } from "../session/session.js";
import { sanitizeText } from "../text/sanitize.js";
import { quoteInput } from "../text/shown-input.js";

export interface RunsOptions extends GlobalOptions {
  pipeline: string;
  /** As typed; checked here. */
  limit: string;
  /** Comma-separated statuses, as typed. */
  status?: string;
}

export const DEFAULT_RUN_LIMIT = 20;
/** The largest page the list APIs serve. */
const PAGE_SIZE = 100;

export type RunLister = Pick<CodeArtsApi, "listRuns">;

export interface RecentRuns {
  /** Newest first, as the service sent them. */
  runs: Record<string, unknown>[];
  /** How many runs match in all; undefined when the service ignored the status filter. */
  total: number | undefined;
  /** The service sent runs of other statuses than asked for; they were left out here. */
  filteredHere: boolean;
}

/**
 * Up to `limit` of the newest runs, over as many pages as that takes. A run that starts between two
 * pages shifts the list by one; the run seen twice is kept once. Only runs of the statuses asked
 * for are kept, even from a service that ignores the filter (then its total counts the others too).
 */
export async function recentRuns(
  api: RunLister,
  query: { projectId: string; pipelineId: string; statuses: string[] },
  limit: number,
): Promise<RecentRuns> {
  const runs: Record<string, unknown>[] = [];
  const seen = new Set<unknown>();
  const wanted = new Set(query.statuses);
  let total = 0;
  let filteredHere = false;
  for (let offset = 0; runs.length < limit; ) {
    // Once the service is known to ignore the filter, whole pages: most of each is left out.
    const pageSize = filteredHere ? PAGE_SIZE : Math.min(PAGE_SIZE, limit - runs.length);
    const page = await api.listRuns({ ...query, offset, limit: pageSize });
    total = page.total;
    for (const run of page.runs) {
      const id = run.pipeline_run_id;
      if (id !== undefined && seen.has(id)) continue;
      seen.add(id);
      if (wanted.size > 0 && !wanted.has(String(run.status).toUpperCase())) {
        filteredHere = true;
        continue;
      }
      runs.push(run);
    }
    offset += page.runs.length;
    if (page.runs.length === 0 || offset >= page.total) break;
  }
  return { runs: runs.slice(0, limit), total: filteredHere ? undefined : total, filteredHere };
}

function parseLimit(value: string): number {
  const limit = Number(value);
  if (!Number.isSafeInteger(limit) || limit < 1) {
    throw new UsageError(
      `invalid --limit ${quoteInput(value, 20)}`,
      "give a whole number of runs, 1 or more",
    );
  }
  return limit;
}

function parseStatuses(value: string | undefined, ctx: Context): string[] {
  if (value === undefined) return [];
  const statuses = value.split(",").map((s) => s.trim().toUpperCase());
  const bad = statuses.find((s) => !/^[A-Z_]{1,32}$/.test(s));
  if (bad !== undefined) {
    throw new UsageError(
      `invalid --status ${quoteInput(value)}`,
      `give run statuses separated by commas, e.g. FAILED,CANCELED; known ones: ${KNOWN_RUN_STATUSES.join(", ")}`,
    );
  }
  const unknown = statuses.filter((s) => !KNOWN_RUN_STATUSES.includes(s));
  if (unknown.length > 0) {
    ctx.io.err.write(
      `warning: ${unknown.join(", ")} ${unknown.length === 1 ? "is not a run status" : "are not run statuses"} this version knows (${KNOWN_RUN_STATUSES.join(", ")}); asking the service anyway\n`,
    );
  }
  return statuses;
}

function noteTotal(found: RecentRuns, ctx: Context): ExitCodeValue {
  if (found.total !== undefined && found.total > found.runs.length) {
    ctx.io.err.write(
      `note: the ${found.runs.length} most recent of ${found.total} runs; --limit ${found.total} shows them all\n`,
    );
  }
  return ExitCode.Ok;
}

/** `codearts-run runs <pipeline>`: recent runs; it reports history, so it exits 0 when the query worked. */
export async function runRuns(options: RunsOptions, ctx: Context): Promise<ExitCodeValue> {
  const limit = parseLimit(options.limit);
  const statuses = parseStatuses(options.status, ctx);
  return withPipeline(options, ctx, async ({ settings, session, projectId, pipeline }) => {
    const found = await recentRuns(session.api, { projectId, pipelineId: pipeline.id, statuses }, limit);
    if (found.filteredHere) {
      ctx.io.err.write(
        `note: the service also sent runs of other statuses; only ${statuses.join(", ")} runs are shown\n`,
      );
    }
    const output = outputFor("history", settings.output.value);
    if (output === "json") {
      ctx.io.out.write(`${JSON.stringify(found.runs, null, 2)}\n`);
      return ExitCode.Ok;
    }
    const shownName = sanitizeText(pipeline.reference);
    if (found.runs.length === 0) {
      const which = statuses.length > 0 ? `${statuses.join(" or ")} runs` : "runs";
      ctx.io.out.write(`No ${which} of ${shownName}.\n`);
      return ExitCode.Ok;
    }
    if (output === "markdown") {
      const { renderRunsMarkdown } = await import("../render/runs-markdown.js");
      ctx.io.out.write(
        renderRunsMarkdown(found.runs.map(normaliseRunSummary), { now: ctx.now(), withPipeline: false }),
      );
      return noteTotal(found, ctx);
    }
    const { terminal } = ctx;
    ctx.io.out.write(
      renderRunsTable(found.runs.map(normaliseRunSummary), {
        colorLevel: terminal.colorLevel,
        columns: terminal.width(),
        timeStyle: terminal.timeStyle,
        now: ctx.now(),
        unicode: terminal.unicode,
      }),
    );
    return noteTotal(found, ctx);
  });
}
