import { spawn } from "node:child_process";
import { closeSync, openSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ExitCode } from "../../src/core/exit-codes.js";
import { outputFailure } from "../../src/output-failure.js";
import { createManualClock, type RunningSimulator, startSimulator } from "../../src/simulator/index.js";
import { BIN, STACK_TRACE, simulatorEnv } from "./cli.js";

/**
 * A write to stdout that fails (`> /dev/full`) must end with one `error:` line and exit 8, never a
 * stack trace, and never 1 (which says the run FAILED). Only a real process shows what Node does
 * with a failing stdout, so these spawn the built binary with stdout opened on /dev/full.
 */

let sim: RunningSimulator;
beforeAll(async () => {
  sim = await startSimulator({ clock: createManualClock(Date.UTC(2026, 10, 28, 12)) });
});
afterAll(async () => {
  await sim.close();
});

function runIntoDevFull(args: string[], env: Record<string, string> = {}) {
  const full = openSync("/dev/full", "w");
  return new Promise<{ code: number | null; stderr: string }>((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      env: { PATH: process.env.PATH ?? "", ...env },
      stdio: ["ignore", full, "pipe"],
    });
    closeSync(full);
    let stderr = "";
    child.stderr?.setEncoding("utf8").on("data", (chunk: string) => {
      stderr += chunk;
    });
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stderr }));
  });
}

function expectOneOutputError(result: { code: number | null; stderr: string }) {
  expect(result.code, result.stderr).toBe(ExitCode.OutputFailed);
  expect(result.stderr).toBe(
    "error: could not write to standard output: no space left on the device (ENOSPC)\n" +
      "hint: check where the output goes (a full disk, a closed file); the command's result was lost\n",
  );
  expect(result.stderr).not.toMatch(STACK_TRACE);
}

describe("a failed write to stdout", () => {
  it("--version > /dev/full (answered by the bin itself): one error line, exit 8", async () => {
    const result = await runIntoDevFull(["--version"]);
    expect(result.code, result.stderr).toBe(ExitCode.OutputFailed);
    expect(result.stderr).toBe("error: could not write to standard output (ENOSPC)\n");
  });

  it("--help > /dev/full: one error line, exit 8", async () => {
    expectOneOutputError(await runIntoDevFull(["--help"]));
  });

  it("status of a FAILED run > /dev/full: exit 8, not the run's 1", async () => {
    const api = sim.pipeline("api").id;
    expect(sim.latestRunStatus(api)).toBe("FAILED");
    expectOneOutputError(await runIntoDevFull(["status", api], simulatorEnv(sim)));
    expectOneOutputError(await runIntoDevFull(["status", api, "--json"], simulatorEnv(sim)));
  });
});

describe("outputFailure: what each write error becomes", () => {
  const error = (code: string) => Object.assign(new Error(code), { code });

  it("a reader leaving (EPIPE) keeps the exit code so far, and says nothing", () => {
    expect(outputFailure(error("EPIPE"), "stdout", 1)).toEqual({ exitCode: 1, report: "" });
    expect(outputFailure(error("EPIPE"), "stdout", undefined)).toEqual({ exitCode: 0, report: "" });
  });

  it("EIO on stdout is one error line and exit 8", () => {
    const failure = outputFailure(error("EIO"), "stdout", 1);
    expect(failure.exitCode).toBe(8);
    expect(failure.report).toMatch(
      /^error: could not write to standard output: an input\/output error \(EIO\)\nhint: .+\n$/,
    );
  });

  it("a failing stderr ends with exit 8 and nothing more to write", () => {
    expect(outputFailure(error("EIO"), "stderr", 0)).toEqual({ exitCode: 8, report: "" });
  });
});

describe("a reader that goes away", () => {
  /** The simulator's `web` pipeline. */
  const webId = () => sim.pipelines.find((p) => p.name === "web")?.id ?? "";

  it("ends quietly when the reader of its output goes away (| head -c 10)", async () => {
    sim.setFaults([{ kind: "huge-strings", pipeline: "web" }]);
    try {
      // Like `| head -c 10`: read the first chunk, then close our end of the pipe.
      const child = spawn(process.execPath, [BIN, "status", webId(), "--json"], {
        env: { ...simulatorEnv(sim), PATH: process.env.PATH ?? "" },
        stdio: ["ignore", "pipe", "pipe"],
      });
      let stderr = "";
      child.stderr.on("data", (chunk) => {
        stderr += chunk;
      });
      child.stdout.once("data", () => child.stdout.destroy());
      const code = await new Promise((resolve) => child.on("close", resolve));
      expect(code).toBe(0);
      expect(stderr).toBe("");
    } finally {
      sim.setFaults([]);
    }
  });
});
