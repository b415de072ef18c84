import { spawnSync } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { OUTPUT_FORMATS } from "../../src/config/schema.js";
import { BIN, runBinary } from "./cli.js";

const ALIASES =
  "pipelines:\n  web: e5460d1d403146a1935c2d4b68ef506c\n  api-prod: 0123456789abcdef0123456789abcdef\n";

let project: string;

beforeAll(async () => {
  project = await mkdtemp(join(tmpdir(), "codearts-run-completion-"));
  await writeFile(join(project, ".codeartsrc"), ALIASES);
});
afterAll(async () => {
  await rm(project, { recursive: true, force: true });
});

function installed(shell: string): boolean {
  return spawnSync(shell, ["-c", "exit 0"]).status === 0;
}

/** Runs `script` in `shell` from the project directory, with PATH only. */
function shellRun(shell: string, args: string[], input?: string) {
  return spawnSync(shell, args, {
    cwd: project,
    env: { PATH: process.env.PATH ?? "" },
    input,
    encoding: "utf8",
  });
}

async function script(shell: string): Promise<string> {
  const result = await runBinary(["completion", shell]);
  expect(result.code).toBe(0);
  expect(result.stderr).toBe("");
  return result.stdout;
}

/**
 * What bash completes for a command line whose last word is being typed: the script is sourced and
 * its function called the way bash calls it. The command word is the built binary itself, which the
 * script asks for the aliases.
 */
function bashCompletes(bashScript: string, words: string[]): string[] {
  const line = [BIN, ...words].map((w) => `'${w}'`).join(" ");
  const program = `${bashScript}
COMP_WORDS=(${line}); COMP_CWORD=${words.length}
_codearts_run
printf '%s\\n' "\${COMPREPLY[@]}"`;
  const result = shellRun("bash", ["--norc", "--noprofile", "-c", program]);
  expect(result.stderr).toBe("");
  return result.stdout.split("\n").filter(Boolean);
}

describe("codearts-run completion bash", () => {
  it("prints a script bash accepts", async () => {
    const result = shellRun("bash", ["--norc", "--noprofile", "-n"], await script("bash"));
    expect(result.status).toBe(0);
    expect(result.stderr).toBe("");
  });

  it("completes commands, subcommands, flags and flag values", async () => {
    const bash = await script("bash");
    expect(bashCompletes(bash, [""])).toEqual([
      "status",
      "run",
      "stop",
      "config",
      "auth",
      "runs",
      "logs",
      "completion",
      "simulate",
      "demo",
    ]);
    expect(bashCompletes(bash, ["ru"])).toEqual(["run", "runs"]);
    expect(bashCompletes(bash, ["run", "web", "--br"])).toEqual(["--branch"]);
    expect(bashCompletes(bash, ["config", ""])).toEqual(["show"]);
    expect(bashCompletes(bash, ["completion", ""])).toEqual(["bash", "zsh", "fish"]);
    expect(bashCompletes(bash, ["logs", "web", "--"])).toEqual(
      expect.arrayContaining(["--run", "--step", "--failed", "--raw", "--project", "--no-color"]),
    );
    expect(bashCompletes(bash, ["runs", "--l"])).toEqual(["--limit"]);
    expect(bashCompletes(bash, ["status", "web", "-o", ""])).toEqual([...OUTPUT_FORMATS]);
    expect(bashCompletes(bash, ["--config", ".codea"])).toEqual([".codeartsrc"]);
  });

  it("completes the config's pipeline aliases where a pipeline goes, and only there", async () => {
    const bash = await script("bash");
    expect(bashCompletes(bash, ["logs", ""])).toEqual(["api-prod", "web"]);
    expect(bashCompletes(bash, ["status", "--run", "0123", "w"])).toEqual(["web"]);
    expect(bashCompletes(bash, ["--profile", "x", "runs", "a"])).toEqual(["api-prod"]);
    expect(bashCompletes(bash, ["runs", "web", ""])).toEqual([]);
  });
});

describe("the completion scripts of zsh and fish", () => {
  it.runIf(installed("zsh"))("zsh -n accepts the zsh script", async () => {
    const result = shellRun("zsh", ["-n"], await script("zsh"));
    expect(result.status).toBe(0);
    expect(result.stderr).toBe("");
  });

  it.runIf(installed("fish"))("fish --no-execute accepts the fish script", async () => {
    // fish reads a script from a file more reliably than from a pipe it did not open itself.
    await writeFile(join(project, "codearts-run.fish"), await script("fish"));
    const result = shellRun("fish", ["--no-execute", "codearts-run.fish"]);
    expect(result.status).toBe(0);
    expect(result.stderr).toBe("");
  });

  it("ask for the aliases when completing, and know every command and flag", async () => {
    for (const shell of ["zsh", "fish"]) {
      const text = await script(shell);
      expect(text).toContain("__complete-pipelines");
      // fish names a long option without its dashes (`-l limit`).
      for (const word of ["runs", "logs", "limit", "step", "failed", "raw", "markdown"]) {
        expect(text).toMatch(new RegExp(`[ |-]${word}\\b`));
      }
    }
  });
});

describe("codearts-run __complete-pipelines (what the scripts call)", () => {
  it("prints the aliases of the config found from the working directory, one a line", async () => {
    const result = await runBinary(["__complete-pipelines"], {}, { cwd: project });
    expect(result).toEqual({ code: 0, stdout: "api-prod\nweb\n", stderr: "" });
  });

  it("prints nothing, and no error, when the config is broken", async () => {
    const broken = await mkdtemp(join(tmpdir(), "codearts-run-completion-"));
    try {
      await writeFile(join(broken, ".codeartsrc"), "pipelines: [unclosed\n");
      const result = await runBinary(["__complete-pipelines"], {}, { cwd: broken });
      expect(result).toEqual({ code: 0, stdout: "", stderr: "" });
    } finally {
      await rm(broken, { recursive: true, force: true });
    }
  });

  it("is not listed in --help", async () => {
    const result = await runBinary(["--help"]);
    expect(result.stdout).toContain("completion");
    expect(result.stdout).not.toContain("__complete-pipelines");
  });
});

describe("codearts-run completion: errors", () => {
  it("exits 2 for a shell it does not know", async () => {
    const result = await runBinary(["completion", "powershell"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/'powershell' is invalid.*Allowed choices are bash, zsh, fish/);
  });
});
