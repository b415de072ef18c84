import { defineCommand } from "../command-kit/define-command.js";

/** `auth check`: one live call, saying which identity and method worked, or why not. */

export const authCheckCommand = defineCommand({
  name: "auth check",
  description: "make one live call and say which identity and method worked, or why not",
  handler: async ({ global }, ctx) => {
    const { runAuthCheck } = await import("../handlers/auth-check.js");
    return runAuthCheck(global, ctx);
  },
});
