import { createRequire } from "node:module";
import { setTimeout as delay } from "node:timers/promises";
import { fileURLToPath } from "node:url";
import { runCli } from "./cli.js";
import type { Context } from "./core/context.js";
import { ExitCode } from "./core/exit-codes.js";
import { launchDetached } from "./core/launch.js";
import { detectTerminal } from "./core/terminal.js";
import { terminalRestore } from "./core/terminal-restore.js";
import { outputFailure } from "./output-failure.js";

/**
 * The entry point: the only module that reads `process`. It builds the Context, turns Ctrl-C,
 * SIGTERM and SIGHUP into an abort signal, runs the CLI and sets the exit code. It never calls process.exit,
 * so output written to pipes is flushed before Node ends.
 */

const { version } = createRequire(import.meta.url)("../package.json") as { version: string };
const binPath = fileURLToPath(new URL("../bin/codearts-run.js", import.meta.url));

const interrupt = new AbortController();
// SIGHUP (the terminal closed) too: without a handler Node dies at once, cursor hidden, no final line.
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
  process.on(signal, () => {
    if (interrupt.signal.aborted) {
      // A second Ctrl-C: stop now, but never leave the terminal without its cursor or on the live view's screen.
      if (process.stdout.isTTY) process.stdout.write(terminalRestore.sequence || "\u001b[?25h");
      process.exit(signal === "SIGHUP" ? ExitCode.HangUp : ExitCode.Interrupted);
    }
    interrupt.abort(new Error(signal));
  });
}

// `… | head -1` closing our stdout is the reader's choice; `> /dev/full` or EIO is exit 8, one line.
for (const [name, stream] of [
  ["stdout", process.stdout],
  ["stderr", process.stderr],
] as const) {
  stream.on("error", (error: NodeJS.ErrnoException) => {
    const failure = outputFailure(error, name, process.exitCode as number | undefined);
    if (failure.report !== "") process.stderr.write(failure.report);
    process.exit(failure.exitCode);
  });
}

async function readAllStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

async function readLineStdin(): Promise<string | undefined> {
  const { createInterface } = await import("node:readline");
  const lines = createInterface({ input: process.stdin });
  try {
    for await (const line of lines) return line;
    return undefined;
  } finally {
    lines.close();
  }
}

const ctx: Context = {
  stdin: { readAll: readAllStdin, readLine: readLineStdin },
  io: { out: process.stdout, err: process.stderr },
  terminal: detectTerminal(process.env, {
    stdinIsTTY: process.stdin.isTTY === true,
    stdoutIsTTY: process.stdout.isTTY === true,
    stderrIsTTY: process.stderr.isTTY === true,
    columns: () => process.stdout.columns,
    rows: () => process.stdout.rows,
    // Node turns SIGWINCH into a "resize" event on a terminal stdout.
    onResize: (listener) => {
      process.stdout.on("resize", listener);
      return () => process.stdout.off("resize", listener);
    },
  }),
  env: process.env,
  cwd: process.cwd(),
  now: () => Date.now(),
  sleep: (ms, signal) => delay(ms, undefined, { signal }),
  random: Math.random,
  signal: interrupt.signal,
  platform: process.platform,
  launch: launchDetached,
  execPath: process.execPath,
};

// No top-level await: the bundle is a CommonJS script (esbuild.config.mjs).
void runCli(process.argv.slice(2), ctx, { version, binPath }).then((code) => {
  process.exitCode = code;
});
