import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SETTINGS, type SettingRow } from "../../src/config/setting-table.js";
import { runInProcess } from "../helpers/run-cli.js";

/**
 * `config show` is made from the settings table: every row of the table is a row of its output,
 * table and JSON, with the value (redacted when secret) and where it came from. Credentials are
 * shown for the method in use, so each method is tried.
 */

const SAMPLE: Readonly<Record<string, string | number>> = {
  region: "cn-north-4",
  projectId: "54f90b75fc1447b1b65e8d3a9f77923d",
  endpoint: "https://pipeline.example.test/",
  iamEndpoint: "https://iam.example.test/",
  iamProjectId: "0123456789abcdef0123456789abcdef",
  token: "token-secret-value",
  ak: "AKEXAMPLEKEY",
  sk: "sk-secret-value",
  securityToken: "security-token-secret",
  domain: "example-domain",
  username: "example-user",
  password: "password-secret-value",
  output: "table",
  requestTimeout: 12,
  defaultProfile: "ci",
};

const METHODS = ["token", "aksk", "password"] as const;
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "codearts-show-rows-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

function shown(row: SettingRow): string {
  const value = SAMPLE[row.key] as string | number;
  if (row.secret) return "<redacted>";
  if (row.masked) return `${String(value).slice(0, 4)}…`;
  return row.unit ? `${value} ${row.unit}` : String(value);
}

/** A config file setting every row of the table: the plain ones and the credentials of `method`. */
async function configFor(method: (typeof METHODS)[number]): Promise<{ file: string; rows: SettingRow[] }> {
  const rows = SETTINGS.filter((row) => row.resolution !== "credential" || row.method === method);
  const lines = rows.map((row) => `${row.key}: ${JSON.stringify(SAMPLE[row.key])}`);
  const cwd = await mkdtemp(path.join(dir, `${method}-`));
  const file = path.join(cwd, ".codeartsrc");
  await writeFile(file, `${lines.join("\n")}\nprofiles:\n  ci: {}\n`, { mode: 0o600 });
  return { file, rows };
}

function show(args: string[], file: string) {
  return runInProcess(["config", "show", ...args], { cwd: path.dirname(file), env: {} });
}

describe("config show: one row per row of the settings table", () => {
  it("has a row in SAMPLE for every table row (a new row needs a sample here)", () => {
    expect(Object.keys(SAMPLE).sort()).toEqual(SETTINGS.map((row) => row.key).sort());
  });

  it.each(METHODS)("shows every row as a table, with %s credentials", async (method) => {
    const { file, rows } = await configFor(method);
    const result = await show([], file);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe("");
    for (const row of rows) {
      const line = result.stdout.split("\n").find((candidate) => candidate.startsWith(`${row.label}  `));
      expect(line, row.key).toBeDefined();
      expect(line?.split(/\s{2,}/).slice(1), row.key).toEqual([shown(row), `${file}: ${row.key}`]);
    }
    for (const row of SETTINGS.filter((candidate) => candidate.secret)) {
      expect(result.stdout).not.toContain(String(SAMPLE[row.key]));
    }
  });

  it.each(METHODS)("shows every row in --json, with %s credentials", async (method) => {
    const { file, rows } = await configFor(method);
    const result = await show(["--json"], file);
    expect(result.code).toBe(0);
    const parsed = JSON.parse(result.stdout);
    for (const row of rows) {
      const entry =
        row.resolution === "credential" ? parsed.credentials[row.key] : parsed[row.jsonKey ?? row.key];
      // --json is the output flag, so that one row comes from it.
      expect(entry, row.key).toEqual(
        row.key === "output"
          ? { value: "json", source: "--output" }
          : { value: row.secret || row.masked ? shown(row) : SAMPLE[row.key], source: `${file}: ${row.key}` },
      );
    }
    expect(parsed.credentials.kind).toBe(method);
    for (const row of SETTINGS.filter((candidate) => candidate.secret)) {
      expect(result.stdout).not.toContain(String(SAMPLE[row.key]));
    }
  });
});
