/**
 * Figure b: the table of a 10,000-step run against `--json` of the same run (both spawned and
 * piped, so the table is drawn for real), then the table renderer alone, in-process, at 1k, 10k
 * and 100k steps: the cost per step should stay flat as runs grow.
 */
import { performance } from "node:perf_hooks";
import { normaliseRun } from "../../src/model/run.js";
import { renderRunTable } from "../../src/render/index.js";
import { type RunningSimulator, SYNTHETIC_PIPELINE, startSimulator } from "../../src/simulator/index.js";
import { timedRun } from "./child.js";
import { type BenchSetup, cliEnv, runDetailUrl } from "./setup.js";
import { median, roundRobin } from "./stats.js";

export const TABLE_STEPS = 10_000;
const STEP_MS = 1_000;

/** A finished synthetic run of `steps` steps (it ended an hour before the simulator started). */
export function finishedRun(steps: number) {
  return { steps, stepMs: STEP_MS, startOffsetMs: -(steps * STEP_MS + 3_600_000) };
}

export interface TableFigure {
  steps: number;
  repetitions: number;
  tableMs: number;
  jsonMs: number;
  /** tableMs / jsonMs; target ≤ 1.5. */
  ratio: number;
  tableBytes: number;
  jsonBytes: number;
}

export interface ScalingPoint {
  steps: number;
  repetitions: number;
  renderMs: number;
  microsPerStep: number;
}

export interface ScalingFigure {
  points: ScalingPoint[];
  /** Per-step cost at the largest size over that at the smallest; about 1 for linear growth. */
  growth: number;
}

export async function measureTable(
  setup: BenchSetup,
  sim: RunningSimulator,
  repetitions: number,
): Promise<TableFigure> {
  const pipelineId = sim.pipeline(SYNTHETIC_PIPELINE).id;
  const env = cliEnv(setup, sim);
  const bytes = { table: 0, json: 0 };
  const run = (kind: "table" | "json") => async () => {
    const args = [setup.binPath, "status", pipelineId, ...(kind === "json" ? ["--json"] : [])];
    const result = await timedRun({ args, env, cwd: setup.home });
    bytes[kind] = result.stdoutBytes;
    return result.ms;
  };
  const [tableMs, jsonMs] = (await roundRobin([run("table"), run("json")], repetitions)).map(median) as [
    number,
    number,
  ];
  return {
    steps: TABLE_STEPS,
    repetitions,
    tableMs,
    jsonMs,
    ratio: tableMs / jsonMs,
    tableBytes: bytes.table,
    jsonBytes: bytes.json,
  };
}

async function fetchDocument(sim: RunningSimulator): Promise<unknown> {
  const response = await fetch(runDetailUrl(sim, sim.pipeline(SYNTHETIC_PIPELINE).id), {
    headers: { "X-Auth-Token": sim.token },
  });
  if (!response.ok) throw new Error(`the simulator answered ${response.status}`);
  return response.json();
}

/** The table as `status` draws it into a pipe: no colour, 100 columns, ISO times. */
function renderPiped(run: ReturnType<typeof normaliseRun>): string {
  return renderRunTable(run, {
    colorLevel: 0,
    columns: undefined,
    timeStyle: "iso",
    now: Date.now(),
    unicode: true,
  });
}

async function syntheticRun(steps: number): Promise<ReturnType<typeof normaliseRun>> {
  const sim = await startSimulator({ synthetic: finishedRun(steps) });
  try {
    return normaliseRun(await fetchDocument(sim));
  } finally {
    await sim.close();
  }
}

async function measurePoint(steps: number, repetitions: number): Promise<ScalingPoint> {
  const run = await syntheticRun(steps);
  const times: number[] = [];
  for (let i = 0; i < repetitions; i += 1) {
    const startedAt = performance.now();
    renderPiped(run);
    times.push(performance.now() - startedAt);
  }
  const renderMs = median(times);
  return { steps, repetitions, renderMs, microsPerStep: (renderMs * 1000) / steps };
}

export async function measureScaling(
  sizes: { steps: number; repetitions: number }[],
): Promise<ScalingFigure> {
  // One untimed pass first, so V8 has compiled the renderer's hot paths before the first timing.
  renderPiped(await syntheticRun(sizes[0]?.steps ?? 1_000));
  const points: ScalingPoint[] = [];
  for (const { steps, repetitions } of sizes) points.push(await measurePoint(steps, repetitions));
  const first = points[0] as ScalingPoint;
  const last = points.at(-1) as ScalingPoint;
  return { points, growth: last.microsPerStep / first.microsPerStep };
}
