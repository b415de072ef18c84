/** Spawning the programs the bench measures, with their output read (a pipe) and counted. */
import { type ChildProcess, spawn } from "node:child_process";
import { performance } from "node:perf_hooks";

export interface Launch {
  /** Arguments to `node`: a script and its arguments. */
  args: string[];
  env: Record<string, string>;
  cwd: string;
}

export interface Finished {
  ms: number;
  code: number | null;
  stdoutBytes: number;
  stderr: string;
}

export function start(launch: Launch): ChildProcess {
  return spawn(process.execPath, launch.args, {
    env: launch.env,
    cwd: launch.cwd,
    stdio: ["ignore", "pipe", "pipe"],
  });
}

/** Waits for the child to end; stdout is drained (so it never blocks on a full pipe) and counted. */
export function finished(child: ChildProcess, startedAt = performance.now()): Promise<Finished> {
  return new Promise((resolve, reject) => {
    let stdoutBytes = 0;
    let stderr = "";
    child.stdout?.on("data", (chunk: Buffer) => {
      stdoutBytes += chunk.length;
    });
    child.stderr?.setEncoding("utf8").on("data", (chunk: string) => {
      stderr += chunk;
    });
    child.on("error", reject);
    child.on("close", (code) => resolve({ ms: performance.now() - startedAt, code, stdoutBytes, stderr }));
  });
}

/** Runs to the end and fails loudly when the program did not do its job, so no figure hides an error. */
export async function timedRun(launch: Launch, expectedCode = 0): Promise<Finished> {
  const startedAt = performance.now();
  const result = await finished(start(launch), startedAt);
  if (result.code !== expectedCode) {
    throw new Error(
      `node ${launch.args.join(" ")} exited with ${result.code}, not ${expectedCode}:\n${result.stderr}`,
    );
  }
  return result;
}
