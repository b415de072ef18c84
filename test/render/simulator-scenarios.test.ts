import { stripVTControlCharacters } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { normaliseRun, type RunView } from "../../src/model/run.js";
import { renderRunTable } from "../../src/render/index.js";
import { createManualClock, type RunningSimulator, startSimulator } from "../../src/simulator/index.js";
import { displayWidth } from "../../src/text/text-width.js";

/**
 * Every simulator scenario, drawn as a user sees it at 60, 100 and 160 columns, plain and in
 * colour: it fits the terminal, nothing but our colour codes reaches it, and it says how the run
 * went. Two scenarios are also checked line by line at 60 columns, the narrowest supported.
 */

const NOW = Date.UTC(2026, 10, 28, 12);
let sim: RunningSimulator;
const runs = new Map<string, RunView>();

beforeAll(async () => {
  sim = await startSimulator({ clock: createManualClock(NOW) });
  for (const pipeline of sim.pipelines) {
    if (pipeline.latestRunId === undefined) continue;
    const url = `${sim.url}/v5/${sim.projectId}/api/pipelines/${pipeline.id}/pipeline-runs/detail`;
    const answer = await fetch(url, { headers: { "X-Auth-Token": sim.token } });
    runs.set(pipeline.name, normaliseRun(await answer.json()));
  }
});
afterAll(async () => {
  await sim.close();
});

function draw(name: string, columns: number, colorLevel: 0 | 1): string {
  const run = runs.get(name);
  if (!run) throw new Error(`no run for ${name}`);
  return renderRunTable(run, { colorLevel, columns, timeStyle: "iso", now: NOW, unicode: true });
}

describe("every simulator scenario renders readably", () => {
  it("has a run for every pipeline but the one that never ran", () => {
    expect([...runs.keys()].sort()).toEqual(
      sim.pipelines
        .filter((p) => p.name !== "empty")
        .map((p) => p.name)
        .sort(),
    );
  });

  for (const columns of [60, 100, 160]) {
    for (const colorLevel of [0, 1] as const) {
      it(`fits ${columns} columns${colorLevel ? " in colour" : ""}, with nothing but colour codes`, () => {
        for (const name of runs.keys()) {
          const text = draw(name, columns, colorLevel);
          const plain = stripVTControlCharacters(text);
          // The link is never cut, so it can be copied whole; the terminal wraps it.
          const fitted = plain.split("\n").filter((line) => !line.startsWith("Link "));
          for (const line of fitted)
            expect(displayWidth(line), `${name}: ${line}`).toBeLessThanOrEqual(columns);
          // Colour only as SGR codes; no other escape or control character.
          expect(text.replace(/\u001b\[[0-9;]*m/g, "")).not.toMatch(
            /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/,
          );
          if (colorLevel === 0) expect(text).not.toContain("\u001b");
          expect(plain).toContain(runs.get(name)?.status ?? "?");
        }
      });
    }
  }

  it("api at 60 columns: the failure and its message, wrapped, stand out", () => {
    const lines = draw("api", 60, 0).split("\n");
    expect(lines[0]).toBe("api #1  ✗ FAILED");
    expect(lines.some((line) => /^✗ FAILED\s+│ {2}├─ Run tests\s+1m 30s\s+npm test/.test(line))).toBe(true);
    expect(lines.join("\n")).toMatch(/Steps\s+15 \(1 failed\)/);
  });
});
