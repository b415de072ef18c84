import type { Context } from "../../src/core/context.js";
import type { CliResult, RunOptions } from "../e2e/cli.js";
import { runInProcess } from "./run-cli.js";

/**
 * `runBinary`'s contract, run in this process: the same arguments, only the environment given
 * (plus PATH), the same working-directory default and standard input, the real clock. What only a
 * real process shows (signals, broken pipes, the bin, lazy loading) stays with `runBinary`; here a
 * retry's back-off costs nothing, so the suites that drive the CLI through bad answers stay fast.
 */
export async function runCommand(
  args: string[],
  env: Record<string, string> = {},
  options: RunOptions & Pick<Partial<Context>, "sleep"> = {},
): Promise<CliResult> {
  const input = options.input ?? "";
  const { code, stdout, stderr } = await runInProcess(args, {
    env: { PATH: process.env.PATH ?? "", ...env },
    cwd: options.cwd ?? process.cwd(),
    stdin: { readAll: async () => input },
    now: Date.now,
    ...(options.sleep ? { sleep: options.sleep } : {}),
  });
  return { code, stdout, stderr };
}
