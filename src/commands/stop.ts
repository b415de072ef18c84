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

/** `stop <pipeline>`: stop a run, after showing it and asking; --watch follows it to its end. */

export const stopCommand = defineCommand({
  name: "stop",
  description: "stop a run: the latest one still going, or --run; shows which and asks first",
  declare: (command: Command) => {
    command
      .argument("<pipeline>", "pipeline id, alias from the config, or name")
      .option("--run <run-id>", "this run instead of the latest one still going")
      .option("-y, --yes", "do not ask; required when standard input is not a terminal");
    addOutputOptions(
      command,
      ["run", "stopped"],
      'print {"pipeline_run_id": …, "stopped": true|false} on stdout; with --watch, the run document at the end',
    );
    addWatchOptions(command);
    addRunViewOptions(command);
    addReportOptions(command);
  },
  helpAfter: `
Examples:
  codearts-run stop web                     # shows the run, asks, stops it
  codearts-run stop web --run 25adfa6784124cfc9b9274ceaecf9957 --yes --watch

Exits 0 once the stop is asked for (or when the run had already ended, or was not stopped:
--json then prints "stopped": false); with --watch, with the run's outcome, 6 for CANCELED.`,
  handler: async ({ args, flags: o, global }, ctx) => {
    const watch = watchOptions(o);
    refuseRunViewWithoutWatch(o, watch);
    const output = requestedOutput(watch ? "run" : "stopped", o);
    const { runStop } = await import("../handlers/stop.js");
    return runStop(
      {
        ...global,
        output,
        pipeline: args[0] as string,
        run: o.run as string | undefined,
        yes: Boolean(o.yes),
        watch,
        ...runViewFlags(o),
        ...reportFlags(o),
      },
      ctx,
    );
  },
});
