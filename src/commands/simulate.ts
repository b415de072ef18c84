import { type Command, InvalidArgumentError } from "commander";
import { defineCommand } from "../command-kit/define-command.js";
import { addOutputOptions } from "../command-kit/option-groups.js";
import { requestedOutput } from "../command-kit/output.js";
import type { ExitCodeValue } from "../core/exit-codes.js";

/** `simulate`: a local CodeArts simulator on 127.0.0.1. */

function port(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535)
    throw new InvalidArgumentError("give a port from 0 to 65535");
  return n;
}

function positiveNumber(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new InvalidArgumentError("give a number greater than 0");
  return n;
}

export const simulateCommand = defineCommand({
  name: "simulate",
  description: "serve a local CodeArts simulator on 127.0.0.1 to try codearts-run without a cloud account",
  declare: (command: Command) => {
    command
      .option("--port <n>", "port to listen on (0 picks a free one)", port, 8080)
      .option("--host <host>", "loopback address to listen on", "127.0.0.1")
      .option("--speed <factor>", "run the scenarios this many times faster", positiveNumber, 1)
      .option("--seed <n>", "seed for ids and data", Number)
      .option("--fault <spec...>", "inject faults, e.g. 503, 429:web, slow=2000:api, 503*2");
    addOutputOptions(
      command,
      ["simulator"],
      "print the connection details as one JSON object (same as --output json)",
      { configured: false },
    );
  },
  handler: async ({ flags: o }, ctx) => {
    // The simulator is no client of CodeArts: the config file's `output` is not read for it.
    const output = requestedOutput("simulator", o);
    const { runSimulate } = await import("../handlers/simulate.js");
    return (await runSimulate(
      {
        port: o.port as number,
        host: o.host as string,
        json: output === "json",
        speed: o.speed as number,
        seed: o.seed as number | undefined,
        faults: o.fault as string[] | undefined,
      },
      ctx,
    )) as ExitCodeValue;
  },
});
