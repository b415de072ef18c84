/**
 * Figure a: `codearts-run status <id> --json`, spawned, against the floor — a bare `node:http` GET
 * of the same document — and, for scale, `node` doing nothing at all.
 */
import type { RunningSimulator } from "../../src/simulator/index.js";
import { timedRun } from "./child.js";
import { type BenchSetup, cliEnv, runDetailUrl } from "./setup.js";
import { median, roundRobin } from "./stats.js";

export interface StartupFigure {
  repetitions: number;
  cliMs: number;
  floorMs: number;
  /** `node -e 0`: what any Node program pays before its first line. */
  bareNodeMs: number;
  /** cliMs / floorMs; target ≤ 1.15. */
  ratio: number;
  /** `codearts-run --version`. */
  versionMs: number;
  /** versionMs / bareNodeMs; target ≤ 1.1. */
  versionRatio: number;
  /** Requests each invocation of the CLI made (the floor makes one). */
  cliRequests: number;
}

export async function measureStartup(
  setup: BenchSetup,
  sim: RunningSimulator,
  repetitions: number,
): Promise<StartupFigure> {
  const pipelineId = sim.pipeline("web").id;
  const launch = (args: string[], env: Record<string, string>) => async () =>
    (await timedRun({ args, env, cwd: setup.home })).ms;
  const cli = launch([setup.binPath, "status", pipelineId, "--json"], cliEnv(setup, sim));
  const floor = launch([setup.floorPath], {
    PATH: setup.pathVariable,
    BENCH_URL: runDetailUrl(sim, pipelineId),
    BENCH_TOKEN: sim.token,
  });

  const before = sim.stats().requests;
  await cli();
  const cliRequests = sim.stats().requests - before;

  const bare = launch(["-e", "0"], { PATH: setup.pathVariable });
  const version = launch([setup.binPath, "--version"], { PATH: setup.pathVariable });
  const [cliMs, floorMs, bareNodeMs, versionMs] = (
    await roundRobin([cli, floor, bare, version], repetitions, 2)
  ).map(median) as [number, number, number, number];
  return {
    repetitions,
    cliMs,
    floorMs,
    bareNodeMs,
    ratio: cliMs / floorMs,
    versionMs,
    versionRatio: versionMs / bareNodeMs,
    cliRequests,
  };
}
