import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runBinary } from "./cli.js";
import { CI, script, shellRun, useCompletionProject } from "./completion-suite.js";
import { shellInstalled } from "./shell-completion.js";

/** The scripts themselves and the hidden helpers they call; each shell's cases: completion-<shell>.test.ts. */

const projectDir = useCompletionProject();

describe("the completion scripts", () => {
  it("bash -n accepts the bash script", async () => {
    const result = shellRun("bash", ["--norc", "--noprofile", "-n"], await script("bash"));
    expect(result.status).toBe(0);
    expect(result.stderr).toBe("");
  });

  it.runIf(shellInstalled("zsh") || CI)("zsh -n accepts the zsh script", async () => {
    const result = shellRun("zsh", ["-n"], await script("zsh"));
    expect(result.status).toBe(0);
    expect(result.stderr).toBe("");
  });

  it.runIf(shellInstalled("fish") || CI)("fish --no-execute accepts the fish script", async () => {
    // fish reads a script from a file more reliably than from a pipe it did not open itself.
    await writeFile(join(projectDir(), "codearts-run.fish"), await script("fish"));
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
    const result = await runBinary(["__complete-pipelines"], {}, { cwd: projectDir() });
    expect(result).toEqual({ code: 0, stdout: "api-prod\nweb\n", stderr: "" });
  });

  it("__complete-profiles prints the profiles, one a line, even when a setting is wrong", async () => {
    const result = await runBinary(
      ["__complete-profiles"],
      { CODEARTS_REGION: "cn-nort-4" },
      { cwd: projectDir() },
    );
    expect(result).toEqual({ code: 0, stdout: "ci\nprod\n", stderr: "" });
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
