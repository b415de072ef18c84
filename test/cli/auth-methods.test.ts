/**
 * Each way of authenticating, end to end: the built binary against the in-process simulator
 * (which serves IAM on the same port and verifies AK/SK signatures). Run `npm run build` first.
 * HOME and XDG_CACHE_HOME point at fresh temporary directories, so no developer cache is touched.
 */
import { chmod, mkdtemp, readdir, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningSimulator, startSimulator } from "../../src/simulator/index.js";
import { type CliResult, STACK_TRACE } from "../e2e/cli.js";
import { runCommand } from "../helpers/cli-in-process.js";

// The real clock: AK/SK signatures are dated by the CLI's clock and checked against the simulator's.
let sim: RunningSimulator;
let pipelineId: string;
const results: CliResult[] = [];

beforeAll(async () => {
  sim = await startSimulator();
  pipelineId = sim.pipeline("web").id;
});
const tempDirs: string[] = [];
afterAll(async () => {
  await sim.close();
  await Promise.all(tempDirs.map((directory) => rm(directory, { recursive: true, force: true })));
});

async function tempDir(prefix: string): Promise<string> {
  const directory = await mkdtemp(join(tmpdir(), `codearts-run-${prefix}-`));
  tempDirs.push(directory);
  return directory;
}

/** A fresh cache and home for one scenario. */
async function freshHome(): Promise<Record<string, string>> {
  return { HOME: await tempDir("home"), XDG_CACHE_HOME: await tempDir("cache") };
}

function base(home: Record<string, string>): Record<string, string> {
  return { ...home, CODEARTS_ENDPOINT: sim.url, CODEARTS_PROJECT_ID: sim.projectId };
}

function akskEnv(
  home: Record<string, string>,
  overrides: Record<string, string> = {},
): Record<string, string> {
  const { ak, sk, region } = sim.credentials;
  return {
    ...base(home),
    CLOUD_SDK_AK: ak,
    CLOUD_SDK_SK: sk,
    CODEARTS_REGION: region,
    CODEARTS_IAM_ENDPOINT: sim.url,
    ...overrides,
  };
}

function passwordEnv(
  home: Record<string, string>,
  overrides: Record<string, string> = {},
): Record<string, string> {
  const { domain, user, password, region } = sim.credentials;
  return {
    ...base(home),
    CODEARTS_DOMAIN: domain,
    CODEARTS_USERNAME: user,
    CODEARTS_PASSWORD: password,
    CODEARTS_REGION: region,
    CODEARTS_IAM_ENDPOINT: sim.url,
    ...overrides,
  };
}

async function run(env: Record<string, string>, debug = false): Promise<CliResult> {
  const result = await runCommand([...(debug ? ["--debug"] : []), "status", pipelineId, "--json"], env);
  results.push(result);
  return result;
}

/** The number of requests the simulator served while `action` ran. */
async function requestsDuring(action: () => Promise<unknown>): Promise<number> {
  const before = sim.stats().requests;
  await action();
  return sim.stats().requests - before;
}

function expectRunDocument(result: CliResult): void {
  expect(result.stderr).toBe("");
  expect(result.code).toBe(0);
  expect(JSON.parse(result.stdout)).toMatchObject({ pipeline_id: pipelineId });
}

function expectRefused(result: CliResult, message: RegExp, debug = false): void {
  expect(result.code).toBe(3);
  expect(result.stdout).toBe("");
  expect(result.stderr).toMatch(message);
  if (!debug) expect(result.stderr).not.toMatch(STACK_TRACE); // --debug shows the stack on purpose
}

describe("each method from a config profile and from flags", () => {
  async function profileFile(home: Record<string, string>, lines: string[]): Promise<string> {
    const file = join(home.HOME as string, "codearts.yaml");
    await writeFile(
      file,
      [`endpoint: ${sim.url}`, `iamEndpoint: ${sim.url}`, `projectId: ${sim.projectId}`, ...lines].join("\n"),
    );
    await chmod(file, 0o600);
    return file;
  }

  it("AK/SK from a profile", async () => {
    const home = await freshHome();
    const { ak, sk, region } = sim.credentials;
    const file = await profileFile(home, [
      "profiles:",
      "  ci:",
      `    region: ${region}`,
      `    ak: ${ak}`,
      `    sk: ${sk}`,
    ]);
    const result = await runCommand(
      ["status", pipelineId, "--json", "--config", file, "--profile", "ci"],
      home,
    );
    expectRunDocument(result);
    results.push(result);
  });

  it("a password from a profile, and one from --password-stdin", async () => {
    const { domain, user, password, region } = sim.credentials;
    const home = await freshHome();
    const file = await profileFile(home, [
      "defaultProfile: me",
      "profiles:",
      "  me:",
      `    region: ${region}`,
      `    domain: ${domain}`,
      `    username: ${user}`,
      `    password: ${password}`,
    ]);
    const fromFile = await runCommand(["status", pipelineId, "--json", "--config", file], home);
    expectRunDocument(fromFile);
    const other = await freshHome();
    const piped = await runCommand(
      ["status", pipelineId, "--json", "--password-stdin", "--region", region, "--iam-endpoint", sim.url],
      { ...base(other), CODEARTS_DOMAIN: domain, CODEARTS_USERNAME: user },
      { input: `${password}\n` },
    );
    expectRunDocument(piped);
    results.push(fromFile, piped);
  });
});

describe("status --json with each authentication method", () => {
  it("works with an IAM token (CODEARTS_TOKEN)", async () => {
    expectRunDocument(await run({ ...base(await freshHome()), CODEARTS_TOKEN: sim.token }));
  });

  it("works with AK/SK and a configured IAM project id, without asking IAM", async () => {
    const env = akskEnv(await freshHome(), { CODEARTS_IAM_PROJECT_ID: sim.credentials.iamProjectId });
    expect(await requestsDuring(async () => expectRunDocument(await run(env)))).toBe(1);
  });

  it("works with AK/SK alone: looks the IAM project up once, then reuses it from the cache", async () => {
    const env = akskEnv(await freshHome());
    expect(await requestsDuring(async () => expectRunDocument(await run(env)))).toBe(2);
    expect(await requestsDuring(async () => expectRunDocument(await run(env)))).toBe(1);
  });

  it("works with an IAM password, caching the token 0600 so the next run does not sign in again", async () => {
    const home = await freshHome();
    const { XDG_CACHE_HOME: _, ...homeOnly } = home; // the ~/.cache fallback
    const env = passwordEnv(homeOnly);
    expect(await requestsDuring(async () => expectRunDocument(await run(env)))).toBe(2);

    const directory = join(home.HOME as string, ".cache", "codearts-run");
    expect((await stat(directory)).mode & 0o777).toBe(0o700);
    const files = (await readdir(directory)).filter((name) => name.endsWith(".json"));
    expect(files).toHaveLength(1);
    expect((await stat(join(directory, files[0] as string))).mode & 0o777).toBe(0o600);

    expect(await requestsDuring(async () => expectRunDocument(await run(env)))).toBe(1);
  });

  it("shows the requests with --debug, credentials redacted", async () => {
    const home = await freshHome();
    for (const env of [akskEnv(home), passwordEnv(home), { ...base(home), CODEARTS_TOKEN: sim.token }]) {
      const result = await run(env, true);
      expect(result.code).toBe(0);
      expect(result.stderr).toContain("debug: ");
    }
  });
});

describe("refused credentials exit 3", () => {
  it("a wrong SK, whether the IAM project is looked up or configured", async () => {
    const wrongSk = { CLOUD_SDK_SK: `${sim.credentials.sk.slice(0, -4)}xxxx` };
    const home = await freshHome();
    expectRefused(await run(akskEnv(home, wrongSk)), /IAM project/);
    expectRefused(await run(akskEnv(home, wrongSk), true), /IAM project/, true);
    const configured = { ...wrongSk, CODEARTS_IAM_PROJECT_ID: sim.credentials.iamProjectId };
    expectRefused(await run(akskEnv(home, configured)), /HTTP 401/);
  });

  it("a wrong password, with a hint naming the variables to check", async () => {
    const env = passwordEnv(await freshHome(), { CODEARTS_PASSWORD: "not-the-password" });
    for (const debug of [false, true]) {
      const result = await run(env, debug);
      expectRefused(result, /could not sign in to IAM as user/, debug);
      for (const name of ["CODEARTS_DOMAIN", "CODEARTS_USERNAME", "CODEARTS_PASSWORD"]) {
        expect(result.stderr).toContain(name);
      }
    }
  });
});

describe("auth check checks", () => {
  it("refuses a wrong password after a successful sign-in, and signs in again with the right one", async () => {
    const home = await freshHome();
    const check = async (env: Record<string, string>) => {
      const result = await runCommand(["auth", "check"], env);
      results.push(result);
      return result;
    };
    const first = await check(passwordEnv(home));
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/^ok: IAM user/);

    const wrong = await check(passwordEnv(home, { CODEARTS_PASSWORD: "not-the-password" }));
    expectRefused(wrong, /could not sign in to IAM as user/);

    // The right password: one IAM sign-in and one CodeArts call, although a token is cached.
    expect(await requestsDuring(async () => expect((await check(passwordEnv(home))).code).toBe(0))).toBe(2);
  });
});

describe("no secret in any output", () => {
  it("never prints the SK, the password or a token, --debug included", () => {
    expect(results.length).toBeGreaterThan(10);
    const secrets = [sim.credentials.sk, sim.credentials.password, "not-the-password", sim.token];
    for (const { stdout, stderr } of results) {
      for (const secret of secrets) {
        expect(stdout).not.toContain(secret);
        expect(stderr).not.toContain(secret);
      }
      // Every token the simulator issues starts like this.
      expect(`${stdout}${stderr}`).not.toMatch(/MIIsim/);
    }
  });
});
