import type { Command } from "commander";
import { defineCommand } from "../command-kit/define-command.js";
import {
  addOutputOptions,
  addReportOptions,
  addRunViewOptions,
  addWatchOptions,
  reportFlags,
  runViewFlags,
  watchOptions,
} from "../command-kit/option-groups.js";
import { refuseRunViewWithoutWatch, requestedOutput } from "../command-kit/output.js";
import { EXIT_CODE_HELP } from "../core/exit-codes.js";

/** `run <pipeline>`: start a run; --watch follows it as `status --watch` does. */

function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

export const runCommand = defineCommand({
  name: "run",
  description: "start a pipeline run and print its number and id; --watch follows it to its end",
  declare: (command: Command) => {
    command
      .argument("<pipeline>", "pipeline id, alias from the config, or name")
      .option("--branch <name>", "build this branch of the pipeline's code source")
      .option("--tag <name>", "build this tag of the pipeline's code source")
      .option(
        "--commit <sha>",
        "ask for this commit of --branch (or of the branch the last run built); sent as build_params.commit_id, which the documented request model lacks: a service that ignores it builds the branch head",
      )
      .option("--source <alias>", "the code source --branch/--tag/--commit is for, when there are several")
      .option("--var <NAME=VALUE>", "set a pipeline parameter; repeat for more", collect)
      .option("--stage <name>", "run only this stage (name or identifier); repeat for more", collect)
      .option("--job <name>", "run only this job (name or identifier); repeat for more", collect)
      .option("--description <text>", "the run's description (at most 1024 characters)");
    addOutputOptions(
      command,
      ["run", "started"],
      'print {"pipeline_run_id": …} and nothing else on stdout; with --watch, the run document at the end',
    );
    addWatchOptions(command);
    addRunViewOptions(command);
    addReportOptions(command);
  },
  helpAfter: `
Examples:
  codearts-run run api --branch "$BRANCH" --watch      # the CI gate: exit 0/1/6 with the run
  codearts-run run web --var env=staging --stage Build --json
  codearts-run run web --commit "$GITHUB_SHA" --branch main --watch --summary-file summary.md

The start request is sent once. If it fails without an answer (timeout, 5xx), the run may or may
not have started: codearts-run says so, exits 5, and gives the command that checks.

${EXIT_CODE_HELP}`,
  handler: async ({ args, flags: o, global }, ctx) => {
    const watch = watchOptions(o);
    refuseRunViewWithoutWatch(o, watch);
    const output = requestedOutput(watch ? "run" : "started", o);
    const [{ runStart }, { parseVariable }] = await Promise.all([
      import("../handlers/run.js"),
      import("../handlers/run-request.js"),
    ]);
    return runStart(
      {
        ...global,
        output,
        pipeline: args[0] as string,
        branch: o.branch as string | undefined,
        tag: o.tag as string | undefined,
        commit: o.commit as string | undefined,
        source: o.source as string | undefined,
        variables: ((o.var as string[] | undefined) ?? []).map(parseVariable),
        stages: (o.stage as string[] | undefined) ?? [],
        jobs: (o.job as string[] | undefined) ?? [],
        description: o.description as string | undefined,
        watch,
        ...runViewFlags(o),
        ...reportFlags(o),
      },
      ctx,
    );
  },
});
