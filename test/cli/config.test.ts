import { chmod, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createManualClock, type RunningSimulator, startSimulator } from "../../src/simulator/index.js";
import { type CliResult, STACK_TRACE } from "../e2e/cli.js";
import { runCommand } from "../helpers/cli-in-process.js";

let sim: RunningSimulator;
let dir: string;

beforeAll(async () => {
  sim = await startSimulator({ clock: createManualClock(Date.UTC(2026, 10, 28, 12)) });
  dir = await mkdtemp(path.join(tmpdir(), "codearts-e2e-config-"));
});
afterAll(async () => {
  await sim.close();
  await rm(dir, { recursive: true, force: true });
});

function idOf(name: string): string {
  const found = sim.pipelines.find((p) => p.name === name);
  if (!found) throw new Error(`no simulator pipeline ${name}`);
  return found.id;
}

async function configFile(name: string, content: string, mode = 0o600): Promise<string> {
  const filepath = path.join(dir, name);
  await writeFile(filepath, content);
  await chmod(filepath, mode);
  return filepath;
}

function expectNoTrace(result: CliResult): void {
  expect(result.stderr).not.toMatch(STACK_TRACE);
}

describe("settings from a config file", () => {
  it("takes endpoint, project, token and aliases from a profile, found from the working directory", async () => {
    await configFile(
      ".codeartsrc",
      [
        "defaultProfile: sim",
        "profiles:",
        "  sim:",
        `    endpoint: ${sim.url}`,
        `    projectId: ${sim.projectId}`,
        `    token: ${sim.token}`,
        "    pipelines:",
        `      frontend: ${idOf("web")}`,
      ].join("\n"),
    );
    const result = await runCommand(["status", "frontend", "--json"], {}, { cwd: dir });
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout).pipeline_id).toBe(idOf("web"));
  });

  it("explains every effective value's source in `config show`, never showing the token", async () => {
    const result = await runCommand(["config", "show"], { CODEARTS_PROJECT_ID: sim.projectId }, { cwd: dir });
    expect(result.code).toBe(0);
    const file = path.join(dir, ".codeartsrc");
    expect(result.stdout).toMatch(new RegExp(`config file\\s+${file}`));
    expect(result.stdout).toMatch(new RegExp(`profile\\s+sim\\s+${file}: defaultProfile`));
    expect(result.stdout).toMatch(new RegExp(`endpoint\\s+${sim.url}/\\s+${file}: profiles.sim.endpoint`));
    expect(result.stdout).toMatch(/project id\s+[0-9a-f]{32}\s+CODEARTS_PROJECT_ID/);
    expect(result.stdout).toMatch(new RegExp(`token\\s+<redacted>\\s+${file}: profiles.sim.token`));
    expect(result.stdout).toMatch(/output\s+table\s+default/);
    expect(result.stdout).not.toContain(sim.token);

    const json = await runCommand(["config", "show", "--json"], {}, { cwd: dir });
    const parsed = JSON.parse(json.stdout);
    expect(parsed.credentials).toEqual({
      kind: "token",
      token: { value: "<redacted>", source: `${file}: profiles.sim.token` },
    });
    expect(json.stdout).not.toContain(sim.token);
  });

  it("warns on stderr when the file holding the token can be read by others", async () => {
    const open = await configFile(
      "open.yaml",
      `endpoint: ${sim.url}\nprojectId: ${sim.projectId}\ntoken: ${sim.token}\n`,
      0o644,
    );
    const result = await runCommand(["--config", open, "status", idOf("web")]);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe(
      `warning: config file ${open} holds a secret and other users can read it; run: chmod 600 ${open}\n`,
    );
  });

  it("rejects an invalid file with its path and the key, exit 2", async () => {
    const bad = await configFile("bad.yaml", "region: cn-north-4\nprojects: {}\n");
    const result = await runCommand(["status", idOf("web"), "--config", bad]);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      `error: config file ${bad}: projects is not a known key; did you mean projectId?\nhint: fix the key (see .codeartsrc.example for every key), or name another file with --config\n`,
    );
  });
});

describe("pipelines by name", () => {
  const env = () => ({
    CODEARTS_ENDPOINT: sim.url,
    CODEARTS_PROJECT_ID: sim.projectId,
    CODEARTS_TOKEN: sim.token,
  });

  it("looks a pipeline up by its name when it is neither an id nor an alias", async () => {
    const result = await runCommand(["status", "api", "--json"], env());
    expect(result.code).toBe(1);
    expect(JSON.parse(result.stdout).pipeline_id).toBe(idOf("api"));
  });

  it("says not found (exit 4) with the closest names", async () => {
    const result = await runCommand(["status", "wbe"], env());
    expect(result.code).toBe(4);
    expect(result.stderr).toMatch(
      /^error: no pipeline named "wbe" in project [0-9a-f]{32}\nhint: closest names: "web"/,
    );
    expectNoTrace(result);
  });

  it("refuses a reference that cannot be an id, alias or name before any request", async () => {
    const before = sim.stats().requests;
    const result = await runCommand(["status", "web/../../x"], env());
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(
      /^error: "web\/..\/..\/x" is not a pipeline id, alias or name\nhint: .*32 letters or digits/,
    );
    expect(sim.stats().requests).toBe(before);
  });
});

describe("credentials on standard input and auth check", () => {
  const env = () => ({ CODEARTS_ENDPOINT: sim.url, CODEARTS_PROJECT_ID: sim.projectId });

  it("reads a token from --token-stdin", async () => {
    const result = await runCommand(["status", idOf("web"), "--token-stdin", "--json"], env(), {
      input: `${sim.token}\n`,
    });
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
  });

  it("refuses an empty --token-stdin", async () => {
    const result = await runCommand(["status", idOf("web"), "--token-stdin"], env(), { input: "" });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/--token-stdin: standard input was empty/);
  });

  it("auth check names the method that worked", async () => {
    const result = await runCommand(["auth", "check"], { ...env(), CODEARTS_TOKEN: sim.token });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^ok: IAM token from CODEARTS_TOKEN\n/);
    expect(result.stdout).toMatch(/pipelines? visible/);
    expect(result.stdout).not.toContain(sim.token);
  });

  it("auth check says why not, exit 3", async () => {
    const result = await runCommand(["auth", "check"], { ...env(), CODEARTS_TOKEN: "expired-token-value" });
    expect(result.code).toBe(3);
    expect(result.stderr).toMatch(/refused the credentials/);
    expect(result.stderr).not.toContain("expired-token-value");
  });
});
