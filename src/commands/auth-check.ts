import type { Command } from "commander";
import { defineCommand } from "../command-kit/define-command.js";
import { addOutputOptions } from "../command-kit/option-groups.js";
import { requestedOutput } from "../command-kit/output.js";

/** `auth check`: one live call, saying which identity and method worked, or why not. */

export const authCheckCommand = defineCommand({
  name: "auth check",
  description: "make one live call and say which identity and method worked, or why not",
  declare: (command: Command) => {
    addOutputOptions(
      command,
      ["identity"],
      'print {"ok": true, "method": …, "identity": …, "endpoint": …, "project_id": …, "pipelines": …}; never a secret (same as --output json)',
    );
  },
  handler: async ({ flags, global }, ctx) => {
    const format = requestedOutput("identity", flags);
    const { runAuthCheck } = await import("../handlers/auth-check.js");
    return runAuthCheck({ ...global, format }, ctx);
  },
});
