import type { Command } from "commander";
import { defineCommand } from "../command-kit/define-command.js";
import type { ExitCodeValue } from "../core/exit-codes.js";

/** `demo`: the simulator and a watched run, what `npm run demo` does. */

export const demoCommand = defineCommand({
  name: "demo",
  description: "start the simulator and follow a pipeline run to its end (what `npm run demo` does)",
  declare: (command: Command) => {
    command.option("--start", "start a new run with `run --watch` instead of following the one going");
  },
  handler: async ({ flags, info }, ctx) => {
    const { runDemo } = await import("../handlers/demo.js");
    return (await runDemo({ binPath: info.binPath, start: Boolean(flags.start) }, ctx)) as ExitCodeValue;
  },
});
