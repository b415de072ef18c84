/**
 * Figures c and d: `status --watch` (piped: one line per change) and `--watch --json-lines`
 * against a simulator of their own, at the smallest interval (0.1 s), on a synthetic run in which a
 * step ends and the next starts every 0.1 s. Something changes at every poll, so the watch never
 * backs off (it would stretch to 0.4 s between polls on a quiet run, see src/watch/schedule.ts)
 * and every poll also prints. The run outlasts the measurement; the bench stops the watch with
 * SIGTERM once the simulator has counted enough polls. Memory and CPU come from /proc, sampled
 * after the first poll (start), after WARM_POLLS (V8 has by then sized its heap for one document:
 * tens of MB for a document of hundreds of KB) and after the last poll (end). Growth from the warm
 * sample to the end is what a leak would show; from the start it is mostly that heap sizing.
 */
import { performance } from "node:perf_hooks";
import { setTimeout as delay } from "node:timers/promises";
import { type RunningSimulator, SYNTHETIC_PIPELINE, startSimulator } from "../../src/simulator/index.js";
import { finished, start } from "./child.js";
import { type ProcSample, sampleProcess } from "./proc-stats.js";
import { type BenchSetup, cliEnv, runDetailUrl } from "./setup.js";

const INTERVAL_S = 0.1;
const STEP_MS = 100;
const WARM_POLLS = 50;
/** How often the bench looks at the simulator's request count. */
const CHECK_MS = 10;

/**
 * "lines" and "json-lines": a run in which a step ends at every poll. "unchanged": a run of 10,000
 * steps (a 6 MB document) whose first step outlasts the measurement, so every answer equals the
 * last but for the server clock and the watch should do next to nothing with it.
 */
export type WatchMode = "lines" | "json-lines" | "unchanged";

const UNCHANGED_STEPS = 10_000;

export interface WatchFigure {
  mode: WatchMode;
  /** Polls between the two samples. */
  polls: number;
  seconds: number;
  /** TCP connections the simulator accepted from the watch; target 1. */
  connections: number;
  rssStartBytes: number;
  /** After WARM_POLLS polls. */
  rssWarmBytes: number;
  rssEndBytes: number;
  /** From the warm sample to the end; target < 10 MB. */
  rssGrowthBytes: number;
  cpuMsPerPoll: number;
  /** Size of the run document each poll fetched. */
  documentBytes: number;
  stdoutBytes: number;
}

async function documentSize(sim: RunningSimulator): Promise<number> {
  const url = runDetailUrl(sim, sim.pipeline(SYNTHETIC_PIPELINE).id);
  const response = await fetch(url, { headers: { "X-Auth-Token": sim.token } });
  return (await response.arrayBuffer()).byteLength;
}

/** Resolves once the simulator has received `requests` requests in all. */
async function untilRequests(count: () => number, requests: number, exited: () => boolean): Promise<void> {
  while (count() < requests) {
    if (exited()) throw new Error("the watch ended before the bench had counted its polls");
    await delay(CHECK_MS);
  }
}

export async function measureWatch(setup: BenchSetup, mode: WatchMode, polls: number): Promise<WatchFigure> {
  // Half as many steps again as polls: each poll takes a little more than the 0.1 s interval.
  const synthetic =
    mode === "unchanged"
      ? { steps: UNCHANGED_STEPS, stepMs: 24 * 3_600_000, startOffsetMs: 0 }
      : { steps: Math.ceil(polls * 1.5) + 10, stepMs: STEP_MS, startOffsetMs: 0 };
  const sim = await startSimulator({ synthetic });
  try {
    const args = [
      setup.binPath,
      "status",
      sim.pipeline(SYNTHETIC_PIPELINE).id,
      "--watch",
      "--interval",
      String(INTERVAL_S),
      ...(mode === "json-lines" ? ["--json-lines"] : []),
    ];
    const child = start({ args, env: cliEnv(setup, sim), cwd: setup.home });
    let exited = false;
    const done = finished(child).finally(() => {
      exited = true;
    });
    const requests = () => sim.stats().requests;
    // Every request is a poll: a pipeline id and a token need no other call.
    await untilRequests(requests, 2, () => exited);
    const first: ProcSample = sampleProcess(child.pid as number);
    const firstAt = performance.now();
    const polled = requests() - 1;
    await untilRequests(requests, Math.min(WARM_POLLS, polls) + 1, () => exited);
    const warm: ProcSample = sampleProcess(child.pid as number);
    await untilRequests(requests, polls + 1, () => exited);
    const last: ProcSample = sampleProcess(child.pid as number);
    const lastAt = performance.now();
    const measuredPolls = requests() - 1 - polled;
    child.kill("SIGTERM");
    const result = await done;
    // Read before the bench's own request below opens a connection of its own.
    const { connections } = sim.stats();
    return {
      mode,
      polls: measuredPolls,
      seconds: (lastAt - firstAt) / 1000,
      connections,
      rssStartBytes: first.rssBytes,
      rssWarmBytes: warm.rssBytes,
      rssEndBytes: last.rssBytes,
      rssGrowthBytes: last.rssBytes - warm.rssBytes,
      cpuMsPerPoll: (last.cpuMs - first.cpuMs) / measuredPolls,
      documentBytes: await documentSize(sim),
      stdoutBytes: result.stdoutBytes,
    };
  } finally {
    await sim.close();
  }
}
