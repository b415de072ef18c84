/** The entry point of `npm run smoke` (bundled by scripts/smoke.mjs): the only part that reads `process`. */
import { setTimeout as delay } from "node:timers/promises";
import type { Context } from "../../src/core/context.js";
import { CliError } from "../../src/core/errors.js";
import { ExitCode } from "../../src/core/exit-codes.js";
import { detectTerminal } from "../../src/core/terminal.js";
import { runSmoke } from "./smoke.js";

const ctx: Context = {
  stdin: { readAll: async () => "" },
  io: { out: process.stdout, err: process.stderr },
  // The smoke test's output is a log: a pipe, whatever runs it.
  terminal: detectTerminal(process.env, {
    stdinIsTTY: true,
    stdoutIsTTY: false,
    stderrIsTTY: false,
    columns: () => undefined,
    rows: () => undefined,
  }),
  env: process.env,
  cwd: process.cwd(),
  now: () => Date.now(),
  sleep: (ms, signal) => delay(ms, undefined, { signal }),
  random: Math.random,
  signal: new AbortController().signal,
  platform: process.platform,
  launch: () => false,
  execPath: process.execPath,
};

try {
  process.exitCode = await runSmoke(ctx);
} catch (error) {
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`error: ${message}\n`);
  if (error instanceof CliError && error.hint) process.stderr.write(`hint: ${error.hint}\n`);
  process.exitCode = error instanceof CliError ? error.exitCode : ExitCode.ApiFailure;
}
