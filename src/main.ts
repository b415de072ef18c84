import { createRequire } from "node:module";
import { setTimeout as delay } from "node:timers/promises";
import { fileURLToPath } from "node:url";
import { runCli } from "./cli.js";
import type { Context } from "./context.js";
import { ExitCode } from "./exit-codes.js";

/**
 * The entry point: the only module that reads `process`. It builds the Context, turns Ctrl-C and
 * SIGTERM into an abort signal, runs the CLI and sets the exit code. It never calls process.exit,
 * so output written to pipes is flushed before Node ends.
 */

const { version } = createRequire(import.meta.url)("../package.json") as { version: string };
const binPath = fileURLToPath(new URL("../bin/codearts-run.js", import.meta.url));

const interrupt = new AbortController();
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    if (interrupt.signal.aborted) {
      // A second Ctrl-C: stop now, but never leave the terminal without its cursor.
      if (process.stdout.isTTY) process.stdout.write("\u001b[?25h");
      process.exit(ExitCode.Interrupted);
    }
    interrupt.abort(new Error(signal));
  });
}

// `codearts-run … | head -1` closes our stdout early: that is the reader's choice, not an error.
for (const stream of [process.stdout, process.stderr]) {
  stream.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code === "EPIPE") process.exit(process.exitCode ?? ExitCode.Ok);
    throw error;
  });
}

async function readAllStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

const ctx: Context = {
  stdin: { isTTY: process.stdin.isTTY === true, readAll: readAllStdin },
  io: {
    out: process.stdout,
    err: process.stderr,
    stdoutIsTTY: process.stdout.isTTY === true,
    stderrIsTTY: process.stderr.isTTY === true,
    columns: () => (process.stdout.isTTY ? process.stdout.columns : undefined),
  },
  env: process.env,
  cwd: process.cwd(),
  now: () => Date.now(),
  sleep: (ms, signal) => delay(ms, undefined, { signal }),
  random: Math.random,
  signal: interrupt.signal,
  platform: process.platform,
  execPath: process.execPath,
};

// No top-level await: the bundle is a CommonJS script (esbuild.config.mjs).
void runCli(process.argv.slice(2), ctx, { version, binPath }).then((code) => {
  process.exitCode = code;
});
