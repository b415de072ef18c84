import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

/** The real, built binary: the same file `npm install` links as `codearts-run`. */
export const BIN = fileURLToPath(new URL("../../bin/codearts-run.js", import.meta.url));

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  /** Working directory (config files are searched from here upward). */
  cwd?: string;
  /** Written to standard input, which is then closed; without it stdin is empty. */
  input?: string;
}

/**
 * Spawns `codearts-run …` with only the environment given (plus PATH), so the developer's own
 * CODEARTS_* or colour settings never leak into a test.
 */
export function runBinary(
  args: string[],
  env: Record<string, string> = {},
  options: RunOptions = {},
): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      env: { PATH: process.env.PATH ?? "", ...env },
      cwd: options.cwd,
      stdio: ["pipe", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
      stdout += chunk;
    });
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => {
      stderr += chunk;
    });
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
    child.stdin.on("error", () => {}); // the CLI may exit before reading its input
    child.stdin.end(options.input ?? "");
  });
}

/** A Node stack trace line, which a user must never see without --debug. */
export const STACK_TRACE = /\n\s+at .+\(.+:\d+:\d+\)/;
