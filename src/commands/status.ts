import type { Command } from "commander";
import { defineCommand } from "../command-kit/define-command.js";
import {
  addOutputOptions,
  addReportOptions,
  addRunViewOptions,
  addWatchOptions,
  flagSpelling,
  reportFlags,
  runViewFlags,
  watchOptions,
} from "../command-kit/option-groups.js";
import { requestedOutput } from "../command-kit/output.js";
import type { Context } from "../core/context.js";
import { UsageError } from "../core/errors.js";
import { EXIT_CODE_HELP, type ExitCodeValue } from "../core/exit-codes.js";
import type { GlobalOptions } from "../session/session.js";

/** `status <pipeline>`: one run; `status a b …` / `status --all`: one line per pipeline. */

/** Flags that mean something only for one pipeline's run. */
const SINGLE_RUN_ONLY = ["run", "compact", "web", "quiet", "jsonLines", "summaryFile", "junitFile"] as const;

async function statusOfMany(
  pipelines: string[],
  o: Record<string, unknown>,
  global: GlobalOptions,
  ctx: Context,
): Promise<ExitCodeValue> {
  if (o.all && pipelines.length > 0) {
    throw new UsageError("--all cannot be combined with pipeline names", "name pipelines, or use --all");
  }
  const stray =
    SINGLE_RUN_ONLY.find((name) => o[name] !== undefined) ?? (o.steps === false ? "steps" : undefined);
  if (stray) {
    throw new UsageError(
      `${flagSpelling(stray)} applies to one pipeline's run, not to several`,
      "name one pipeline to use it",
    );
  }
  const output = requestedOutput("pipelines", o);
  const watch = watchOptions(o);
  const { runStatusMany } = await import("../handlers/status-many.js");
  return runStatusMany(
    {
      ...global,
      output,
      pipelines,
      all: Boolean(o.all),
      watch: watch && { intervalMs: watch.intervalMs, timeoutMs: watch.timeoutMs, failFast: watch.failFast },
    },
    ctx,
  );
}

export const statusCommand = defineCommand({
  name: "status",
  description:
    "show a pipeline run (the latest, or --run) and exit with its outcome; several pipelines (or --all): one line each",
  declare: (command: Command) => {
    command
      .argument("[pipelines...]", "pipeline id, alias from the config, or name; several for one line each")
      .option("--all", "every pipeline of the project, one line each with its latest run")
      .option("--run <run-id>", "a specific run instead of the latest");
    addOutputOptions(
      command,
      ["run", "pipelines"],
      "print the run document exactly as the API sent it (same as --output json)",
    );
    addRunViewOptions(command).option(
      "--web",
      "print the run's page in CodeArts and open it in a browser when there is one",
    );
    addWatchOptions(command, { several: true });
    addReportOptions(command);
  },
  helpAfter: `
Examples:
  codearts-run status web                       # an alias or name
  codearts-run status e5460d1d403146a1935c2d4b68ef506c --json | jq -r .status
  codearts-run status web --run 25adfa6784124cfc9b9274ceaecf9957
  codearts-run status web --watch --timeout 30m   # follow it live; exit 7 if not done in 30 min
  codearts-run status web api docs --watch        # several at once; the exit code is the worst

${EXIT_CODE_HELP}`,
  handler: async ({ args, flags: o, global }, ctx) => {
    const pipelines = args[0] as string[];
    if (o.all || pipelines.length > 1) return statusOfMany(pipelines, o, global, ctx);
    const [pipeline] = pipelines;
    if (pipeline === undefined) {
      throw new UsageError("no pipeline given", "name one (id, alias or name), several, or use --all");
    }
    const output = requestedOutput("run", o);
    const { runStatus } = await import("../handlers/status.js");
    return runStatus(
      {
        ...global,
        pipeline,
        run: o.run as string | undefined,
        output,
        ...runViewFlags(o),
        web: Boolean(o.web),
        watch: watchOptions(o),
        ...reportFlags(o),
      },
      ctx,
    );
  },
});
