import type { Context } from "../../src/core/context.js";
import { detectTerminal } from "../../src/core/terminal.js";

const PIPED = {
  stdinIsTTY: false,
  stdoutIsTTY: false,
  stderrIsTTY: false,
  columns: () => undefined,
  rows: () => undefined,
};

/** What a command wrote, as text. */
export interface Captured {
  stdout: () => string;
  stderr: () => string;
  /** Each write, in order, for tests that care how output was chunked. */
  writes: { out: string[]; err: string[] };
}

/**
 * A Context for in-process tests: output captured, empty stdin and env, a fixed clock and instant
 * sleep unless overridden. The terminal is a pipe, as the environment given describes it (LANG,
 * COLUMNS, FORCE_COLOR…), unless a test passes its own (test/helpers/terminal.ts). The one place
 * tests build a Context.
 */
export function testContext(overrides: Partial<Context> = {}): { ctx: Context } & Captured {
  const out: string[] = [];
  const err: string[] = [];
  const sink = (into: string[]) => ({
    write: (chunk: string | Uint8Array) => {
      into.push(typeof chunk === "string" ? chunk : Buffer.from(chunk).toString("utf8"));
      return true;
    },
  });
  const ctx: Context = {
    io: { out: sink(out), err: sink(err) },
    terminal: detectTerminal(overrides.env ?? {}, PIPED),
    stdin: { readAll: async () => "" },
    env: {},
    cwd: "/",
    now: () => Date.UTC(2026, 10, 28, 12),
    sleep: async () => undefined,
    random: () => 0.5,
    signal: new AbortController().signal,
    platform: "linux",
    launch: () => false,
    execPath: process.execPath,
    ...overrides,
  };
  return { ctx, stdout: () => out.join(""), stderr: () => err.join(""), writes: { out, err } };
}
