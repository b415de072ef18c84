import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { readSources } from "./import-graph.js";

/**
 * The terminal is decided in one place (src/core/terminal.ts, fed by src/main.ts): no other file of
 * src/ reads a stream's TTY flag or size, or the environment variables that describe the terminal.
 * Renderers and views take ctx.terminal instead.
 */
const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const ALLOWED = new Set(["src/core/terminal.ts", "src/main.ts"]);

const TERMINAL_READS = [
  /\bisTTY\b/,
  /\b(?:stdout|stderr|stdin|out|err)\s*\??\.\s*(?:columns|rows)\b/,
  /\benv\s*\??\.\s*(?:NO_COLOR|FORCE_COLOR|TERM|COLORTERM|LANG|LC_[A-Z_]+|CI|COLUMNS|LINES)\b/,
  /\benv\s*\??\.?\s*\[\s*["'`](?:NO_COLOR|FORCE_COLOR|TERM|COLORTERM|LANG|LC_[A-Z_]+|CI|COLUMNS|LINES)["'`]\s*\]/,
];

function terminalReads(text: string): string[] {
  return text.split("\n").filter((line) => TERMINAL_READS.some((pattern) => pattern.test(line)));
}

describe("terminal capabilities", () => {
  it("are read from the process and the environment only by the terminal module and main.ts", () => {
    const offenders = readSources(ROOT)
      .filter(({ file }) => !ALLOWED.has(file))
      .flatMap(({ file, text }) => terminalReads(text).map((line) => `${file}: ${line.trim()}`));
    expect(offenders).toEqual([]);
  });

  it("(the check sees the ways such a read is written, and not their look-alikes)", () => {
    const reads = [
      "if (process.stdout.isTTY) draw();",
      "const width = stream.isTTY ? 80 : undefined;",
      "const columns = process.stdout.columns;",
      "const rows = ctx.io.err?.rows;",
      "if (ctx.env.NO_COLOR) plain();",
      'const ci = env["CI"] === "true";',
      "const locale = env.LC_ALL || env.LANG;",
      "if (env?.TERM === 'dumb') return;",
    ];
    const lookAlikes = [
      "columns: terminal.width(),",
      "const widths = columns.map((column) => column.heading);",
      "env.CODEARTS_TOKEN",
      "env.CIRCLECI",
      '["NO_COLOR, FORCE_COLOR", "colour off / forced"],',
      "if (ctx.terminal.interactive) open();",
    ];
    expect(reads.filter((line) => terminalReads(line).length === 0)).toEqual([]);
    expect(lookAlikes.flatMap(terminalReads)).toEqual([]);
  });
});
