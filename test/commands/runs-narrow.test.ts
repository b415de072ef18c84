import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Emulator } from "../helpers/emulator.js";
import { ttyTerminal } from "../helpers/terminal.js";
import { type SimCli, simCli } from "./sim-cli.js";

/**
 * `runs` and `status` of several pipelines on a narrow terminal, shown in a real terminal emulator:
 * no line is wider than the screen (the emulator would wrap it, mid-word) and no word is cut.
 */

let cli: SimCli;
beforeAll(async () => {
  cli = await simCli();
});
afterAll(async () => {
  await cli.close();
});

/** What `args` prints on a `columns`-wide terminal, as the emulator shows it, and whether it wrapped any line. */
async function onScreen(args: string[], columns: number) {
  const result = await cli.run(args, { overrides: { terminal: ttyTerminal(columns, 24) } });
  expect(result.stderr).toBe("");
  const emulator = new Emulator(columns, 24);
  emulator.stream().write(result.stdout);
  await emulator.settled();
  const buffer = emulator.term.buffer.normal;
  const wrapped = Array.from({ length: buffer.length }, (_, i) => buffer.getLine(i)?.isWrapped ?? false);
  return { stdout: result.stdout, lines: emulator.normalBuffer(), wrapped: wrapped.some(Boolean) };
}

describe.each([40, 60])("at %i columns", (columns) => {
  it.each([
    ["a pipeline's runs", ["runs", "web", "--limit", "3"]],
    ["several pipelines", ["status", "web", "api"]],
  ])("%s are stacked: every line within the screen, no word cut", async (_name, args) => {
    const { stdout, lines, wrapped } = await onScreen(args, columns);
    expect(wrapped).toBe(false);
    expect(lines.length).toBeGreaterThan(0);
    // What the emulator shows is what was printed, line for line: nothing broken or cut.
    expect(lines).toEqual(stdout.trimEnd().split("\n"));
    expect(stdout).not.toContain("…");
    // Each run: its symbol and number (its timing beside them when it fits), then its other fields
    // indented under it, the run id whole.
    expect(lines[0]).toMatch(/^\S (\S+ )?#\d+( {2}\S.*)?$/);
    expect(lines.filter((line) => /^ {2}(.+ · )?[0-9a-f]{32}$/.test(line)).length).toBeGreaterThan(0);
  });
});

describe("at 120 columns", () => {
  it("keeps the table, one run per line", async () => {
    const { lines, wrapped } = await onScreen(["status", "web", "api"], 120);
    expect(wrapped).toBe(false);
    expect(lines[0]).toMatch(/^PIPELINE\s+RUN\s+STATUS\s+TRIGGER\s+SOURCE\s+STARTED\s+DURATION\s+RUN ID$/);
    expect(lines).toHaveLength(3);
  });
});
