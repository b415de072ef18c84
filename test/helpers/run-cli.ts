import { fileURLToPath } from "node:url";
import { runCli } from "../../src/cli.js";
import type { Context } from "../../src/core/context.js";
import { testContext } from "./context.js";

const binPath = fileURLToPath(new URL("../../bin/codearts-run.js", import.meta.url));

export interface InProcessResult {
  code: number;
  stdout: string;
  stderr: string;
  /** Every sleep the CLI asked for (retry backoffs), in ms. */
  sleeps: number[];
}

/** Runs `codearts-run …argv` in this process with a test Context: instant sleeps, captured output. */
export async function runInProcess(
  argv: string[],
  overrides: Partial<Context> = {},
): Promise<InProcessResult> {
  const sleeps: number[] = [];
  const captured = testContext({
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    ...overrides,
  });
  const code = await runCli(argv, captured.ctx, { version: "0.0.0-test", binPath });
  return { code, stdout: captured.stdout(), stderr: captured.stderr(), sleeps };
}
