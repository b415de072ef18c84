import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createManualClock, type RunningSimulator, startSimulator } from "../../src/simulator/index.js";
import { testContext } from "../helpers/context.js";
import { runSmoke, smokeTable } from "./smoke.js";

/** `npm run smoke`, run against the simulator: every answer must match its schema. */

let sim: RunningSimulator;

beforeAll(async () => {
  sim = await startSimulator({ clock: createManualClock(Date.UTC(2026, 10, 28, 12)) });
});
afterAll(() => sim.close());

const env = () => ({
  CODEARTS_ENDPOINT: sim.url,
  CODEARTS_TOKEN: sim.token,
  CODEARTS_PROJECT_ID: sim.projectId,
});

describe("the real-service smoke script", () => {
  it("calls each read-only API once and reports every schema as ok (exit 0)", async () => {
    const before = sim.stats().requests;
    const { ctx, stdout, stderr } = testContext({ env: env() });
    expect(await runSmoke(ctx)).toBe(0);
    expect(stderr()).toBe("");
    const lines = stdout().trimEnd().split("\n");
    expect(lines[0]).toBe(`Schema smoke test against ${sim.url}`);
    expect(lines.slice(2).map((line) => line.replace(/\s{2,}/g, " | "))).toEqual([
      "list pipelines | 200 | ok",
      "latest status | 200 | ok",
      "list runs | 200 | ok",
      "run detail | 200 | ok",
      "step log | 200 | ok",
    ]);
    expect(sim.stats().requests - before).toBe(5);
  });

  it("lists the fields that differ, a few at a time", () => {
    const table = smokeTable(
      [
        { api: "step log", status: 200, differences: Array.from({ length: 10 }, (_, i) => `$.f${i}: wrong`) },
        { api: "run detail", status: 404, differences: ["error answer"] },
      ],
      "https://example.com",
    );
    expect(table).toContain("step log    200   $.f0: wrong\n                  $.f1: wrong\n");
    expect(table).toContain("… and 2 more\n");
    expect(table).toContain("run detail  404   error answer\n");
  });

  it("runs as `npm run smoke` does, from the bundled script", async () => {
    const script = fileURLToPath(new URL("./smoke.mjs", import.meta.url));
    const result = await new Promise<{ code: number | null; out: string; err: string }>((resolve, reject) => {
      const child = spawn(process.execPath, [script], { env: { PATH: process.env.PATH ?? "", ...env() } });
      let out = "";
      let err = "";
      child.stdout.on("data", (chunk) => {
        out += chunk;
      });
      child.stderr.on("data", (chunk) => {
        err += chunk;
      });
      child.on("error", reject);
      child.on("close", (code) => resolve({ code, out, err }));
    });
    expect(result.err).toBe("");
    expect(result.code).toBe(0);
    expect(result.out).toMatch(/^step log\s+200\s+ok$/m);
  });
});
