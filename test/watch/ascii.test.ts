import { describe, expect, it } from "vitest";
import type { Context } from "../../src/core/context.js";
import { type WatchRequest, watchStatus } from "../../src/watch/watch-status.js";
import { testContext } from "../helpers/context.js";
import { detectedTerminal } from "../helpers/terminal.js";
import { job, polled, stage, step } from "./runs.js";

/** With a locale that is not UTF-8, every character a watch prints is ASCII, the summary line included. */

const NON_ASCII = /[^\u0000-\u007f]/;

function request(answers: ReturnType<typeof polled>[], overrides: Partial<WatchRequest> = {}): WatchRequest {
  return {
    intervalMs: 1000,
    failFast: false,
    output: "table",
    jsonLines: false,
    quiet: false,
    fetchRun: async () => answers.shift() ?? polled("FAILED"),
    renderTable: (run) => `TABLE ${run.status}\n`,
    renderFinal: ({ run }) => `FINAL ${run.status}\n`,
    ...overrides,
  };
}

function answers() {
  return [
    polled("RUNNING", [stage("Test", "RUNNING", job("Unit", "RUNNING", step("Run tests", "RUNNING")))]),
    polled("FAILED", [stage("Test", "FAILED", job("Unit", "FAILED", step("Run tests", "FAILED")))]),
  ];
}

function context(env: Context["env"], terminal: boolean) {
  let clock = 0;
  const captured = testContext({
    env,
    now: () => clock,
    sleep: async (ms) => {
      clock += ms;
    },
  });
  if (terminal) {
    captured.ctx.terminal = detectedTerminal(env);
  }
  return captured;
}

describe("a watch without a UTF-8 locale", () => {
  for (const env of [{ LANG: "C" }, { LC_ALL: "POSIX", LANG: "en_US.UTF-8" }]) {
    it(`writes only ASCII on a terminal (${JSON.stringify(env)}): spinner, status line, summary`, async () => {
      const { ctx, stdout, stderr } = context(env, true);
      expect(await watchStatus(request(answers()), ctx)).toBe(1);
      expect(stdout()).toContain("Ctrl-C to stop");
      expect(stdout()).toContain("x web #7 FAILED: Test > Unit > Run tests failed, exit 1\n");
      expect(stdout()).not.toMatch(NON_ASCII);
      expect(stderr()).not.toMatch(NON_ASCII);
    });
  }

  it("writes only ASCII in a log (TERM=dumb), the path of each step included", async () => {
    const { ctx, stdout } = context({ TERM: "dumb", LANG: "en_US.UTF-8" }, false);
    expect(await watchStatus(request(answers()), ctx)).toBe(1);
    expect(stdout()).toContain("step Test > Unit > Run tests FAILED");
    expect(stdout()).not.toMatch(NON_ASCII);
  });

  it("keeps the Unicode separators on a UTF-8 terminal", async () => {
    const { ctx, stdout } = context({ LANG: "en_US.UTF-8" }, true);
    await watchStatus(request(answers()), ctx);
    expect(stdout()).toContain("✗ web #7 FAILED: Test › Unit › Run tests failed · exit 1\n");
  });

  it("ends a --fail-fast watch with an ASCII summary", async () => {
    const { ctx, stdout } = context({ LANG: "C" }, false);
    const code = await watchStatus(
      request(
        [polled("RUNNING", [stage("Test", "RUNNING", job("Unit", "FAILED", step("Run tests", "FAILED")))])],
        { failFast: true },
      ),
      ctx,
    );
    expect(code).toBe(1);
    expect(stdout()).not.toMatch(NON_ASCII);
  });
});
