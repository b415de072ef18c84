import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { Terminal } from "@xterm/headless";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Env } from "../../src/core/context.js";
import { ExitCode } from "../../src/core/exit-codes.js";
import { runConfigShow } from "../../src/handlers/config-show.js";
import { testContext } from "../helpers/context.js";

const WEB = "e5460d1d403146a1935c2d4b68ef506c";
const PROJECT = "54f90b75fc1447b1b65e8d3a9f77923d";
let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "codearts-config-show-"));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function show(config: string, env: Env = {}, flags: { profile?: string; json?: boolean } = {}) {
  await writeFile(path.join(dir, ".codeartsrc"), config, { mode: 0o600 });
  const { ctx, stdout, stderr } = testContext({ cwd: dir, env });
  const { json, ...rest } = flags;
  const code = await runConfigShow(
    { debug: false, ...rest, ...(json ? { output: "json" as const } : {}) },
    ctx,
  );
  return { code, stdout: stdout(), stderr: stderr() };
}

/** The lines that follow the row of `setting` and are indented under it (its problems). */
function under(stdout: string, setting: string): string[] {
  const lines = stdout.split("\n");
  const start = lines.findIndex((line) => line.startsWith(`${setting} `));
  expect(start).toBeGreaterThanOrEqual(0);
  const rest = lines.slice(start + 1);
  const end = rest.findIndex((line) => !line.startsWith(" "));
  return rest.slice(0, end === -1 ? rest.length : end).map((line) => line.trim());
}

describe("config show with a setting that cannot be used", () => {
  it("shows a wrong region with its problem and every other row, exit 0", async () => {
    const result = await show(`region: cn-nort-4\nprojectId: ${PROJECT}\n`, {
      CODEARTS_TOKEN: "secret-token",
    });
    expect(result.code).toBe(ExitCode.Ok);
    expect(result.stdout).toMatch(/^region\s+cn-nort-4\s+\S+\.codeartsrc: region$/m);
    expect(under(result.stdout, "region")[0]).toBe(
      'problem: unknown region "cn-nort-4"; did you mean cn-north-4?',
    );
    expect(result.stdout).toMatch(new RegExp(`^project id\\s+${PROJECT}\\s`, "m"));
    expect(result.stdout).toMatch(/^token\s+<redacted>\s+CODEARTS_TOKEN$/m);
    expect(result.stdout).not.toContain("secret-token");
  });

  it("names an unknown key under the config file's row with a suggestion, and still uses the rest", async () => {
    const result = await show(`regoin: cn-north-4\nprojectId: ${PROJECT}\noutput: xml\n`);
    expect(result.code).toBe(ExitCode.Ok);
    expect(under(result.stdout, "config file")[0]).toMatch(
      /^problem: config file .*: regoin is not a known key; did you mean region\?$/,
    );
    expect(result.stdout).toMatch(new RegExp(`^project id\\s+${PROJECT}\\s`, "m"));
    // A key the file has but with a wrong value goes under that setting's row.
    expect(under(result.stdout, "output")[0]).toMatch(
      /: output must be table, json, markdown, junit, not string "xml"$/,
    );
    expect(result.stdout).toMatch(/^output\s+table\s+default$/m);
  });

  it("shows a wrong project id and pipeline id as given, each with its problem", async () => {
    const result = await show(`projectId: abc\npipelines:\n  web: nope\n  api: ${WEB}\n`);
    expect(result.code).toBe(ExitCode.Ok);
    expect(result.stdout).toMatch(/^project id\s+abc\s/m);
    expect(under(result.stdout, "project id")[0]).toMatch(/^problem: invalid project id "abc"/);
    expect(result.stdout).toMatch(/^pipeline alias web\s+nope\s/m);
    expect(under(result.stdout, "pipeline alias web")[0]).toMatch(
      /^problem: invalid pipeline id for alias "web"/,
    );
    expect(under(result.stdout, "pipeline alias api")).toEqual([]);
  });

  it("shows an unreadable file as a problem instead of exiting 2", async () => {
    const result = await show("region: [unclosed\n", { CODEARTS_REGION: "cn-north-4" });
    expect(result.code).toBe(ExitCode.Ok);
    expect(result.stdout).toMatch(/^config file\s+\(not read\)$/m);
    expect(under(result.stdout, "config file")[0]).toMatch(
      /^problem: could not read config file .*\.codeartsrc/,
    );
    expect(result.stdout).toMatch(/^region\s+cn-north-4\s+CODEARTS_REGION$/m);
  });

  it("reports the problems in --json too", async () => {
    const result = await show("region: cn-nort-4\nregoin: x\n", {}, { json: true });
    expect(result.code).toBe(ExitCode.Ok);
    const parsed = JSON.parse(result.stdout);
    expect(parsed.region).toEqual({ value: "cn-nort-4", source: expect.stringMatching(/region$/) });
    expect(parsed.problems).toEqual([
      {
        setting: "regoin",
        message: expect.stringMatching(/did you mean region\?$/),
        hint: expect.any(String),
      },
      {
        setting: "region",
        message: expect.stringMatching(/did you mean cn-north-4\?$/),
        hint: expect.any(String),
      },
    ]);
  });
});

describe("config show: profiles", () => {
  const config = "profiles:\n  ci: { region: cn-north-4 }\n  prod: { region: ap-southeast-3 }\n";

  it("lists the profiles that exist", async () => {
    const result = await show(config, {}, { profile: "prod" });
    expect(result.stdout).toMatch(/^profiles\s+ci, prod$/m);
    expect(result.stdout).toMatch(/^profile\s+prod\s+--profile$/m);
    expect(result.stdout).toMatch(/^region\s+ap-southeast-3\s/m);
    expect(JSON.parse((await show(config, {}, { json: true })).stdout).profiles).toEqual(["ci", "prod"]);
  });

  it("shows an unknown profile with a suggestion instead of exiting 2", async () => {
    const result = await show(config, {}, { profile: "pord" });
    expect(result.code).toBe(ExitCode.Ok);
    expect(under(result.stdout, "profile")).toEqual([
      expect.stringMatching(/^problem: profile "pord" \(--profile\) is not in .*; did you mean prod\?$/),
      "hint: known profiles: ci, prod",
    ]);
    expect(result.stdout).toMatch(/^region\s+\(not set\)$/m);
  });
});

describe("config show: alignment", () => {
  /** What a terminal shows: the column where `text` starts on each row holding it. */
  async function columnsOf(output: string, text: string): Promise<number[]> {
    const terminal = new Terminal({ cols: 160, rows: 40, allowProposedApi: true });
    await new Promise<void>((resolve) => terminal.write(output.replaceAll("\n", "\r\n"), resolve));
    const columns: number[] = [];
    const buffer = terminal.buffer.active;
    for (let y = 0; y < buffer.length; y++) {
      const line = buffer.getLine(y);
      if (!line) continue;
      let cells = "";
      const starts: number[] = [];
      for (let x = 0; x < terminal.cols; x++) {
        const chars = line.getCell(x)?.getChars() ?? "";
        for (const _ of chars) starts.push(x);
        cells += chars;
      }
      const at = cells.indexOf(text);
      if (at !== -1) columns.push(starts[at] as number);
    }
    terminal.dispose();
    return columns;
  }

  it("keeps ids and sources in one column when an alias has wide characters", async () => {
    const result = await show(`pipelines:\n  网站: ${WEB}\n  web: ${WEB}\n  🚀: ${WEB}\n`);
    const idColumns = await columnsOf(result.stdout, WEB);
    expect(idColumns).toHaveLength(3);
    expect(new Set(idColumns).size).toBe(1);
    expect(new Set(await columnsOf(result.stdout, ".codeartsrc: pipelines.")).size).toBe(1);
  });
});
