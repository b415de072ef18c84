import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { SettingRow } from "../../src/config/setting-table.js";
import { runInProcess } from "../helpers/run-cli.js";

/**
 * Adding a setting is one row of the settings table: with one more row (and nothing else), the
 * config file accepts its key, the environment sets it, `--help` lists its flag and variable, and
 * `config show` lists it, table and JSON, redacted when secret.
 */

const EXTRA = vi.hoisted(
  (): SettingRow => ({
    key: "colourTheme",
    label: "colour theme",
    resolution: "plain",
    default: "dark",
    flag: "--colour-theme <name>",
    env: ["CODEARTS_COLOUR_THEME"],
    check: (v) => (typeof v === "string" && v !== "" ? undefined : "a non-empty string"),
    secret: false,
    description: "colours of the tables",
  }),
);
const SECRET = vi.hoisted(
  (): SettingRow => ({
    key: "webhookSecret",
    label: "webhook secret",
    resolution: "plain",
    env: ["CODEARTS_WEBHOOK_SECRET"],
    check: (v) => (typeof v === "string" && v !== "" ? undefined : "a non-empty string"),
    secret: true,
    description: "signs the webhook calls",
  }),
);

vi.mock("../../src/config/setting-table.js", async (importOriginal) => {
  const original = await importOriginal<typeof import("../../src/config/setting-table.js")>();
  const SETTINGS = [...original.SETTINGS, EXTRA, SECRET];
  return { ...original, SETTINGS, settingRow: (key: string) => SETTINGS.find((row) => row.key === key) };
});

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "codearts-setting-added-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("a setting added as one row of the table", () => {
  it("is a flag and an environment variable in --help", async () => {
    const result = await runInProcess(["--help"], { env: {} });
    // commander wraps the flag's help to the terminal's width.
    expect(result.stdout.replace(/\s+/g, " ")).toContain(
      "--colour-theme <name> colours of the tables (default: CODEARTS_COLOUR_THEME)",
    );
    expect(result.stdout).toMatch(/^ {2}CODEARTS_COLOUR_THEME\s+colours of the tables$/m);
    expect(result.stdout).toMatch(/^ {2}CODEARTS_WEBHOOK_SECRET\s+signs the webhook calls \(secret\)$/m);
  });

  it("is read from the config file and the environment, and shown by config show", async () => {
    await writeFile(path.join(dir, ".codeartsrc"), "colourTheme: light\nwebhookSecret: s3cr3t-hook\n", {
      mode: 0o600,
    });
    const fromFile = await runInProcess(["config", "show"], { cwd: dir, env: {} });
    expect(fromFile.code).toBe(0);
    expect(fromFile.stdout).toMatch(/^colour theme\s+light\s+\S+\.codeartsrc: colourTheme$/m);
    expect(fromFile.stdout).toMatch(/^webhook secret\s+<redacted>\s+\S+\.codeartsrc: webhookSecret$/m);
    expect(fromFile.stdout).not.toContain("s3cr3t-hook");

    const fromEnv = await runInProcess(["config", "show", "--json"], {
      cwd: dir,
      env: { CODEARTS_COLOUR_THEME: "mono" },
    });
    const parsed = JSON.parse(fromEnv.stdout);
    expect(parsed.colourTheme).toEqual({ value: "mono", source: "CODEARTS_COLOUR_THEME" });
    expect(parsed.webhookSecret).toEqual({
      value: "<redacted>",
      source: expect.stringMatching(/webhookSecret$/),
    });
    expect(parsed.problems).toEqual([]);
  });

  it("is read from its flag", async () => {
    const result = await runInProcess(["config", "show", "--colour-theme", "high"], {
      cwd: tmpdir(),
      env: {},
    });
    expect(result.stdout).toMatch(/^colour theme\s+high\s+--colour-theme$/m);
  });

  it("has its default when nothing sets it", async () => {
    const result = await runInProcess(["config", "show"], { cwd: tmpdir(), env: {} });
    expect(result.stdout).toMatch(/^colour theme\s+dark\s+default$/m);
  });
});
