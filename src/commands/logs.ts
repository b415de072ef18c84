import type { Command } from "commander";
import { Option } from "commander";
import { defineCommand } from "../command-kit/define-command.js";
import { addOutputOptions } from "../command-kit/option-groups.js";
import { requestedOutput } from "../command-kit/output.js";

/** `logs <pipeline>`: the logs of a run's steps, as text, or as one JSON array for a script. */

export const logsCommand = defineCommand({
  name: "logs",
  description: "print the logs of a run's steps: the failed steps' when the run failed, else every step's",
  declare: (command: Command) => {
    command
      .argument("<pipeline>", "pipeline id, alias from the config, or name")
      .option("--run <run-id>", "a specific run instead of the latest")
      .addOption(new Option("--step <step>", "only this step: its id, or its exact name").conflicts("failed"))
      .option("--failed", "only the steps that failed, whatever the run's status")
      .option("--raw", "print the logs exactly as received, escape sequences included");
    addOutputOptions(
      command,
      ["logs"],
      "print one JSON array, an object per step: {stage, job, step, status, step_run_id, log}, the log as received (same as --output json)",
    );
  },
  helpAfter: `
Examples:
  codearts-run logs api                         # why did the latest run fail?
  codearts-run logs api --run 25adfa6784124cfc9b9274ceaecf9957 --step "Run tests"
  codearts-run logs api --json | jq -r '.[] | select(.status == "FAILED") | .log'

Exits 0 when the logs could be printed, whatever the run's status.`,
  handler: async ({ args, flags: o, global }, ctx) => {
    const format = requestedOutput("logs", o);
    const { runLogs } = await import("../handlers/logs.js");
    return runLogs(
      {
        ...global,
        pipeline: args[0] as string,
        run: o.run as string | undefined,
        step: o.step as string | undefined,
        failed: Boolean(o.failed),
        raw: Boolean(o.raw),
        format,
      },
      ctx,
    );
  },
});
