/**
 * `codearts-run demo` (`npm run demo`): start the simulator in-process and follow its `demo`
 * pipeline with the real CLI — one `status --watch`, or with `--start` one `run --watch` that starts
 * a new run first — until the run finishes.
 */
import { type ChildProcess, spawn } from "node:child_process";
import type { Context } from "../core/context.js";
import { ExitCode } from "../core/exit-codes.js";
import { type RunningSimulator, startSimulator } from "../simulator/index.js";

export interface DemoOptions {
  /** The CLI entry script to spawn with ctx.execPath. */
  binPath: string;
  /** Scenario speed (default 1: the demo run takes about 30 s). */
  speed?: number;
  /** Start a new run and follow it (`run … --watch`), rather than follow the one going. */
  start?: boolean;
}

/** What the demo runs: a watch of the demo pipeline, which ends when its run does. */
function cliArguments(pipelineId: string, start: boolean): string[] {
  return [start ? "run" : "status", pipelineId, "--watch"];
}

function runChild(ctx: Context, args: string[], env: Record<string, string | undefined>): Promise<number> {
  return new Promise((resolve, reject) => {
    const child: ChildProcess = spawn(ctx.execPath, args, { env, stdio: "inherit" });
    // The child shares our terminal, so Ctrl-C reaches it too; SIGTERM covers an abort from elsewhere.
    const kill = () => child.kill("SIGTERM");
    ctx.signal.addEventListener("abort", kill, { once: true });
    child.on("error", reject);
    child.on("exit", (code) => {
      ctx.signal.removeEventListener("abort", kill);
      resolve(code ?? ExitCode.Interrupted);
    });
  });
}

function follow(sim: RunningSimulator, options: DemoOptions, ctx: Context): Promise<number> {
  const demo = sim.pipeline("demo");
  const env = {
    ...ctx.env,
    CODEARTS_ENDPOINT: sim.url,
    CODEARTS_TOKEN: sim.token,
    CODEARTS_PROJECT_ID: sim.projectId,
  };
  return runChild(ctx, [options.binPath, ...cliArguments(demo.id, options.start === true)], env);
}

export async function runDemo(options: DemoOptions, ctx: Context): Promise<number> {
  const sim = await startSimulator({ speed: options.speed });
  ctx.io.err.write(
    options.start
      ? `Demo: a local CodeArts simulator at ${sim.url}; starting its "demo" pipeline with \`codearts-run run --watch\` and following the new run until it ends (about 30 s). Ctrl-C to stop.\n`
      : `Demo: a local CodeArts simulator at ${sim.url}; following its "demo" pipeline with \`codearts-run status --watch\` until the run ends (about 30 s). Ctrl-C to stop.\n`,
  );
  try {
    return await follow(sim, options, ctx);
  } finally {
    await sim.close();
  }
}
