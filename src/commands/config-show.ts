import type { Command } from "commander";
import { defineCommand } from "../command-kit/define-command.js";
import { addOutputOptions } from "../command-kit/option-groups.js";
import { requestedOutput } from "../command-kit/output.js";

/** `config show`: the effective settings and where each came from. */

export const configShowCommand = defineCommand({
  name: "config show",
  description: "print the effective settings and where each came from (secrets redacted)",
  declare: (command: Command) => {
    addOutputOptions(command, ["settings"], "print them as JSON (same as --output json)");
  },
  handler: async ({ flags, global }, ctx) => {
    const output = requestedOutput("settings", flags);
    const { runConfigShow } = await import("../handlers/config-show.js");
    return runConfigShow({ ...global, output }, ctx);
  },
});
