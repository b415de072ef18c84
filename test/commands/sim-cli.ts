import { runCli } from "../../src/cli.js";
import type { Context } from "../../src/core/context.js";
import {
  createManualClock,
  type RunningSimulator,
  type SimClock,
  startSimulator,
} from "../../src/simulator/index.js";
import { testContext } from "../helpers/context.js";

/**
 * The CLI run in-process against a simulator whose clock moves only when the CLI sleeps: a watch's
 * wait between polls is scenario time passing, so a started run progresses poll by poll, with no
 * real waiting and no timing in the assertions.
 */

export const T0 = Date.UTC(2026, 10, 28, 12);

export interface SimCli {
  sim: RunningSimulator;
  clock: SimClock & { advance(ms: number): void };
  run(
    args: string[],
    options?: { env?: Record<string, string>; overrides?: Partial<Context> },
  ): Promise<CliOutcome>;
  close(): Promise<void>;
}

export interface CliOutcome {
  code: number;
  stdout: string;
  stderr: string;
}

export async function simCli(): Promise<SimCli> {
  const clock = createManualClock(T0);
  const sim = await startSimulator({ clock });
  return {
    sim,
    clock,
    async run(args, options = {}) {
      const { ctx, stdout, stderr } = testContext({
        env: {
          CODEARTS_ENDPOINT: sim.url,
          CODEARTS_TOKEN: sim.token,
          CODEARTS_PROJECT_ID: sim.projectId,
          ...options.env,
        },
        now: () => clock.now(),
        sleep: async (ms) => clock.advance(ms),
        ...options.overrides,
      });
      const code = await runCli(args, ctx, { version: "0.0.0-test", binPath: "/nonexistent" });
      return { code, stdout: stdout(), stderr: stderr() };
    },
    close: () => sim.close(),
  };
}
