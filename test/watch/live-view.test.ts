import { describe, expect, it } from "vitest";
import { renderStatus } from "../../src/handlers/status-view.js";
import type { PolledRun } from "../../src/watch/poll-loop.js";
import { HIDE_CURSOR, SHOW_CURSOR } from "../../src/watch/terminal.js";
import { type WatchRequest, watchStatus } from "../../src/watch/watch-status.js";
import { testContext } from "../helpers/context.js";
import { Emulator } from "../helpers/emulator.js";
import { detectedTerminal, emulatorTerminal } from "../helpers/terminal.js";
import { job, polled, stage, step } from "./runs.js";

/**
 * The live view in a real terminal emulator: every frame fits the screen (header at the top, the
 * status line at the bottom, what runs or failed in between), a resize re-fits it, and the
 * scrollback keeps the user's lines and the final table once — never a copy of a frame.
 */

const PROMPT = "$ codearts-run status web --watch";

function steps(prefix: string, count: number, status: string) {
  return Array.from({ length: count }, (_, i) => step(`${prefix} step ${i + 1}`, status));
}

/** A run of 40 steps: a stage done, one running with a failure in it, one not started. */
function bigRun(status: string, testStage: "RUNNING" | "COMPLETED"): PolledRun {
  const running = testStage === "RUNNING";
  return polled(status, [
    stage(
      "Build",
      "COMPLETED",
      job("Compile", "COMPLETED", ...steps("Compile", 6, "COMPLETED")),
      job("Package", "COMPLETED", ...steps("Package", 6, "COMPLETED")),
    ),
    stage(
      "Test",
      testStage,
      job(
        "Unit",
        testStage,
        ...steps("Unit", 5, "COMPLETED"),
        step("Run unit tests", running ? "RUNNING" : "COMPLETED"),
      ),
      job("Lint", running ? "FAILED" : "COMPLETED", step("ESLint", running ? "FAILED" : "COMPLETED")),
      job(
        "Integration",
        running ? "INIT" : "COMPLETED",
        ...steps("Integration", 6, running ? "INIT" : "COMPLETED"),
      ),
    ),
    stage(
      "Deploy",
      running ? "INIT" : "COMPLETED",
      job("Staging", running ? "INIT" : "COMPLETED", ...steps("Staging", 8, running ? "INIT" : "COMPLETED")),
    ),
  ]);
}

interface Frame {
  screen: string[];
  alternate: boolean;
  normal: string[];
}

/** Watches a run in the emulator; `between` runs at each pause (after the frame so far is on screen). */
async function watchIn(
  emulator: Emulator,
  answers: PolledRun[],
  between: (
    frames: Frame[],
    resize: (columns: number, rows: number) => Promise<void>,
  ) => Promise<void> = async () => {},
) {
  const out = emulator.stream();
  out.write(`${PROMPT}\n`);
  const screen = emulatorTerminal(emulator);
  const frames: Frame[] = [];
  const snapshot = async () => {
    await emulator.settled();
    frames.push({
      screen: emulator.screen(),
      alternate: emulator.onAlternateScreen(),
      normal: emulator.normalBuffer(),
    });
  };
  const resize = async (columns: number, rows: number) => {
    screen.resize(columns, rows);
    await snapshot();
  };
  let clock = Date.UTC(2026, 10, 28, 12);
  const raw: string[] = [];
  const { ctx } = testContext({
    env: { LANG: "en_US.UTF-8" },
    now: () => clock,
    sleep: async (ms) => {
      clock += ms;
      await snapshot();
      await between(frames, resize);
    },
  });
  ctx.io = {
    ...ctx.io,
    out: {
      write: (chunk) => {
        raw.push(String(chunk));
        return out.write(chunk);
      },
    },
  };
  ctx.terminal = screen.terminal;
  const view = { compact: false, steps: true };
  const request: WatchRequest = {
    intervalMs: 1000,
    failFast: false,
    output: "table",
    jsonLines: false,
    quiet: false,
    fetchRun: async () => answers.shift() ?? bigRun("COMPLETED", "COMPLETED"),
    renderTable: (run, fit) => renderStatus(run, "table", { ...view, fitRows: fit?.rows }, "web", ctx),
    renderFinal: ({ run }) => renderStatus(run, "table", view, "web", ctx),
  };
  const code = await watchStatus(request, ctx);
  await emulator.settled();
  return { code, frames, raw: raw.join(""), listeners: screen.listeners };
}

/** What every live frame must be: on the alternate screen, header on top, status line last, within the screen. */
function expectFitted(frame: Frame, rows: number): void {
  expect(frame.alternate).toBe(true);
  expect(frame.screen).toHaveLength(rows);
  expect(frame.screen[0]).toMatch(/^web #7 /);
  const shown = frame.screen.filter((line) => line !== "");
  expect(shown.at(-1)).toMatch(/^updated \d+s ago/);
  // The normal screen keeps only what was there before the watch while frames are drawn.
  expect(frame.normal).toEqual([PROMPT]);
}

/** After the watch: the prompt, the final table once, the summary; no frame anywhere. */
function expectCleanScrollback(emulator: Emulator): void {
  expect(emulator.onAlternateScreen()).toBe(false);
  const normal = emulator.normalBuffer();
  expect(normal[0]).toBe(PROMPT);
  expect(normal.filter((line) => line.startsWith("web #7 "))).toHaveLength(1);
  expect(normal.some((line) => /updated \d+s ago|next poll in|more \(completed\)/.test(line))).toBe(false);
  expect(normal.at(-1)).toMatch(/^✓ web #7 COMPLETED.* · exit 0$/);
}

describe("the live view in a terminal emulator", () => {
  it.each([
    [80, 10],
    [80, 24],
    [40, 24],
  ])(
    "at %i×%i every frame fits the screen: what runs or failed, then what is left out",
    async (columns, rows) => {
      const emulator = new Emulator(columns, rows);
      const { code, frames } = await watchIn(emulator, [
        bigRun("RUNNING", "RUNNING"),
        bigRun("RUNNING", "RUNNING"),
      ]);
      expect(code).toBe(0);
      expect(frames.length).toBeGreaterThan(4);
      for (const frame of frames) {
        expectFitted(frame, rows);
        const text = frame.screen.join("\n");
        expect(text).toMatch(/Run unit/);
        expect(text).toMatch(/… \d+ more \(completed\)/);
        expect(text).not.toMatch(/Compile step 3/);
      }
      expect(frames.some((frame) => frame.screen.some((line) => line.includes("ESLint")))).toBe(rows >= 24);
      expectCleanScrollback(emulator);
    },
  );

  it("shows the whole table with its spinner when it fits", async () => {
    const emulator = new Emulator(100, 80);
    const { frames } = await watchIn(emulator, [bigRun("RUNNING", "RUNNING")]);
    const text = frames[0]?.screen.join("\n") ?? "";
    expect(text).toMatch(/Compile step 3/);
    expect(text).toMatch(/⠋ Test › Unit › Run unit tests/);
    expect(text).not.toMatch(/more \(completed\)/);
    expectCleanScrollback(emulator);
  });

  it("re-fits at once when the terminal is resized, smaller and larger, and leaves no copy behind", async () => {
    const emulator = new Emulator(80, 24);
    let resized = false;
    const { frames, listeners } = await watchIn(
      emulator,
      [bigRun("RUNNING", "RUNNING"), bigRun("RUNNING", "RUNNING")],
      async (_frames, resize) => {
        if (resized) return;
        resized = true;
        await resize(40, 10);
        await resize(100, 30);
      },
    );
    const [before, smaller, larger] = frames;
    expect(before && smaller && larger).toBeTruthy();
    if (!before || !smaller || !larger) return;
    expectFitted(before, 24);
    expectFitted(smaller, 10);
    expectFitted(larger, 30);
    expect(Math.max(...smaller.screen.map((line) => line.length))).toBeLessThanOrEqual(40);
    expect(listeners.size).toBe(0);
    expectCleanScrollback(emulator);
  });

  it("gives the terminal back (normal screen, cursor) when something goes wrong mid-watch", async () => {
    const emulator = new Emulator(80, 24);
    let polls = 0;
    const answers = {
      shift: () => {
        polls += 1;
        if (polls > 1) throw new Error("a bug");
        return bigRun("RUNNING", "RUNNING");
      },
    } as unknown as PolledRun[];
    await expect(watchIn(emulator, answers)).rejects.toThrow("a bug");
    await emulator.settled();
    expect(emulator.onAlternateScreen()).toBe(false);
    expect(emulator.normalBuffer()).toEqual([PROMPT]);
  });
});

describe("watchStatus on a terminal, interrupted", () => {
  it("on Ctrl-C prints the last table and state in one line on the normal screen, shows the cursor, 130", async () => {
    const emulator = new Emulator(80, 24);
    const controller = new AbortController();
    const out = emulator.stream();
    const raw: string[] = [];
    const { ctx } = testContext({
      env: { LANG: "en_US.UTF-8" },
      signal: controller.signal,
      sleep: async () => {
        controller.abort(new Error("SIGINT"));
        throw new Error("aborted");
      },
    });
    ctx.io = { ...ctx.io, out: { write: (chunk) => raw.push(String(chunk)) > 0 && out.write(chunk) } };
    ctx.terminal = detectedTerminal(ctx.env);
    const code = await watchStatus(
      {
        intervalMs: 1000,
        failFast: false,
        output: "table",
        jsonLines: false,
        quiet: false,
        fetchRun: async () => polled("RUNNING", [stage("Build", "RUNNING")]),
        renderTable: (run) => `TABLE ${run.status}\n`,
        renderFinal: ({ run }) => `FINAL ${run.status}\n`,
      },
      ctx,
    );
    await emulator.settled();
    expect(code).toBe(130);
    expect(emulator.onAlternateScreen()).toBe(false);
    expect(emulator.normalBuffer()).toEqual([
      "TABLE RUNNING",
      "interrupted: web #7 RUNNING at Build · exit 130",
    ]);
    const all = raw.join("");
    expect(all.lastIndexOf(SHOW_CURSOR)).toBeGreaterThan(all.lastIndexOf(HIDE_CURSOR));
  });
});
