import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { expect } from "vitest";
import type { RunningSimulator } from "../../src/simulator/index.js";

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

/** The environment that points the CLI at a simulator with its token. */
export function simulatorEnv(
  sim: RunningSimulator,
  overrides: Record<string, string> = {},
): Record<string, string> {
  return {
    CODEARTS_ENDPOINT: sim.url,
    CODEARTS_TOKEN: sim.token,
    CODEARTS_PROJECT_ID: sim.projectId,
    ...overrides,
  };
}

/**
 * A failure as a user must see it: the exit code, nothing on stdout, `error:` and `hint:` lines on
 * stderr (after any `note:` lines announcing retries), and no stack trace.
 */
export function expectCleanError(result: CliResult, code: number, message: RegExp): void {
  expect(result.code, result.stderr).toBe(code);
  expect(result.stdout).toBe("");
  expect(result.stderr).toMatch(message);
  expect(result.stderr).toMatch(/^(note: .+; retrying in .+\n)*error: .+\nhint: .+\n$/);
  expect(result.stderr).not.toMatch(STACK_TRACE);
}
