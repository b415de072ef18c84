import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../../src/cli.js";
import { createManualClock, type RunningSimulator, startSimulator } from "../../src/simulator/index.js";
import { testContext } from "../helpers/context.js";
import { Emulator } from "../helpers/emulator.js";
import { emulatorTerminal } from "../helpers/terminal.js";

/** `status --all --watch` on a terminal shorter than its table: every frame fits, a resize re-fits. */

let sim: RunningSimulator;

beforeAll(async () => {
  sim = await startSimulator({ clock: createManualClock(Date.UTC(2026, 10, 28, 12)) });
});
afterAll(async () => {
  await sim.close();
});

describe("several pipelines watched live", () => {
  it("fits every frame to the screen, across a resize, and leaves only the final table behind", async () => {
    const emulator = new Emulator(120, 8);
    const out = emulator.stream();
    out.write("$ codearts-run status --all --watch\n");
    const screen = emulatorTerminal(emulator);
    const screens: { screen: string[]; alternate: boolean; rows: number }[] = [];
    const snapshot = async () => {
      await emulator.settled();
      screens.push({
        screen: emulator.screen(),
        alternate: emulator.onAlternateScreen(),
        rows: emulator.rows,
      });
    };
    let clock = Date.UTC(2026, 10, 28, 12);
    const { ctx } = testContext({
      env: {
        CODEARTS_ENDPOINT: sim.url,
        CODEARTS_TOKEN: sim.token,
        CODEARTS_PROJECT_ID: sim.projectId,
        LANG: "C.UTF-8",
      },
      now: () => clock,
      sleep: async (ms) => {
        clock += ms;
        await snapshot();
        if (screens.length === 1) {
          // Still wide enough for the table (its narrowest is 103 columns here); narrower, it is stacked.
          screen.resize(110, 5);
          await snapshot();
        }
      },
    });
    ctx.io = { ...ctx.io, out };
    ctx.terminal = screen.terminal;
    const code = await runCli(["status", "--all", "--watch", "--timeout", "10s"], ctx, {
      version: "0",
      binPath: "unused",
    });
    await emulator.settled();
    expect(code).toBe(7);
    expect(screens.length).toBeGreaterThan(2);
    expect(screens[1]?.rows).toBe(5);
    for (const { screen, alternate, rows } of screens) {
      expect(alternate).toBe(true);
      expect(screen).toHaveLength(rows);
      expect(screen[0]).toMatch(/^PIPELINE\s+RUN\s+STATUS/);
      expect(screen.at(-1)).toMatch(/^\d+ still running · next poll in/);
      expect(screen.at(-2)).toMatch(/^… \d+ more pipelines$/);
    }
    const normal = emulator.normalBuffer();
    expect(normal.filter((line) => line.startsWith("PIPELINE"))).toHaveLength(1);
    expect(normal.some((line) => /still running|more pipelines/.test(line))).toBe(false);
    expect(screen.listeners.size).toBe(0);
  });
});

describe("several pipelines watched into a log", () => {
  it("tells each failed poll and gives up as the one-run watch does: the same error, exit 5", async () => {
    try {
      const { ctx, stdout, stderr } = testContext({
        env: { CODEARTS_ENDPOINT: sim.url, CODEARTS_TOKEN: sim.token, CODEARTS_PROJECT_ID: sim.projectId },
        // From the first wait on, the service answers 503 to everything.
        sleep: async () => sim.setFaults([{ kind: "503" }]),
      });
      const code = await runCli(["status", "web", "mobile", "--watch"], ctx, {
        version: "0",
        binPath: "unused",
      });
      expect(code).toBe(5);
      const notes = stderr().match(/^note: could not poll \(failure \d of 5\): .+; next poll in \S+$/gm);
      expect(notes).toHaveLength(4);
      expect(stderr()).toMatch(/^error: gave up watching after 5 failed polls in a row; the last: .+$/m);
      // The last runs seen are still printed, once, as the table.
      expect(stdout().match(/^PIPELINE\s+RUN\s+STATUS/gm)).toHaveLength(1);
    } finally {
      sim.setFaults([]);
    }
  });
});

/**
 * `status --all --watch` on a terminal too narrow for its table: each pipeline is stacked over
 * several lines, and a frame shorter than them all shows whole pipelines and counts the rest.
 */
describe("several pipelines watched live on a narrow terminal", () => {
  it("shows whole stacked pipelines within the screen and counts the ones left out", async () => {
    const emulator = new Emulator(40, 12);
    const out = emulator.stream();
    const screen = emulatorTerminal(emulator);
    const screens: string[][] = [];
    let clock = Date.UTC(2026, 10, 28, 12);
    const { ctx } = testContext({
      env: {
        CODEARTS_ENDPOINT: sim.url,
        CODEARTS_TOKEN: sim.token,
        CODEARTS_PROJECT_ID: sim.projectId,
        LANG: "C.UTF-8",
      },
      now: () => clock,
      sleep: async (ms) => {
        clock += ms;
        await emulator.settled();
        screens.push(emulator.screen());
      },
    });
    ctx.io = { ...ctx.io, out };
    ctx.terminal = screen.terminal;
    const code = await runCli(["status", "--all", "--watch", "--timeout", "10s"], ctx, {
      version: "0",
      binPath: "unused",
    });
    await emulator.settled();
    expect(code).toBe(7);
    const final = emulator.normalBuffer();
    // The final table stays in the scrollback, no line wider than the screen (the emulator would wrap it).
    const buffer = emulator.term.buffer.normal;
    expect(Array.from({ length: buffer.length }, (_, i) => buffer.getLine(i)?.isWrapped)).not.toContain(true);
    // A stacked pipeline starts with its symbol and name at the margin; its fields are indented.
    const total = final.filter((line) => /^\S/.test(line)).length;
    expect(final[0]).toMatch(/^\S \S+ #\d+$/);
    expect(total).toBeGreaterThan(3);
    expect(screens.length).toBeGreaterThan(0);
    for (const lines of screens) {
      while (lines.at(-1) === "") lines.pop();
      const more = lines.at(-2)?.match(/^… (\d+) more pipelines$/);
      expect(more, lines.join("\n")).not.toBeNull();
      const body = lines.slice(0, -2);
      const shown = body.filter((line) => /^\S/.test(line));
      expect(shown.length + Number(more?.[1])).toBe(total);
      // Whole pipelines only: the last one shown ends with its run id.
      expect(body.filter((line) => line !== "").at(-1)).toMatch(/^ {2}[0-9a-f]{32}$/);
    }
  });
});
