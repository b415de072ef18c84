import { describe, expect, it } from "vitest";
import { withSpinner } from "../../src/handlers/spinner.js";
import { HIDE_CURSOR, SHOW_CURSOR } from "../../src/watch/terminal.js";
import { testContext } from "../helpers/context.js";
import { Emulator } from "../helpers/emulator.js";
import { testTerminal, ttyTerminal } from "../helpers/terminal.js";

/** A sleep that ends only when the spinner's wait is called off: the work always answers first. */
const neverElapses = (_ms: number, signal?: AbortSignal) =>
  new Promise<void>((_resolve, reject) => signal?.addEventListener("abort", () => reject(signal.reason)));

/** A spinner terminal whose stderr is an emulator; the work waits for whatever `gate` says. */
function onTerminal(emulator: Emulator, unicode = true) {
  const captured = testContext({ terminal: ttyTerminal(80, 24, { unicode }) });
  const err = emulator.stream();
  const raw: string[] = [];
  let drawn: () => void = () => {};
  const firstDraw = new Promise<void>((resolve) => {
    drawn = resolve;
  });
  captured.ctx.io = {
    ...captured.ctx.io,
    err: {
      ...err,
      write: (chunk) => {
        raw.push(String(chunk));
        drawn();
        return err.write(chunk);
      },
    } as typeof err,
  };
  return { ...captured, firstDraw, raw: () => raw.join("") };
}

describe("withSpinner", () => {
  it("never draws when the terminal wants no spinner (piped, CI, TERM=dumb), and never waits", async () => {
    const sleeps: number[] = [];
    const { ctx, stderr } = testContext({
      terminal: testTerminal({ interactive: true, live: true, spinner: false }),
      sleep: async (ms) => {
        sleeps.push(ms);
      },
    });
    expect(await withSpinner(ctx, "Fetching", async () => 42)).toBe(42);
    expect(stderr()).toBe("");
    expect(sleeps).toEqual([]);
  });

  it("draws nothing for work that answers within the delay, even on a terminal", async () => {
    const { ctx, stderr } = testContext({ terminal: ttyTerminal(80, 24), sleep: neverElapses });
    expect(await withSpinner(ctx, "Fetching", async () => "fast")).toBe("fast");
    expect(stderr()).toBe("");
  });

  it("shows ora's spinner on stderr while slow work runs, then leaves the line and the cursor as they were", async () => {
    const emulator = new Emulator(80, 5);
    const { ctx, stdout, firstDraw, raw } = onTerminal(emulator);
    let during: string[] = [];
    const value = await withSpinner(ctx, "Fetching the run", async () => {
      await firstDraw;
      await emulator.settled();
      during = emulator.screen();
      return "slow";
    });
    await emulator.settled();
    expect(value).toBe("slow");
    expect(during[0]).toBe("⠋ Fetching the run");
    expect(emulator.screen().every((line) => line === "")).toBe(true);
    const written = raw();
    expect(written.lastIndexOf(SHOW_CURSOR)).toBeGreaterThan(written.indexOf(HIDE_CURSOR));
    expect(written.indexOf(HIDE_CURSOR)).toBeGreaterThanOrEqual(0);
    expect(stdout()).toBe("");
  });

  it("spins in ASCII without a UTF-8 locale", async () => {
    const emulator = new Emulator(80, 5);
    const { ctx, firstDraw } = onTerminal(emulator, false);
    let during: string[] = [];
    await withSpinner(ctx, "Fetching", async () => {
      await firstDraw;
      await emulator.settled();
      during = emulator.screen();
    });
    expect(during[0]).toBe("- Fetching");
  });

  it("passes the work's failure through, and the spinner is gone", async () => {
    const emulator = new Emulator(80, 5);
    const { ctx, firstDraw } = onTerminal(emulator);
    await expect(
      withSpinner(ctx, "Fetching", async () => {
        await firstDraw;
        throw new Error("boom");
      }),
    ).rejects.toThrow("boom");
    await emulator.settled();
    expect(emulator.screen().every((line) => line === "")).toBe(true);
  });
});
