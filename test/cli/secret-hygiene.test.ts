import { chmod, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningSimulator, startSimulator } from "../../src/simulator/index.js";
import { type CliResult, STACK_TRACE } from "../e2e/cli.js";
import { runCommand } from "../helpers/cli-in-process.js";

/**
 * Secret hygiene: every command and failure path, with every credential method, with and without
 * --debug, and not one secret value in any output. The simulator's credentials are known here, so
 * each output can be searched for them. (The real clock: AK/SK signatures are dated.)
 */

let sim: RunningSimulator;
let dir: string;

// The failing scenarios use pipelines of their own, so faults are set once and every case can run
// at the same time.
beforeAll(async () => {
  sim = await startSimulator({
    faults: [
      { kind: "503", pipeline: "hotfix" },
      { kind: "error-200", pipeline: "mobile" },
    ],
  });
  dir = await mkdtemp(path.join(tmpdir(), "codearts-secrets-"));
});
afterAll(async () => {
  await sim.close();
  await rm(dir, { recursive: true, force: true });
});

function secrets(): string[] {
  const { sk, password, forbiddenToken } = sim.credentials;
  return [sim.token, sk, password, forbiddenToken];
}

type Method = "token" | "aksk" | "password";

function credentialEnv(method: Method): Record<string, string> {
  const { ak, sk, domain, user, password, region } = sim.credentials;
  const common = {
    HOME: dir,
    XDG_CACHE_HOME: path.join(dir, "cache"),
    CODEARTS_ENDPOINT: sim.url,
    CODEARTS_IAM_ENDPOINT: sim.url,
    CODEARTS_PROJECT_ID: sim.projectId,
    CODEARTS_REGION: region,
  };
  if (method === "token") return { ...common, CODEARTS_TOKEN: sim.token };
  if (method === "aksk") return { ...common, CLOUD_SDK_AK: ak, CLOUD_SDK_SK: sk };
  return { ...common, CODEARTS_DOMAIN: domain, CODEARTS_USERNAME: user, CODEARTS_PASSWORD: password };
}

interface Scenario {
  name: string;
  args: string[];
  /** The exit code, where the scenario is about a failure path. */
  code?: number;
}

const SCENARIOS: Scenario[] = [
  { name: "status", args: ["status", "web"] },
  { name: "status of a failed run", args: ["status", "api"] },
  { name: "status --json", args: ["status", "web", "--json"] },
  { name: "status --output markdown", args: ["status", "api", "--output", "markdown"] },
  { name: "status --output junit", args: ["status", "api", "--output", "junit"] },
  { name: "status --web", args: ["status", "web", "--web"] },
  { name: "status --watch of a finished run", args: ["status", "docs", "--watch"] },
  { name: "runs", args: ["runs", "nightly", "--limit", "5"] },
  { name: "logs", args: ["logs", "api"] },
  { name: "config show", args: ["config", "show"] },
  { name: "config show --json", args: ["config", "show", "--json"] },
  { name: "auth check", args: ["auth", "check"] },
  { name: "an unknown pipeline", args: ["status", "no-such-pipeline"], code: 4 },
  {
    name: "a run that does not exist",
    args: ["status", "web", "--run", "ffffffffffffffffffffffffffffffff"],
    code: 4,
  },
  { name: "a service failure after retries", args: ["status", "hotfix"], code: 5 },
  { name: "an error body with HTTP 200", args: ["status", "mobile"], code: 5 },
];

function expectNoSecret(result: CliResult, debug: boolean): void {
  const output = result.stdout + result.stderr;
  for (const secret of secrets()) expect(output).not.toContain(secret);
  // Stack traces are what --debug is for; without it, never.
  if (!debug) expect(result.stderr).not.toMatch(STACK_TRACE);
}

// Every scenario with and without --debug for a token; with --debug (the most talkative) for the others.
const CASES = (["token", "aksk", "password"] as const).flatMap((method) =>
  SCENARIOS.flatMap((scenario) =>
    (method === "token" ? [false, true] : [true]).map((debug) => ({ method, scenario, debug })),
  ),
);

describe.concurrent("no secret in any output", () => {
  it.each(CASES.map((c) => [`${c.method}: ${c.scenario.name}${c.debug ? " --debug" : ""}`, c] as const))(
    "%s",
    async (_name, { method, scenario, debug }) => {
      const result = await runCommand(
        [...scenario.args, ...(debug ? ["--debug"] : [])],
        credentialEnv(method),
      );
      expect(result.code, result.stderr).not.toBeNull();
      if (scenario.code !== undefined) expect(result.code, result.stderr).toBe(scenario.code);
      expectNoSecret(result, debug);
      if (debug && scenario.name === "status") expect(result.stderr).toMatch(/debug: → GET .*<redacted>/);
    },
  );
});

describe("secrets refused or misplaced", () => {
  it("never echoes a wrong token, SK or password", async () => {
    const wrong = {
      CODEARTS_TOKEN: "wrong-token-abcdef",
      CLOUD_SDK_SK: "wrong-sk-abcdef",
      CODEARTS_PASSWORD: "wrong-password-abcdef",
    };
    for (const method of ["token", "aksk", "password"] as const) {
      const env = { ...credentialEnv(method) };
      const key =
        method === "token" ? "CODEARTS_TOKEN" : method === "aksk" ? "CLOUD_SDK_SK" : "CODEARTS_PASSWORD";
      env[key] = wrong[key];
      // A new cache, so the password run cannot reuse a token from an earlier test.
      env.XDG_CACHE_HOME = path.join(dir, `cache-${method}-wrong`);
      const result = await runCommand(["status", "web", "--debug"], env);
      expect(result.code).toBe(3);
      expect(result.stdout + result.stderr).not.toContain(wrong[key]);
    }
  });

  it("keeps a secret from a config file out of config show and errors", async () => {
    const file = path.join(dir, "secret.yaml");
    await writeFile(
      file,
      `endpoint: ${sim.url}\nprojectId: ${sim.projectId}\ntoken: ${sim.token}\npassword: hunter2-secret\n`,
    );
    await chmod(file, 0o600);
    for (const args of [
      ["config", "show"],
      ["config", "show", "--json"],
      ["status", "web", "--debug"],
    ]) {
      const result = await runCommand([...args, "--config", file], { HOME: dir });
      expect(result.stdout + result.stderr).not.toContain(sim.token);
      expect(result.stdout + result.stderr).not.toContain("hunter2-secret");
    }
  });
});
