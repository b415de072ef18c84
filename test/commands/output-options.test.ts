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
/** Folders whose .codeartsrc sets `output`: json, markdown. */
const configured: Record<string, string> = {};

async function configDir(config: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "codearts-output-"));
  await writeFile(join(dir, ".codeartsrc"), config, { mode: 0o600 });
  return dir;
}

beforeAll(async () => {
  cli = await simCli();
  plain = await mkdtemp(join(tmpdir(), "codearts-output-"));
  for (const format of ["json", "markdown"]) configured[format] = await configDir(`output: ${format}\n`);
});
afterAll(async () => {
  await cli.close();
  for (const dir of [plain, ...Object.values(configured)]) await rm(dir, { recursive: true, force: true });
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
    const result = await run(args as string[], configured.json);
    check(parsed(result.stdout));
  });

  it("gives way to -o on the command line", async () => {
    const result = await run(["runs", "web", "-o", "table"], configured.json);
    expect(result.stdout).not.toMatch(/^\[/);
    expect(result.stdout).toMatch(/COMPLETED/);
  });

  it("does not put a URL before the JSON with --web: --web prints only the address", async () => {
    const result = await run(["status", "web", "--web"], configured.json);
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
    const fromConfig = await run(["status", "web", "api"], configured.markdown);
    expect(flagged.stdout.split("\n")[0]).toBe("| Pipeline | Status | Run | Branch | Started | Duration |");
    expect(flagged.stdout).toMatch(/\n\| web \|/);
    expect(flagged.stdout).toMatch(/\n\| api \|/);
    expect(fromConfig.stdout).toBe(flagged.stdout);
    expect(fromConfig.code).toBe(flagged.code);
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

/*
 * The output model reaches every view: `logs` and `auth check` speak JSON, `run`/`stop --watch`
 * shape the run as `status` does, `stop` prints the stop as JSON, and each command's help offers
 * only the formats its views speak.
 */

describe("logs", () => {
  it("--json prints one array: stage, job, step, status, id and the log of each step printed", async () => {
    const result = await run(["logs", "api", "--json"]);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe("");
    const steps = parsed(result.stdout) as Array<Record<string, unknown>>;
    expect(steps.length).toBeGreaterThan(0);
    for (const step of steps) {
      expect(Object.keys(step)).toEqual(["stage", "job", "step", "status", "step_run_id", "log"]);
      expect(step.status).toBe("FAILED");
      expect(step.step_run_id).toMatch(/^[0-9a-f]{32}$/);
      expect(typeof step.log).toBe("string");
    }
    const text = await run(["logs", "api"]);
    // The text prints the same steps' logs: each JSON log's last line is in it.
    for (const step of steps) {
      const last = String(step.log).trimEnd().split("\n").at(-1) as string;
      expect(text.stdout).toContain(last);
      expect(text.stdout).toContain(String(step.step));
    }
  });

  it("-o json is --json, and output: json in the config is honoured", async () => {
    const flagged = await run(["logs", "api", "--json"]);
    expect((await run(["logs", "api", "-o", "json"])).stdout).toBe(flagged.stdout);
    expect((await run(["logs", "api"], configured.json)).stdout).toBe(flagged.stdout);
  });

  it("a configured markdown falls back to the text; -o text gives way to a configured json", async () => {
    const text = await run(["logs", "api"]);
    expect(text.stdout).not.toMatch(/^\[/);
    expect((await run(["logs", "api"], configured.markdown)).stdout).toBe(text.stdout);
    expect((await run(["logs", "api", "-o", "text"], configured.json)).stdout).toBe(text.stdout);
  });

  it("prints an empty array, and says why on stderr, when no step has a log to show", async () => {
    const result = await run(["logs", "web", "--failed", "--json"]);
    expect(result.code).toBe(0);
    expect(parsed(result.stdout)).toEqual([]);
    expect(result.stderr).toMatch(/^no job step of run #\d+ failed\n$/);
  });
});

describe("auth check", () => {
  it("--json says which method and project worked, and never the token", async () => {
    const result = await run(["auth", "check", "--json"]);
    expect(result.code).toBe(0);
    expect(parsed(result.stdout)).toEqual({
      ok: true,
      method: "token",
      identity: "IAM token from CODEARTS_TOKEN",
      endpoint: new URL(cli.sim.url).origin,
      project_id: cli.sim.projectId,
      pipelines: expect.any(Number),
    });
    expect(result.stdout).not.toContain(cli.sim.token);
    expect((await run(["auth", "check", "-o", "json"])).stdout).toBe(result.stdout);
    expect((await run(["auth", "check"], configured.json)).stdout).toBe(result.stdout);
  });

  it("prints its lines by default and under a configured markdown", async () => {
    const result = await run(["auth", "check"], configured.markdown);
    expect(result.stdout).toMatch(/^ok: IAM token from CODEARTS_TOKEN\n/);
  });
});

describe("run and stop --watch shape the run as status does", () => {
  it("run --watch --no-steps hides the steps; --compact shows less than the full tree", async () => {
    const full = await run(["run", "api", "--watch", "-o", "markdown"]);
    const noSteps = await run(["run", "api", "--watch", "-o", "markdown", "--no-steps"]);
    const compact = await run(["run", "api", "--watch", "-o", "markdown", "--compact"]);
    const rows = (text: string) => text.split("\n").filter((line) => /^\| \S/.test(line)).length;
    expect(full.code).toBe(1);
    expect(full.stdout).toMatch(/Run tests/);
    expect(noSteps.stdout).not.toMatch(/Run tests/);
    expect(rows(compact.stdout)).toBeLessThan(rows(full.stdout));
    expect(compact.stdout).toMatch(/FAILED/);
  });

  it("stop --watch --no-steps hides the steps of the run it follows", async () => {
    const { pipeline_run_id: id } = parsed((await run(["run", "api", "--json"])).stdout) as {
      pipeline_run_id: string;
    };
    const result = await run([
      "stop",
      "api",
      "--run",
      id,
      "--yes",
      "--watch",
      "-o",
      "markdown",
      "--no-steps",
    ]);
    expect(result.code).toBe(6);
    expect(result.stdout).toMatch(/CANCELED/);
    expect(result.stdout).not.toMatch(/Run tests/);
  });

  it.each([[["run", "web", "--compact"]], [["stop", "web", "--yes", "--compact"]]])(
    "%j without --watch is refused: there is no run to shape",
    async (args) => {
      const result = await run(args);
      expect(result.code).toBe(2);
      expect(result.stderr).toBe("error: --compact only applies to a watch\nhint: add --watch\n");
    },
  );
});

describe("stop without --watch", () => {
  it("--json prints the stopped run's id", async () => {
    const { pipeline_run_id: id } = parsed((await run(["run", "web", "--json"])).stdout) as {
      pipeline_run_id: string;
    };
    const result = await run(["stop", "web", "--run", id, "--yes", "--json"]);
    expect(result.code).toBe(0);
    expect(parsed(result.stdout)).toEqual({ pipeline_run_id: id, stopped: true });
    expect(result.stderr).toMatch(/Asked CodeArts to stop web #\d+/);
    expect(cli.sim.latestRunStatus("web")).toBe("CANCELED");
  });

  it("prints stopped: false for a run that had already ended; the configured json applies", async () => {
    const id = cli.sim.pipeline("api").latestRunId ?? "";
    const result = await run(["stop", "api", "--run", id, "--yes"], configured.json);
    expect(result.code).toBe(0);
    expect(parsed(result.stdout)).toEqual({ pipeline_run_id: id, stopped: false });
  });

  it("prints nothing on stdout without --json", async () => {
    const id = cli.sim.pipeline("api").latestRunId ?? "";
    const result = await run(["stop", "api", "--run", id, "--yes"]);
    expect(result.stdout).toBe("");
    expect(result.stderr).toMatch(/nothing to stop/);
  });
});

describe("choices that contradict each other are refused with exit 2, naming both (formats and watch)", () => {
  it.each([
    [["status", "api", "-o", "junit", "--compact"], "--compact cannot be combined with --output junit"],
    [["status", "api", "-o", "junit", "--no-steps"], "--no-steps cannot be combined with --output junit"],
    [["status", "web", "--watch", "--json-lines", "--quiet"], "--json-lines cannot be combined with --quiet"],
    [["run", "web", "--watch", "--json-lines", "--quiet"], "--json-lines cannot be combined with --quiet"],
  ])("%j", async (args, message) => {
    const before = cli.sim.stats().requests;
    const result = await run(args);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr).toContain(`error: ${message}`);
    expect(cli.sim.stats().requests).toBe(before);
  });
});

describe("--help offers each view's own formats", () => {
  const outputLine = async (args: string[]) => {
    const help = (await run([...args, "--help"])).stdout.replace(/\n\s{10,}/g, " ");
    return help.split("\n").find((line) => line.includes("--output <format>")) ?? "";
  };

  it.each([
    [["status"], "table, json, markdown, junit"],
    [["runs"], "table, json, markdown"],
    [["logs"], "text, json"],
    [["auth", "check"], "text, json"],
    [["config", "show"], "table, json"],
    [["simulate"], "table, json"],
  ])("%j", async (args, formats) => {
    const choices = formats
      .split(", ")
      .map((format) => `"${format}"`)
      .join(", ");
    expect(await outputLine(args)).toContain(`(default: ${formats.split(",")[0]}`);
    expect(await outputLine(args)).toContain(`(choices: ${choices})`);
  });

  it("simulate does not claim to read `output` from the config", async () => {
    expect(await outputLine(["simulate"])).not.toMatch(/config/);
    expect(await outputLine(["runs"])).toMatch(/`output` in the config/);
  });

  it("commander refuses a format the view does not speak, naming the choices", async () => {
    const result = await run(["logs", "api", "-o", "markdown"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/'markdown' is invalid\. Allowed choices are text, json/);
  });
});
