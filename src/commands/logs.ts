import type { Command } from "commander";
import { Option } from "commander";
import { defineCommand } from "../command-kit/define-command.js";

/** `logs <pipeline>`: the logs of a run's steps, as text (no view formats: logs are the text). */

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
  },
  helpAfter: `
Examples:
  codearts-run logs api                         # why did the latest run fail?
  codearts-run logs api --run 25adfa6784124cfc9b9274ceaecf9957 --step "Run tests"

Exits 0 when the logs could be printed, whatever the run's status.`,
  handler: async ({ args, flags: o, global }, ctx) => {
    const { runLogs } = await import("../handlers/logs.js");
    return runLogs(
      {
        ...global,
        pipeline: args[0] as string,
        run: o.run as string | undefined,
        step: o.step as string | undefined,
        failed: Boolean(o.failed),
        raw: Boolean(o.raw),
      },
      ctx,
    );
  },
});
