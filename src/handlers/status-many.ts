import { outputFor } from "../command-kit/output.js";
import type { Context } from "../core/context.js";
import { CliError } from "../core/errors.js";
import { ExitCode, type ExitCodeValue } from "../core/exit-codes.js";
import type { Fields } from "../model/run.js";
import type { RunSummaryView } from "../model/run-summary.js";
import { exitCodeForRunStatus } from "../model/status.js";
import { renderRunsTable } from "../render/runs-table.js";
import { type GlobalOptions, loadSettings, openApi } from "../session/session.js";
import { ManyPipelines } from "./status-many-rows.js";

/**
 * `codearts-run status web api docs` and `status --all`: one line per pipeline with its latest
 * run, from the latest-status-of-many API (one request for all of them), optionally watched until
 * every one has finished. The exit code is the worst of them: FAILED (1) over CANCELED/IGNORED (6)
 * over COMPLETED or still going (0); a pipeline that never ran counts as 0, one that does not
 * exist is exit 4 (see status-many-rows.ts).
 */

export interface StatusManyOptions extends GlobalOptions {
  pipelines: string[];
  all: boolean;
  watch?: { intervalMs: number; timeoutMs?: number; failFast?: boolean };
}

/** How bad each run outcome is, for "the worst of them". */
const SEVERITY: Partial<Record<ExitCodeValue, number>> = {
  [ExitCode.Ok]: 0,
  [ExitCode.RunNotSuccessful]: 1,
  [ExitCode.RunFailed]: 2,
};

export function worstExitCode(runs: RunSummaryView[]): ExitCodeValue {
  return runs
    .map((run) => (run.id === undefined ? ExitCode.Ok : exitCodeForRunStatus(run.status)))
    .reduce<ExitCodeValue>(
      (worst, code) => ((SEVERITY[code] ?? 0) > (SEVERITY[worst] ?? 0) ? code : worst),
      ExitCode.Ok,
    );
}

export async function runStatusMany(options: StatusManyOptions, ctx: Context): Promise<ExitCodeValue> {
  const settings = await loadSettings(options, ctx);
  const session = openApi(settings, options, ctx);
  try {
    const many = new ManyPipelines(session.api, session.connection.projectId.value);
    const targets = options.all
      ? await many.everyPipeline()
      : await many.resolve(options.pipelines, settings.pipelines);
    if (targets.length === 0) {
      // CodeArts lists no pipelines to a user who is not a member of the project (reference §7):
      // a gate that checks "all of them" must not pass on none.
      throw new CliError(
        `no pipelines in project ${session.connection.projectId.value}`,
        ExitCode.NotFound,
        "check --project / CODEARTS_PROJECT_ID and that you are a member of the project (a non-member sees none)",
      );
    }
    let raw: Fields[] = [];
    // The answer has no current_system_time: its Date header is the server's clock.
    let serverTime: number | undefined;
    const fetchLatest = async () => {
      const latest = await many.latest(targets);
      raw = latest.raw;
      serverTime = latest.serverTime;
      return latest.rows;
    };

    const { terminal } = ctx;
    const table = (runs: RunSummaryView[]) =>
      renderRunsTable(runs, {
        withPipeline: true,
        colorLevel: terminal.colorLevel,
        columns: terminal.width(),
        timeStyle: terminal.timeStyle,
        now: ctx.now(),
        serverTime,
        unicode: terminal.unicode,
      });
    const output = outputFor("pipelines", settings.output.value);
    const markdown = output === "markdown" && (await import("../render/runs-markdown.js"));
    const finish = (runs: RunSummaryView[]) =>
      ctx.io.out.write(
        output === "json"
          ? `${JSON.stringify(raw, null, 2)}\n`
          : markdown
            ? markdown.renderRunsMarkdown(runs, { now: ctx.now() })
            : table(runs),
      );

    if (!options.watch) {
      const runs = await fetchLatest();
      finish(runs);
      return worstExitCode(runs);
    }
    const { watchMany } = await import("../watch/watch-many.js");
    return await watchMany(
      // The final output is for a machine (JSON, markdown): progress goes to stderr, no live view.
      { ...options.watch, json: output !== "table", fetchLatest, table, finish, worst: worstExitCode },
      ctx,
    );
  } finally {
    await session.close();
  }
}
