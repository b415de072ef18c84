import type { Command } from "commander";
import { defineCommand } from "../command-kit/define-command.js";
import { addOutputOptions } from "../command-kit/option-groups.js";
import { requestedOutput } from "../command-kit/output.js";

/** `runs <pipeline>`: a pipeline's recent runs, newest first. */

export const runsCommand = defineCommand({
  name: "runs",
  description: "list a pipeline's recent runs, newest first, with the run ids `status --run` takes",
  declare: (command: Command) => {
    command
      .argument("<pipeline>", "pipeline id, alias from the config, or name")
      .option("--limit <n>", "how many of the newest runs to show", "20")
      .option("--status <statuses>", "only runs with these statuses, comma-separated, e.g. FAILED,CANCELED");
    addOutputOptions(
      command,
      ["history"],
      "print the runs as a JSON array of the objects the API sent (same as --output json)",
    );
  },
  helpAfter: `
Examples:
  codearts-run runs web --status FAILED --limit 5
  codearts-run runs web --json | jq -r '.[] | "\\(.run_number) \\(.status)"'

Exits 0 when the runs could be listed, whatever their statuses.`,
  handler: async ({ args, flags: o, global }, ctx) => {
    const output = requestedOutput("history", o);
    const { runRuns } = await import("../handlers/runs.js");
    return runRuns(
      {
        ...global,
        output,
        pipeline: args[0] as string,
        limit: o.limit as string,
        status: o.status as string | undefined,
      },
      ctx,
    );
  },
});
