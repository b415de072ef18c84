import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { UsageError } from "../../src/core/errors.js";
import { runDemo } from "../../src/handlers/demo.js";
import { parseFaultSpec, runSimulate } from "../../src/handlers/simulate.js";
import { testContext } from "../helpers/context.js";

/** Real time, but sleeps cut to 50 ms so the demo's polling loop runs quickly. */
function fakeContext(signal: AbortSignal, env: Record<string, string> = {}) {
  const { ctx, writes } = testContext({
    signal,
    env,
    cwd: process.cwd(),
    now: () => Date.now(),
    sleep: (ms, s) =>
      new Promise((resolve, reject) => {
        const timer = setTimeout(resolve, Math.min(ms, 50));
        s?.addEventListener("abort", () => {
          clearTimeout(timer);
          reject(new Error("aborted"));
        });
      }),
  });
  return { ctx, out: writes.out, err: writes.err };
}

async function waitFor(check: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((resolve) => setTimeout(resolve, 10));
}

describe("--fault spec parser", () => {
  it.each([
    ["503", { kind: "503" }],
    ["429:web", { kind: "429", pipeline: "web" }],
    ["429=5:web", { kind: "429", retryAfterSeconds: 5, pipeline: "web" }],
    ["slow=2000:api", { kind: "slow", delayMs: 2000, pipeline: "api" }],
    ["503*2", { kind: "503", times: 2 }],
    ["drop*1:demo", { kind: "drop", times: 1, pipeline: "demo" }],
    ["error-200", { kind: "error-200" }],
    [
      "html-502:0123456789abcdef0123456789abcdef",
      { kind: "html-502", pipeline: "0123456789abcdef0123456789abcdef" },
    ],
  ])("reads %s", (text, spec) => {
    expect(parseFaultSpec(text)).toEqual(spec);
  });

  it.each(["", "504", "503:", "slow=:api", "drop=5", "503*0", "503:web:api", "503 *2"])(
    "refuses %j with a usage error and the syntax as the fix",
    (text) => {
      expect(() => parseFaultSpec(text)).toThrow(UsageError);
      try {
        parseFaultSpec(text);
      } catch (error) {
        expect((error as UsageError).hint).toMatch(/--fault <kind>\[=<value>\]\[\*<times>\]\[:<pipeline>\]/);
      }
    },
  );
});

describe("runSimulate", () => {
  it("prints one JSON line a script can use, serves until aborted, returns 130", async () => {
    const controller = new AbortController();
    const { ctx, out } = fakeContext(controller.signal);
    const done = runSimulate({ port: 0, json: true, seed: 7, faults: ["503*1:web"] }, ctx);
    await waitFor(() => out.length > 0);
    expect(out).toHaveLength(1);
    expect(out[0]?.endsWith("\n")).toBe(true);
    const info = JSON.parse(out[0] ?? "");
    expect(info).toMatchObject({ seed: 7, speed: 1, faults: [{ kind: "503", times: 1, pipeline: "web" }] });
    expect(info.projectId).toMatch(/^[0-9a-f]{32}$/);
    const web = info.pipelines.find((p: { name: string }) => p.name === "web");
    const detail = `${info.url}/v5/${info.projectId}/api/pipelines/${web.id}/pipeline-runs/detail`;
    const headers = { "X-Auth-Token": info.token };
    expect((await fetch(detail, { headers })).status).toBe(503);
    expect((await fetch(detail, { headers })).status).toBe(200);
    controller.abort();
    expect(await done).toBe(130);
    await expect(fetch(detail, { headers })).rejects.toThrow();
  });

  it("tells a newcomer the endpoint, token, project, pipelines and the export line", async () => {
    const controller = new AbortController();
    const { ctx, out } = fakeContext(controller.signal);
    const done = runSimulate({ port: 0 }, ctx);
    await waitFor(() => out.length > 0);
    controller.abort();
    expect(await done).toBe(130);
    const text = out.join("");
    const url = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(text)?.[1];
    expect(url).toBeDefined();
    expect(text).toMatch(
      new RegExp(
        `export CODEARTS_ENDPOINT=${url} CODEARTS_TOKEN=MIIsim\\w+ CODEARTS_PROJECT_ID=[0-9a-f]{32}\\n`,
      ),
    );
    expect(text).toMatch(/codearts-run status [0-9a-f]{32}\n/);
    for (const name of [
      "web",
      "api",
      "docs",
      "hotfix",
      "mobile",
      "release",
      "nightly",
      "demo",
      "drift",
      "empty",
    ]) {
      expect(text).toMatch(new RegExp(`[0-9a-f]{32}  ${name} +\\S`));
    }
  });

  it("refuses a host that is not loopback, a bad fault and a fault on an unknown pipeline", async () => {
    const { ctx } = fakeContext(new AbortController().signal);
    await expect(runSimulate({ host: "0.0.0.0" }, ctx)).rejects.toThrow(UsageError);
    await expect(runSimulate({ port: 0, faults: ["teapot"] }, ctx)).rejects.toThrow(UsageError);
    await expect(runSimulate({ port: 0, faults: ["503:nope"] }, ctx)).rejects.toThrow(
      /unknown pipeline "nope"/,
    );
  });
});

describe("runDemo", () => {
  /** A stand-in for the CLI that records how it was called; "hang" waits like a watch would. */
  async function fakeCli(exitCode: number | "hang"): Promise<{ binPath: string; calls: string }> {
    const dir = await mkdtemp(join(tmpdir(), "codearts-demo-"));
    const calls = join(dir, "calls.txt");
    const binPath = join(dir, "fake-cli.mjs");
    await writeFile(
      binPath,
      `import { appendFileSync } from "node:fs";
const env = process.env;
appendFileSync(${JSON.stringify(calls)}, JSON.stringify({ args: process.argv.slice(2), endpoint: env.CODEARTS_ENDPOINT, token: env.CODEARTS_TOKEN, project: env.CODEARTS_PROJECT_ID, kept: env.KEPT }) + "\\n");
${exitCode === "hang" ? "setTimeout(() => process.exit(0), 60_000);" : `process.exit(${exitCode});`}
`,
    );
    return { binPath, calls };
  }

  async function readCalls(file: string) {
    return (await readFile(file, "utf8"))
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line));
  }

  it("runs one `status <demo id> --watch` against the simulator and returns its exit code", async () => {
    const { binPath, calls } = await fakeCli(0);
    const { ctx, err } = fakeContext(new AbortController().signal, { KEPT: "yes" });
    expect(await runDemo({ binPath, speed: 100 }, ctx)).toBe(0);
    const made = await readCalls(calls);
    expect(made).toHaveLength(1);
    expect(made[0].args).toEqual(["status", expect.stringMatching(/^[0-9a-f]{32}$/), "--watch"]);
    expect(made[0]).toMatchObject({ kept: "yes", token: expect.stringMatching(/^MIIsim/) });
    expect(made[0].endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(err.join("")).toMatch(/^Demo: /);
    await expect(fetch(made[0].endpoint)).rejects.toThrow();
  });

  it("with --start runs one `run <demo id> --watch`: a new run, followed to its end", async () => {
    const { binPath, calls } = await fakeCli(0);
    const { ctx, err } = fakeContext(new AbortController().signal);
    expect(await runDemo({ binPath, speed: 100, start: true }, ctx)).toBe(0);
    const made = await readCalls(calls);
    expect(made.map((call) => call.args)).toEqual([
      ["run", expect.stringMatching(/^[0-9a-f]{32}$/), "--watch"],
    ]);
    expect(err.join("")).toMatch(/codearts-run run --watch/);
  });

  it("passes on the watch's exit code", async () => {
    const { binPath, calls } = await fakeCli(5);
    const { ctx } = fakeContext(new AbortController().signal);
    expect(await runDemo({ binPath }, ctx)).toBe(5);
    expect(await readCalls(calls)).toHaveLength(1);
  });

  it("stops the watch and returns 130 when interrupted", async () => {
    const { binPath } = await fakeCli("hang");
    const controller = new AbortController();
    const { ctx } = fakeContext(controller.signal);
    const done = runDemo({ binPath }, ctx);
    setTimeout(() => controller.abort(), 200);
    expect(await done).toBe(130);
  });
});
