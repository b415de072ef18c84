/**
 * `npm run bench`: how fast codearts-run starts, draws and watches, measured against the simulator
 * started here, with the real binary spawned as a user would run it. Prints a markdown table and
 * writes every figure as JSON (`--out`, default bench-results.json). `--quick` is a short smoke run
 * with fewer repetitions and polls. A benchmark, not a test: it fails only when a program does.
 */
import { rm, writeFile } from "node:fs/promises";
import { cpus } from "node:os";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { startSimulator } from "../../src/simulator/index.js";
import { finishedRun, measureScaling, measureTable, TABLE_STEPS } from "./render.js";
import { type BenchResults, markdownTable } from "./report.js";
import { createSetup } from "./setup.js";
import { measureStartup } from "./startup.js";
import { measureWatch } from "./watch.js";

const PLANS = {
  full: {
    startupRepetitions: 20,
    // Each round of the 10,000-step table reads a 6 MB document twice (table and --json), and the
    // 100,000-step run is 60 MB to generate: fewer rounds there keep the bench near five minutes.
    tableRepetitions: 5,
    sizes: [
      { steps: 1_000, repetitions: 21 },
      { steps: 10_000, repetitions: 5 },
      { steps: 100_000, repetitions: 3 },
    ],
    polls: 500,
    // The unchanged run's watch backs off to 0.4 s between polls.
    unchangedPolls: 150,
  },
  quick: {
    startupRepetitions: 5,
    tableRepetitions: 1,
    sizes: [
      { steps: 1_000, repetitions: 5 },
      { steps: 10_000, repetitions: 1 },
      { steps: 30_000, repetitions: 1 },
    ],
    polls: 60,
    unchangedPolls: 30,
  },
};

const { values } = parseArgs({
  options: {
    quick: { type: "boolean", default: false },
    out: { type: "string", default: "bench-results.json" },
  },
});
const plan = values.quick ? PLANS.quick : PLANS.full;
const log = (line: string) => process.stderr.write(`bench: ${line}\n`);

const setup = await createSetup(
  // Built to node_modules/.cache/codearts-bench/ (esbuild.config.mjs): the package root is three up.
  fileURLToPath(new URL("../../../bin/codearts-run.js", import.meta.url)),
  fileURLToPath(new URL("./floor.js", import.meta.url)),
  process.env.PATH ?? "",
);

const sim = await startSimulator({ synthetic: finishedRun(TABLE_STEPS) });
let startup: BenchResults["startup"];
let table: BenchResults["table"];
try {
  log(`a. status --json vs the node:http floor, ${plan.startupRepetitions} rounds`);
  startup = await measureStartup(setup, sim, plan.startupRepetitions);
  log(`b. table vs --json of a ${TABLE_STEPS}-step run, ${plan.tableRepetitions} rounds`);
  table = await measureTable(setup, sim, plan.tableRepetitions);
} finally {
  await sim.close();
}
log(`b. the table renderer in-process at ${plan.sizes.map((size) => size.steps).join(", ")} steps`);
const scaling = await measureScaling(plan.sizes);
log(`c. a watch of ${plan.polls} polls at 0.1 s`);
const lines = await measureWatch(setup, "lines", plan.polls);
log(`d. the same with --json-lines`);
const jsonLines = await measureWatch(setup, "json-lines", plan.polls);
log(`e. a watch of an unchanged 10,000-step run, ${plan.unchangedPolls} polls`);
const unchanged = await measureWatch(setup, "unchanged", plan.unchangedPolls);

const results: BenchResults = {
  date: new Date().toISOString(),
  node: process.version,
  cpus: `${cpus().length} × ${cpus()[0]?.model ?? "unknown"}`,
  quick: values.quick,
  startup,
  table,
  scaling,
  watch: [lines, jsonLines, unchanged],
};
process.stdout.write(`\nNode ${results.node} on ${results.cpus}${values.quick ? " (--quick)" : ""}\n\n`);
process.stdout.write(`${markdownTable(results)}\n`);
await writeFile(values.out, `${JSON.stringify(results, null, 2)}\n`);
await rm(setup.home, { recursive: true, force: true });
log(`wrote ${values.out}`);
