import { createHash } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { normaliseRun, type RunView } from "../../src/model/run.js";
import { type RenderOptions, renderRunTable } from "../../src/render/index.js";
import {
  createManualClock,
  type RunningSimulator,
  SYNTHETIC_PIPELINE,
  startSimulator,
} from "../../src/simulator/index.js";
import { EXAMPLE_NOW, loadRun, RICH_NOW } from "./helpers.js";

/**
 * The status table, byte for byte, for every simulator scenario (and the two fixtures, and a
 * 2,000-step run) at 40/60/100/160 columns and piped, plain and coloured, Unicode and ASCII, full,
 * compact and without steps. The expected bytes were recorded from the renderer and are kept as one
 * SHA-256 per case (goldens/table-hashes.json) plus a few whole samples (goldens/*.txt) to read.
 * A change of output is deliberate only: re-record with
 * `UPDATE_GOLDENS=1 npx vitest run test/render/table-golden.test.ts` and say why in the commit.
 */

const NOW = Date.UTC(2026, 10, 28, 12);
const GOLDENS = new URL("./goldens/", import.meta.url);
const HASHES = new URL("table-hashes.json", GOLDENS);
const SAMPLES = [
  "api 60 colour unicode",
  "mobile 100 plain unicode",
  "release piped plain ascii",
  "rich 160 colour unicode relative",
];
const update = process.env.UPDATE_GOLDENS === "1";

let sim: RunningSimulator;
const runs = new Map<string, { run: RunView; now: number }>();

beforeAll(async () => {
  sim = await startSimulator({
    clock: createManualClock(NOW),
    synthetic: { steps: 2_000, stepMs: 1_000, startOffsetMs: -600_000 },
  });
  for (const pipeline of sim.pipelines) {
    if (pipeline.latestRunId === undefined) continue;
    const url = `${sim.url}/v5/${sim.projectId}/api/pipelines/${pipeline.id}/pipeline-runs/detail`;
    const answer = await fetch(url, { headers: { "X-Auth-Token": sim.token } });
    runs.set(pipeline.name, { run: normaliseRun(await answer.json()), now: NOW });
  }
  runs.set("example", { run: loadRun("run-detail-example.json"), now: EXAMPLE_NOW });
  runs.set("rich", { run: loadRun("run-detail-rich.json"), now: RICH_NOW });
});
afterAll(async () => {
  await sim.close();
});

interface Case {
  name: string;
  run: string;
  options: Omit<RenderOptions, "now">;
}

function cases(): Case[] {
  const all: Case[] = [];
  for (const run of runs.keys()) {
    for (const columns of [40, 60, 100, 160, undefined]) {
      for (const colorLevel of [0, 1] as const) {
        for (const unicode of [true, false]) {
          // The big run is about scale, not layout: one width is enough.
          if (run === SYNTHETIC_PIPELINE && (columns !== 100 || !unicode)) continue;
          const name = `${run} ${columns ?? "piped"} ${colorLevel ? "colour" : "plain"} ${unicode ? "unicode" : "ascii"}`;
          all.push({ name, run, options: { colorLevel, columns, unicode, timeStyle: "iso" } });
        }
      }
    }
    const base = { colorLevel: 1, columns: 100, unicode: true, timeStyle: "iso" } as const;
    all.push({ name: `${run} 100 colour unicode compact`, run, options: { ...base, compact: true } });
    all.push({ name: `${run} 100 colour unicode no-steps`, run, options: { ...base, showSteps: false } });
    all.push({
      name: `${run} 160 colour unicode relative`,
      run,
      options: { ...base, columns: 160, timeStyle: "relative", nextCommands: ["codearts-run logs x"] },
    });
  }
  return all;
}

function draw(c: Case): string {
  const entry = runs.get(c.run);
  if (!entry) throw new Error(`no run ${c.run}`);
  return renderRunTable(entry.run, { ...c.options, now: entry.now });
}

const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");
const sampleFile = (name: string) => new URL(`${name.replaceAll(" ", "-")}.txt`, GOLDENS);

describe("the status table, byte for byte", () => {
  it("draws every case exactly as recorded", () => {
    const drawn = cases().map((c) => [c.name, draw(c)] as const);
    if (update) {
      writeFileSync(
        HASHES,
        `${JSON.stringify(Object.fromEntries(drawn.map(([n, t]) => [n, sha256(t)])), null, 2)}\n`,
      );
      for (const [name, text] of drawn) if (SAMPLES.includes(name)) writeFileSync(sampleFile(name), text);
    }
    const expected = JSON.parse(readFileSync(HASHES, "utf8")) as Record<string, string>;
    expect(Object.keys(expected).sort()).toEqual(drawn.map(([name]) => name).sort());
    for (const [name, text] of drawn) {
      // A whole sample shows the difference itself; the others name the case that changed.
      if (SAMPLES.includes(name)) expect(text, name).toBe(readFileSync(sampleFile(name), "utf8"));
      expect(sha256(text), name).toBe(expected[name]);
    }
  });
});
