import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type SimCli, simCli } from "./sim-cli.js";

/**
 * The one output model, in-process against the simulator: every command that prints a view takes
 * the same -o/--output and --json, honours `output` from the config file, and refuses choices that
 * contradict each other with exit 2, naming both flags.
 */

let cli: SimCli;
let plain: string;
let jsonConfigured: string;
let markdownConfigured: string;

async function configDir(config: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "codearts-output-"));
  await writeFile(join(dir, ".codeartsrc"), config, { mode: 0o600 });
  return dir;
}

beforeAll(async () => {
  cli = await simCli();
  plain = await mkdtemp(join(tmpdir(), "codearts-output-"));
  jsonConfigured = await configDir("output: json\n");
  markdownConfigured = await configDir("output: markdown\n");
});
afterAll(async () => {
  await cli.close();
  for (const dir of [plain, jsonConfigured, markdownConfigured])
    await rm(dir, { recursive: true, force: true });
});

const run = (args: string[], cwd = plain) => cli.run(args, { overrides: { cwd } });

/** The JSON printed on stdout, or a failure naming what was printed instead. */
function parsed(stdout: string): unknown {
  try {
    return JSON.parse(stdout);
  } catch {
    throw new Error(`stdout is not JSON:\n${stdout}`);
  }
}

describe("-o json and --json mean the same for every view", () => {
  it.each([[["status", "web"]], [["status", "web", "api"]], [["runs", "web"]], [["config", "show"]]])(
    "%j",
    async (args) => {
      const long = await run([...args, "--output", "json"]);
      const short = await run([...args, "--json"]);
      expect(long.stderr).toBe("");
      expect(parsed(long.stdout)).toEqual(parsed(short.stdout));
      expect(short.code).toBe(long.code);
    },
  );
});

describe("output: json in the config file", () => {
  it.each([
    ["one run", ["status", "web"], (value: unknown) => expect(value).toHaveProperty("stages")],
    ["several pipelines", ["status", "web", "api"], (value: unknown) => expect(value).toHaveLength(2)],
    ["run history", ["runs", "web"], (value: unknown) => expect(Array.isArray(value)).toBe(true)],
    [
      "the settings",
      ["config", "show"],
      (value: unknown) => expect(value).toHaveProperty("output.value", "json"),
    ],
  ])("is honoured for %s", async (_view, args, check) => {
    const result = await run(args as string[], jsonConfigured);
    check(parsed(result.stdout));
  });

  it("gives way to -o on the command line", async () => {
    const result = await run(["runs", "web", "-o", "table"], jsonConfigured);
    expect(result.stdout).not.toMatch(/^\[/);
    expect(result.stdout).toMatch(/COMPLETED/);
  });

  it("does not put a URL before the JSON with --web: --web prints only the address", async () => {
    const result = await run(["status", "web", "--web"], jsonConfigured);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^https?:\/\/\S+\n$/);
  });

  it("falls back to the table where the view has no such format (junit for a run list)", async () => {
    const dir = await configDir("output: junit\n");
    const result = await run(["runs", "web"], dir);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/COMPLETED/);
    expect(result.stdout).not.toMatch(/<testsuite/);
    await rm(dir, { recursive: true, force: true });
  });
});

describe("markdown", () => {
  it("prints one pipeline's runs as a markdown table with their ids", async () => {
    const result = await run(["runs", "web", "-o", "markdown"]);
    expect(result.code).toBe(0);
    const lines = result.stdout.trimEnd().split("\n");
    expect(lines[0]).toBe("| Run id | Status | Run | Branch | Started | Duration |");
    expect(
      lines.slice(2).every((line) => /^\| [0-9a-f]{32} \| . (COMPLETED|FAILED) \| #\d+ \|/.test(line)),
    ).toBe(true);
    expect(lines).toHaveLength(5);
  });

  it("prints several pipelines as one markdown table, and from the config file too", async () => {
    const flagged = await run(["status", "web", "api", "-o", "markdown"]);
    const configured = await run(["status", "web", "api"], markdownConfigured);
    expect(flagged.stdout.split("\n")[0]).toBe("| Pipeline | Status | Run | Branch | Started | Duration |");
    expect(flagged.stdout).toMatch(/\n\| web \|/);
    expect(flagged.stdout).toMatch(/\n\| api \|/);
    expect(configured.stdout).toBe(flagged.stdout);
    expect(configured.code).toBe(flagged.code);
  });

  it("honours --compact and --no-steps for one run", async () => {
    const full = await run(["status", "api", "-o", "markdown"]);
    const compact = await run(["status", "api", "-o", "markdown", "--compact"]);
    const noSteps = await run(["status", "api", "-o", "markdown", "--no-steps"]);
    const rows = (text: string) => text.split("\n").filter((line) => /^\| \S/.test(line)).length;
    expect(full.code).toBe(1);
    expect(rows(compact.stdout)).toBeLessThan(rows(full.stdout));
    expect(rows(noSteps.stdout)).toBeLessThan(rows(full.stdout));
    expect(compact.stdout).toMatch(/FAILED/);
    expect(noSteps.stdout).not.toMatch(/Run tests/);
    expect(full.stdout).toMatch(/Run tests/);
  });
});

describe("choices that contradict each other are refused with exit 2, naming both", () => {
  it.each([
    [["status", "web", "--web", "--json"], "--web cannot be combined with --json"],
    [["status", "web", "--web", "-o", "markdown"], "--web cannot be combined with --output markdown"],
    [["status", "web", "--json", "-o", "markdown"], "--json cannot be combined with --output markdown"],
    [["runs", "web", "--json", "-o", "table"], "--json cannot be combined with --output table"],
    [["status", "web", "--json-lines"], "--json-lines only applies to a watch\nhint: add --watch"],
    [["status", "web", "--watch", "--json-lines", "--json"], "--json-lines cannot be combined with --json"],
    [
      ["runs", "web", "-o", "junit"],
      "option '-o, --output <format>' argument 'junit' is invalid. Allowed choices are table, json, markdown.",
    ],
    [
      ["status", "web", "api", "-o", "junit"],
      "--output junit is not a format several pipelines can be printed in",
    ],
    [
      ["config", "show", "-o", "markdown"],
      "option '-o, --output <format>' argument 'markdown' is invalid. Allowed choices are table, json.",
    ],
  ])("%j", async (args, message) => {
    const before = cli.sim.stats().requests;
    const result = await run(args);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr).toContain(`error: ${message}`);
    expect(cli.sim.stats().requests).toBe(before);
  });
});

describe("--iam-project", () => {
  it("sets the IAM project id, above the environment, as one more setting", async () => {
    const id = "0123456789abcdef0123456789abcdef";
    const result = await cli.run(["config", "show", "--json", "--iam-project", id], {
      env: { CODEARTS_IAM_PROJECT_ID: "fedcba9876543210fedcba9876543210" },
      overrides: { cwd: plain },
    });
    expect(parsed(result.stdout)).toHaveProperty("iamProjectId", { value: id, source: "--iam-project" });
  });
});
