/** What every figure needs: where the programs are, and an environment with nothing of the user's. */
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import type { RunningSimulator } from "../../src/simulator/index.js";

export interface BenchSetup {
  /** bin/codearts-run.js: the real, installed entry. */
  binPath: string;
  /** floor.js, built beside the bench (esbuild.config.mjs). */
  floorPath: string;
  /**
   * An empty directory used as the working directory and HOME, so no config file of the
   * developer's is found (the CLI still looks, as it would anywhere).
   */
  home: string;
  pathVariable: string;
}

export async function createSetup(
  binPath: string,
  floorPath: string,
  pathVariable: string,
): Promise<BenchSetup> {
  const home = await mkdtemp(path.join(tmpdir(), "codearts-bench-"));
  return { binPath, floorPath, home, pathVariable };
}

/** The CLI's environment for a simulator: endpoint, token and project, no colour settings. */
export function cliEnv(setup: BenchSetup, sim: RunningSimulator): Record<string, string> {
  return {
    PATH: setup.pathVariable,
    HOME: setup.home,
    CODEARTS_ENDPOINT: sim.url,
    CODEARTS_TOKEN: sim.token,
    CODEARTS_PROJECT_ID: sim.projectId,
  };
}

/** The run-detail URL the CLI calls for the pipeline's latest run. */
export function runDetailUrl(sim: RunningSimulator, pipelineId: string): string {
  return `${sim.url}/v5/${sim.projectId}/api/pipelines/${pipelineId}/pipeline-runs/detail`;
}
