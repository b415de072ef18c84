import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createManualClock, type RunningSimulator, startSimulator } from "../../src/simulator/index.js";
import { runInProcess } from "../helpers/run-cli.js";

/**
 * Input that cannot be right is refused with exit 2 before anything is sent: the simulator counts
 * the requests it received, and each case must leave that count alone. A long input is never
 * echoed back whole.
 */

let sim: RunningSimulator;
beforeAll(async () => {
  sim = await startSimulator({ clock: createManualClock(Date.UTC(2026, 10, 28, 12)) });
});
afterAll(async () => {
  await sim.close();
});

const env = () => ({
  CODEARTS_ENDPOINT: sim.url,
  CODEARTS_TOKEN: sim.token,
  CODEARTS_PROJECT_ID: sim.projectId,
});

/** Runs the CLI in-process and checks that it sent nothing. */
async function refused(argv: string[], overrides: Parameters<typeof runInProcess>[1] = {}) {
  const before = sim.stats().requests;
  const result = await runInProcess(argv, { env: env(), ...overrides });
  expect(sim.stats().requests - before, "requests sent").toBe(0);
  expect(result.stdout).toBe("");
  return result;
}

const ID = "e5460d1d403146a1935c2d4b68ef506c";

describe("a pipeline reference that cannot be right", () => {
  it("white space only: exit 2, not a name search", async () => {
    for (const command of ["status", "runs", "logs"]) {
      const result = await refused([command, "   "]);
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(/^error: the pipeline is only white space\nhint: /);
    }
  });

  it("31 or 33 hex digits, or an id with a stray space or dashes: a mistyped id", async () => {
    const cases: Array<[string, string]> = [
      [ID.slice(0, 31), "it has 31 characters, not 32"],
      [`${ID}a`, "it has 33 characters, not 32"],
      [`${ID.slice(0, 8)} ${ID.slice(8)}`, "it has a stray space"],
      [`${ID} `, "it has a stray space"],
      ["e5460d1d-4031-46a1-935c-2d4b68ef506c", "it has dashes"],
    ];
    for (const [reference, why] of cases) {
      const result = await refused(["status", reference]);
      expect(result.code).toBe(2);
      expect(result.stderr).toContain(
        `error: ${JSON.stringify(reference)} looks like a mistyped pipeline id: ${why}\n`,
      );
    }
  });

  it("a name that is merely hex-like is still looked up", async () => {
    const result = await runInProcess(["status", "cafe"], { env: env() });
    expect(result.code).toBe(4);
    expect(result.stderr).toMatch(/^error: no pipeline named "cafe"/);
  });
});

describe("a run or project id with a stray space", () => {
  it("says so, before any request", async () => {
    const result = await refused(["status", ID, "--run", ` ${ID}`]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^error: invalid run id " e5460d.*" \(--run\): it has a stray space\n/);
    const project = await refused(["status", ID], {
      env: { ...env(), CODEARTS_PROJECT_ID: `${sim.projectId.slice(0, 8)} ${sim.projectId.slice(8)}` },
    });
    expect(project.code).toBe(2);
    expect(project.stderr).toMatch(/^error: invalid project id .*: it has a stray space\n/);
  });
});

describe("a credential over 16 KB is refused, not sent to fail as HTTP 431", () => {
  const big = "t".repeat(20_000);

  it("from the environment", async () => {
    const result = await refused(["status", ID], { env: { ...env(), CODEARTS_TOKEN: big } });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(
      /^error: CODEARTS_TOKEN is 20 KB; no credential is larger than 16 KB\nhint: /,
    );
    expect(result.stderr).not.toContain("tttt");
  });

  it("from standard input", async () => {
    const result = await refused(["status", ID, "--token-stdin"], {
      stdin: { readAll: async () => `${big}\n` },
    });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^error: --token-stdin is 20 KB; no credential is larger than 16 KB\n/);
  });

  it("a password from the environment", async () => {
    const { CODEARTS_TOKEN: _, ...withoutToken } = env();
    const result = await refused(["status", ID], {
      env: { ...withoutToken, CODEARTS_DOMAIN: "d", CODEARTS_USERNAME: "u", CODEARTS_PASSWORD: big },
    });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^error: CODEARTS_PASSWORD is 20 KB/);
  });
});

describe("a huge argument is not echoed back whole", () => {
  const huge = "x".repeat(100_000);

  it("in our own errors: cut, with its length", async () => {
    for (const argv of [
      ["status", huge],
      ["status", ID, "--run", huge],
      ["runs", ID, "--limit", huge],
      ["status", ID, "--endpoint", `https://${huge}`],
    ]) {
      const result = await refused(argv);
      expect(result.code).toBe(2);
      expect(result.stderr.length, result.stderr.slice(0, 300)).toBeLessThan(600);
      expect(result.stderr).toMatch(/\b100\d{3} characters/);
    }
  });

  it("in commander's errors too", async () => {
    for (const argv of [["status", ID, "--output", huge], ["status", ID, `--${huge}`], [huge]]) {
      const result = await refused(argv);
      expect(result.code).toBe(2);
      expect(result.stderr.length, result.stderr.slice(0, 300)).toBeLessThan(600);
      expect(result.stderr).toMatch(/\(100\d{3} characters\)/);
    }
  });
});

describe("--endpoint without a scheme", () => {
  it("localhost:8080 says to add http:// or https://", async () => {
    const result = await refused(["status", ID, "--endpoint", "localhost:8080"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      'error: --endpoint has no scheme: "localhost:8080"\nhint: add http:// or https:// in front, e.g. http://localhost:8080\n',
    );
  });

  it("a cloud host gets https:// as the example", async () => {
    const result = await refused([
      "status",
      ID,
      "--endpoint",
      "cloudpipeline-ext.cn-north-4.myhuaweicloud.com",
    ]);
    expect(result.stderr).toContain("e.g. https://cloudpipeline-ext.cn-north-4.myhuaweicloud.com\n");
  });
});
