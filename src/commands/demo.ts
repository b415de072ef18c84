import { defineCommand } from "../command-kit/define-command.js";
import type { ExitCodeValue } from "../core/exit-codes.js";

/** `demo`: the simulator and a watched run, what `npm run demo` does. */

export const demoCommand = defineCommand({
  name: "demo",
  description: "start the simulator and follow a pipeline run to its end (what `npm run demo` does)",
  handler: async ({ info }, ctx) => {
    const { runDemo } = await import("../handlers/demo.js");
    return (await runDemo({ binPath: info.binPath }, ctx)) as ExitCodeValue;
  },
});
