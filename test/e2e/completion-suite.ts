import { spawnSync } from "node:child_process";
import { mkdtemp, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { OUTPUT_FORMATS } from "../../src/config/schema.js";
import { runBinary } from "./cli.js";
import { type Completer, type CompletionShell, completerFor, shellInstalled } from "./shell-completion.js";

/**
 * The completion tests' project (a config with aliases and profiles, and a JavaScript config that
 * must never run) and the lines every shell must complete. One test file per shell, so the three
 * shells are tested side by side.
 */

const ALIASES =
  "pipelines:\n  web: e5460d1d403146a1935c2d4b68ef506c\n  api-prod: 0123456789abcdef0123456789abcdef\n";

const OTHER = "pipelines:\n  other-alias: e5460d1d403146a1935c2d4b68ef506c\nprofiles:\n  staging: {}\n";
const PROFILES =
  "profiles:\n  ci:\n    pipelines:\n      ci-only: 0123456789abcdef0123456789abcdee\n  prod: {}\n";
const COMMANDS = [
  "auth",
  "completion",
  "config",
  "demo",
  "logs",
  "run",
  "runs",
  "simulate",
  "status",
  "stop",
];
export const CI = process.env.CI === "true";

let project: string;

/** Makes the project for the calling test file's suites, and removes it after them. */
export function useCompletionProject(): () => string {
  beforeAll(async () => {
    project = await mkdtemp(join(tmpdir(), "codearts-run-completion-"));
    await writeFile(join(project, ".codeartsrc"), `${ALIASES}${PROFILES}`);
    await writeFile(join(project, "other.yaml"), OTHER);
    // A JavaScript config that leaves a mark if it is ever run: completion must never run it.
    await writeFile(
      join(project, "evil.cjs"),
      `require("node:fs").writeFileSync(${JSON.stringify(join(project, "evil-ran"))}, "x"); module.exports = { pipelines: { evil: "e5460d1d403146a1935c2d4b68ef506c" } };`,
    );
  });
  afterAll(async () => {
    await rm(project, { recursive: true, force: true });
  });
  return () => project;
}

/** Runs `script` in `shell` from the project directory, with PATH only. */
export function shellRun(shell: string, args: string[], input?: string) {
  return spawnSync(shell, args, {
    cwd: project,
    env: { PATH: process.env.PATH ?? "" },
    input,
    encoding: "utf8",
  });
}

export async function script(shell: string): Promise<string> {
  const result = await runBinary(["completion", shell]);
  expect(result.code).toBe(0);
  expect(result.stderr).toBe("");
  return result.stdout;
}

/** Each line (Tab pressed at its end) and what every shell must offer, sorted. */
const CASES: ReadonlyArray<[line: string, expected: string[]]> = [
  ["codearts-run ", COMMANDS],
  ["codearts-run ru", ["run", "runs"]],
  ["codearts-run run web --br", ["--branch"]],
  ["codearts-run config ", ["show"]],
  ["codearts-run completion ", ["bash", "fish", "zsh"]],
  ["codearts-run logs ", ["api-prod", "web"]],
  ["codearts-run runs web ", []],
  // Every pipeline argument of status, not only the first.
  ["codearts-run status web ", ["api-prod", "web"]],
  ["codearts-run status web api-prod w", ["web"]],
  ["codearts-run status --run 0123 w", ["web"]],
  // --profile and --config typed on the line choose the aliases.
  ["codearts-run --profile ci logs ", ["api-prod", "ci-only", "web"]],
  ["codearts-run status web --profile ci ", ["api-prod", "ci-only", "web"]],
  ["codearts-run --config other.yaml runs ", ["other-alias"]],
  // Option values: profiles (of the --config typed), run statuses (comma-separated), formats, files.
  ["codearts-run --profile ", ["ci", "prod"]],
  ["codearts-run --config other.yaml --profile ", ["staging"]],
  [
    "codearts-run runs web --status ",
    ["CANCELED", "COMPLETED", "FAILED", "IGNORED", "PAUSED", "RUNNING", "SUSPEND"],
  ],
  ["codearts-run runs web --status FAILED,CA", ["FAILED,CANCELED"]],
  ["codearts-run status web --output ", [...OUTPUT_FORMATS].sort()],
  ["codearts-run status web -o j", ["json", "junit"]],
  ["codearts-run --config .codea", [".codeartsrc"]],
  // Pressing Tab never runs a JavaScript config, even one named with --config.
  ["codearts-run --config evil.cjs logs ", []],
];

/** Every case of CASES in a real `shell`. */
export function shellCompletionSuite(shell: CompletionShell): void {
  // Under CI a missing shell fails (.ci/run installs zsh and fish); elsewhere its tests are skipped.
  describe.runIf(shellInstalled(shell) || CI)(`completion in a real ${shell}`, () => {
    let completer: Completer;
    beforeAll(async () => {
      completer = await completerFor(shell, await script(shell), project);
    });
    afterAll(() => completer?.close());

    it(`${shell} is installed`, () => {
      expect(shellInstalled(shell), `${shell} is missing; .ci/run installs it with apt-get`).toBe(true);
    });

    it.each(CASES)(`completes %j`, (line, expected) => {
      expect(completer.complete(line)).toEqual(expected);
    });

    it("never ran the JavaScript config", async () => {
      completer.complete("codearts-run --config evil.cjs status ");
      await expect(stat(join(project, "evil-ran"))).rejects.toThrow();
    });
  });
}
