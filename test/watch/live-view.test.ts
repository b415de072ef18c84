import { describe, expect, it } from "vitest";
import type { Context } from "../../src/context.js";
import { BEGIN_SYNC, END_SYNC, FrameWriter, HIDE_CURSOR, SHOW_CURSOR } from "../../src/watch/terminal.js";
import { type WatchRequest, watchStatus } from "../../src/watch/watch-status.js";
import { testContext } from "../helpers/context.js";
import { polled, stage } from "./runs.js";

function terminal(columns = 80, overrides: Partial<Context> = {}) {
  const captured = testContext({ env: { LANG: "en_US.UTF-8" }, ...overrides });
  captured.ctx.io = { ...captured.ctx.io, stdoutIsTTY: true, stderrIsTTY: true, columns: () => columns };
  return captured;
}

describe("FrameWriter", () => {
  it("hides the cursor, then draws each frame over the last: CR, cursor up, erase each line, erase below", () => {
    const { ctx, writes } = terminal();
    const frames = new FrameWriter(ctx.io.out, ctx.io.columns);
    frames.draw(["one", "two"]);
    frames.draw(["three"]);
    frames.restore();
    frames.restore();
    expect(writes.out).toEqual([
      `${BEGIN_SYNC}${HIDE_CURSOR}\u001b[2Kone\n\u001b[2Ktwo\n\u001b[J${END_SYNC}`,
      `${BEGIN_SYNC}\r\u001b[2A\u001b[2Kthree\n\u001b[J${END_SYNC}`,
      SHOW_CURSOR,
    ]);
  });

  it("goes up as many rows as the old frame takes at today's width, after a resize", () => {
    let columns = 40;
    const { ctx, writes } = terminal();
    const frames = new FrameWriter(ctx.io.out, () => columns);
    frames.draw(["x".repeat(30), "\u001b[31mshort\u001b[39m"]);
    columns = 10;
    frames.draw(["y"]);
    expect(writes.out[1]).toBe(`${BEGIN_SYNC}\r\u001b[4A\u001b[2Ky\n\u001b[J${END_SYNC}`);
  });

  it("leaves a released frame in the scrollback: the next frame starts below it", () => {
    const { ctx, writes } = terminal();
    const frames = new FrameWriter(ctx.io.out, ctx.io.columns);
    frames.draw(["kept"]);
    frames.release();
    frames.draw(["new"]);
    expect(writes.out[1]).toBe(`${BEGIN_SYNC}\u001b[2Knew\n\u001b[J${END_SYNC}`);
  });
});

function request(fetchRun: WatchRequest["fetchRun"]): WatchRequest {
  return {
    intervalMs: 1000,
    failFast: false,
    output: "table",
    jsonLines: false,
    quiet: false,
    fetchRun,
    renderTable: (run) => `TABLE ${run.status}\n`,
    renderFinal: ({ run }) => `FINAL ${run.status}\n`,
  };
}

describe("watchStatus on a terminal", () => {
  it("redraws in place, keeps the final frame, ends with the summary and shows the cursor", async () => {
    const answers = [
      polled("RUNNING", [stage("Build", "RUNNING")]),
      polled("COMPLETED", [stage("Build", "COMPLETED")]),
    ];
    let clock = 0;
    const { ctx, stdout } = terminal(80, {
      now: () => clock,
      sleep: async (ms) => {
        clock += ms;
      },
    });
    const code = await watchStatus(
      request(async () => answers.shift() ?? answers[0] ?? polled("COMPLETED")),
      ctx,
    );
    expect(code).toBe(0);
    const out = stdout();
    expect(out.startsWith(`${BEGIN_SYNC}${HIDE_CURSOR}\u001b[2KTABLE RUNNING\n`)).toBe(true);
    expect(out).toContain("\u001b[2K⠋ Build\n\u001b[2Kupdated 0s ago · next poll in 1s · Ctrl-C to stop\n");
    // Four ticks of 250 ms between the two polls, each a redraw of the four-line frame, then the final frame over it.
    expect(out.split("\r\u001b[4A")).toHaveLength(6);
    expect(out).not.toContain("\u001b[2J");
    expect(
      out.endsWith(
        `\u001b[2KTABLE COMPLETED\n\u001b[J${END_SYNC}✓ web #7 COMPLETED · exit 0\n${SHOW_CURSOR}`,
      ),
    ).toBe(true);
  });

  it("restores the cursor when something goes wrong mid-watch", async () => {
    let polls = 0;
    const { ctx, stdout } = terminal();
    const watching = watchStatus(
      request(async () => {
        polls += 1;
        if (polls > 1) throw new Error("a bug");
        return polled("RUNNING");
      }),
      ctx,
    );
    await expect(watching).rejects.toThrow("a bug");
    expect(stdout()).toContain(HIDE_CURSOR);
    expect(stdout().endsWith(SHOW_CURSOR)).toBe(true);
  });

  it("on Ctrl-C keeps the last frame, prints the last known state in one line, shows the cursor, 130", async () => {
    const controller = new AbortController();
    const { ctx, stdout } = terminal(80, {
      signal: controller.signal,
      sleep: async () => {
        controller.abort();
        throw new Error("aborted");
      },
    });
    const code = await watchStatus(
      request(async () => polled("RUNNING", [stage("Build", "RUNNING")])),
      ctx,
    );
    expect(code).toBe(130);
    expect(
      stdout().endsWith(`${END_SYNC}interrupted: web #7 RUNNING at Build · exit 130\n${SHOW_CURSOR}`),
    ).toBe(true);
  });
});
