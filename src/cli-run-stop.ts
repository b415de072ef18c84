import type { Command } from "commander";
import type { GlobalOptions } from "./commands/session.js";
import type { StatusWatchOptions } from "./commands/status.js";
import { OUTPUT_FORMATS } from "./config/schema.js";
import type { Context } from "./core/context.js";
import { EXIT_CODE_HELP, type ExitCodeValue } from "./core/exit-codes.js";

/**
 * The commands that change a run, `run` and `stop`, defined apart from src/cli.ts; cli.ts hands
 * over the helpers it shares with `status` (global options, the watch flags' parsers and checks).
 */

export interface CliHelpers {
  ctx: Context;
  globalOptions: (command: Command) => GlobalOptions;
  watchOptions: (o: Record<string, unknown>) => StatusWatchOptions | undefined;
  intervalSeconds: (value: string) => number;
  watchDuration: (value: string) => number;
  setExitCode: (code: ExitCodeValue) => void;
}

function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

/** --watch and its flags, as `status` has them. */
function addWatchFlags(command: Command, helpers: CliHelpers): Command {
  return command
    .option("-w, --watch", "follow the run until it ends; the exit code is its outcome")
    .option(
      "--interval <seconds>",
      "with --watch: seconds between polls (default 3)",
      helpers.intervalSeconds,
    )
    .option(
      "--timeout <duration>",
      "with --watch: stop after this long (e.g. 30m, 1h) with exit 7",
      helpers.watchDuration,
    )
    .option("--fail-fast", "with --watch: stop with exit 1 as soon as any stage, job or step FAILED")
    .option("--quiet", "with --watch: print only the final result")
    .option("--json-lines", "with --watch: one JSON event per change on stdout, then an end event")
    .addOption(
      command
        .createOption("-o, --output <format>", "with --watch: the final output format")
        .choices(OUTPUT_FORMATS),
    );
}

/** --summary-file / --junit-file, as `status` has them. */
export function addReportFlags(command: Command): Command {
  return command
    .option("--summary-file <path>", "also write the run as markdown (what -o markdown prints) to this file")
    .option("--junit-file <path>", "also write the run as a JUnit XML report to this file");
}

export function registerRunAndStop(program: Command, helpers: CliHelpers): void {
  const { ctx } = helpers;
  const run = program
    .command("run")
    .description("start a pipeline run and print its number and id; --watch follows it to its end")
    .argument("<pipeline>", "pipeline id, alias from the config, or name")
    .option("--branch <name>", "build this branch of the pipeline's code source")
    .option("--tag <name>", "build this tag of the pipeline's code source")
    .option("--commit <sha>", "build this commit (of --branch, or of the branch the last run built)")
    .option("--source <alias>", "the code source --branch/--tag/--commit is for, when there are several")
    .option("--var <NAME=VALUE>", "set a pipeline parameter; repeat for more", collect)
    .option("--stage <name>", "run only this stage (name or identifier); repeat for more", collect)
    .option("--job <name>", "run only this job (name or identifier); repeat for more", collect)
    .option("--description <text>", "the run's description (at most 1024 characters)")
    .option("--json", 'print {"pipeline_run_id": …} and nothing else on stdout');
  addReportFlags(addWatchFlags(run, helpers))
    .addHelpText(
      "after",
      `
Examples:
  codearts-run run api --branch "$BRANCH" --watch      # the CI gate: exit 0/1/6 with the run
  codearts-run run web --var env=staging --stage Build --json
  codearts-run run web --commit "$GITHUB_SHA" --branch main --watch --summary-file summary.md

The start request is sent once. If it fails without an answer (timeout, 5xx), the run may or may
not have started: codearts-run says so, exits 5, and gives the command that checks.

${EXIT_CODE_HELP}`,
    )
    .action(async (pipeline: string, _opts, command: Command) => {
      const o = command.opts();
      const { runStart } = await import("./commands/run.js");
      const { parseVariable } = await import("./commands/run-request.js");
      helpers.setExitCode(
        await runStart(
          {
            ...helpers.globalOptions(command),
            output: o.output,
            pipeline,
            branch: o.branch,
            tag: o.tag,
            commit: o.commit,
            source: o.source,
            variables: ((o.var as string[] | undefined) ?? []).map(parseVariable),
            stages: o.stage ?? [],
            jobs: o.job ?? [],
            description: o.description,
            json: Boolean(o.json),
            watch: helpers.watchOptions(o),
            summaryFile: o.summaryFile,
            junitFile: o.junitFile,
          },
          ctx,
        ),
      );
    });

  const stop = program
    .command("stop")
    .description("stop a run: the latest one still going, or --run; shows which and asks first")
    .argument("<pipeline>", "pipeline id, alias from the config, or name")
    .option("--run <run-id>", "this run instead of the latest one still going")
    .option("-y, --yes", "do not ask; required when standard input is not a terminal");
  addReportFlags(addWatchFlags(stop, helpers))
    .addHelpText(
      "after",
      `
Examples:
  codearts-run stop web                     # shows the run, asks, stops it
  codearts-run stop web --run 25adfa6784124cfc9b9274ceaecf9957 --yes --watch

Exits 0 once the stop is asked for (or when the run had already ended); with --watch, with the
run's outcome, 6 for CANCELED.`,
    )
    .action(async (pipeline: string, _opts, command: Command) => {
      const o = command.opts();
      const { runStop } = await import("./commands/stop.js");
      helpers.setExitCode(
        await runStop(
          {
            ...helpers.globalOptions(command),
            output: o.output,
            pipeline,
            run: o.run,
            yes: Boolean(o.yes),
            watch: helpers.watchOptions(o),
            summaryFile: o.summaryFile,
            junitFile: o.junitFile,
          },
          ctx,
        ),
      );
    });
}
