import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createManualClock, type RunningSimulator, startSimulator } from "../../src/simulator/index.js";
import { BIN, type CliResult, runBinary } from "./cli.js";

/**
 * `status --watch` end to end: the built binary against the simulator. Runs that progress are
 * driven by the watch's own polls (see withFreshDemo). Assertions are about structure (which
 * lines, which sequences, which exit code), never about exact timings.
 */

const ESC = "\u001b";
let sim: RunningSimulator;

beforeAll(async () => {
  sim = await startSimulator({ speed: 20 });
});
afterAll(async () => {
  await sim.close();
});

function env(target: RunningSimulator = sim): Record<string, string> {
  return {
    CODEARTS_ENDPOINT: target.url,
    CODEARTS_TOKEN: target.token,
    CODEARTS_PROJECT_ID: target.projectId,
  };
}

function watch(name: string, args: string[] = [], target = sim): Promise<CliResult> {
  return runBinary(
    ["status", target.pipeline(name).id, "--watch", "--interval", "0.2", ...args],
    env(target),
  );
}

/**
 * A fresh simulator whose `demo` run starts when the watch does. Its clock moves only when the
 * watch polls (3 s of scenario time per request), so however slow a loaded machine is to start the
 * CLI, the first poll sees the run at its start and every later poll sees it further on.
 */
async function withFreshDemo<T>(use: (fresh: RunningSimulator) => Promise<T>): Promise<T> {
  const clock = createManualClock(Date.UTC(2026, 10, 28, 12));
  const fresh = await startSimulator({ clock });
  let seen = fresh.stats().requests;
  const driver = setInterval(() => {
    const requests = fresh.stats().requests;
    if (requests > seen) {
      seen = requests;
      clock.advance(3000);
    }
  }, 20);
  try {
    return await use(fresh);
  } finally {
    clearInterval(driver);
    await fresh.close();
  }
}

describe("codearts-run status --watch, piped (a CI log)", () => {
  it("follows a run to COMPLETED with one line per change, no escape codes, over one connection", async () => {
    await withFreshDemo(async (fresh) => {
      const before = fresh.stats().connections;
      const result = await watch("demo", [], fresh);
      expect(result.code).toBe(0);
      expect(fresh.stats().connections - before).toBe(1);
      expect(result.stdout).not.toContain(ESC);
      const lines = result.stdout.trimEnd().split("\n");
      expect(lines[0]).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ {2}watching demo #1 \(run [0-9a-f]{32}\)/);
      for (const line of lines.slice(0, -1)) expect(line).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ {2}\S/);
      expect(result.stdout).toMatch(/ stage \S+ started\n/);
      expect(result.stdout).toMatch(/ step .+ › .+ COMPLETED in \d+s\n/);
      expect(lines.at(-2)).toMatch(/ run demo #1 COMPLETED in \d+s$/);
      expect(lines.at(-1)).toMatch(/^✓ demo #1 COMPLETED in \d+s · exit 0$/);
      // Each line says something new: the tree is never printed again.
      expect(new Set(lines.map((line) => line.slice(22))).size).toBe(lines.length);
    });
  });

  it.each([
    ["api", 1, /^✗ api #1 FAILED in .+: .+ failed · exit 1$/],
    ["docs", 6, /^⊘ docs #1 CANCELED in .+ · exit 6$/],
  ])("prints a run already over (%s) once and exits %i at once", async (name, code, summary) => {
    const result = await watch(name);
    expect(result.code).toBe(code);
    expect(result.stdout).toContain("STATUS");
    expect(result.stdout.trimEnd().split("\n").at(-1)).toMatch(summary);
  });

  it("stops a run that never ends at --timeout with 7", async () => {
    const result = await watch("mobile", ["--timeout", "1s"]);
    expect(result.code).toBe(7);
    expect(result.stdout.trimEnd().split("\n").at(-1)).toMatch(
      /^● mobile #1 RUNNING .+; stopped watching at --timeout · exit 7$/,
    );
  });

  it("--json prints exactly one document, the run as received", async () => {
    const result = await watch("docs", ["--json"]);
    expect(result.code).toBe(6);
    expect(JSON.parse(result.stdout)).toMatchObject({ status: "CANCELED" });
    expect(result.stdout.endsWith("}\n")).toBe(true);
  });

  it("--json-lines prints one JSON event per line and an end event", async () => {
    await withFreshDemo(async (fresh) => {
      const result = await watch("demo", ["--json-lines"], fresh);
      expect(result.code).toBe(0);
      const events = result.stdout
        .trimEnd()
        .split("\n")
        .map((line) => JSON.parse(line));
      expect(events.length).toBeGreaterThan(2);
      for (const event of events.slice(0, -1)) {
        expect(event).toMatchObject({
          type: expect.stringMatching(/^(run|stage|job|step)$/),
          to: expect.any(String),
        });
        expect(event).toHaveProperty("path");
        expect(event).toHaveProperty("from");
        expect(Date.parse(event.time)).not.toBeNaN();
      }
      expect(events.at(-1)).toMatchObject({
        type: "end",
        reason: "finished",
        status: "COMPLETED",
        exitCode: 0,
      });
    });
  });

  it("refuses watch flags without --watch", async () => {
    const result = await runBinary(["status", sim.pipeline("web").id, "--timeout", "1m"], env());
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/--timeout only applies to a watch\nhint: add --watch/);
  });
});

describe("codearts-run status --watch, interrupted", () => {
  it.each([
    ["SIGINT", 130],
    ["SIGHUP", 129],
  ] as const)("on %s exits %i with the last known state in one line", async (signal, exitCode) => {
    const child = spawn(
      process.execPath,
      [BIN, "status", sim.pipeline("mobile").id, "--watch", "--interval", "0.2"],
      {
        env: { PATH: process.env.PATH ?? "", ...env() },
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
    let stdout = "";
    let sent = false;
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
      stdout += chunk;
      // Once: a second signal means "stop now" and skips the final line.
      if (!sent && stdout.includes("watching mobile")) sent = child.kill(signal);
    });
    const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
    expect(code).toBe(exitCode);
    expect(stdout.trimEnd().split("\n").at(-1)).toMatch(
      new RegExp(`^interrupted: mobile #1 RUNNING .+ · exit ${exitCode}$`),
    );
  });
});

describe("codearts-run status --watch in a terminal", () => {
  it("draws frames that fit the screen on the alternate screen, then leaves the final table and summary", async () => {
    await withFreshDemo(async (fresh) => {
      const id = fresh.pipeline("demo").id;
      // `script` runs the command in a pseudo-terminal; stty gives that terminal a size, and changing
      // it once the first frame is out (the test touches a file then) sends the watch a SIGWINCH.
      const flag = join(mkdtempSync(join(tmpdir(), "codearts-watch-")), "resize");
      const command = `stty cols 100 rows 50; '${process.execPath}' '${BIN}' status ${id} --watch --interval 0.2 & until [ -e '${flag}' ]; do sleep 0.05; done; stty cols 70 rows 9; wait $!`;
      const child = spawn("script", ["-qec", command, "/dev/null"], {
        env: { PATH: process.env.PATH ?? "", TERM: "xterm-256color", LANG: "C.UTF-8", ...env(fresh) },
        stdio: ["ignore", "pipe", "pipe"],
      });
      let output = "";
      child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
        output += chunk;
        if (output.includes("next poll in") && !existsSync(flag)) writeFileSync(flag, "");
      });
      const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
      rmSync(dirname(flag), { recursive: true, force: true });
      expect(code).toBe(0);
      expect(output).toContain(`${ESC}[?25l`);
      expect(output).toContain(`${ESC}[?1049h`);
      expect(output).toContain("next poll in");
      expect(output).not.toContain(`${ESC}[2J`);
      // Every frame within the screen it was drawn on: the whole run at 50 rows, fitted to 9 once it shrank.
      const frames = output
        .split(`${ESC}[?2026h`)
        .slice(1)
        .map((frame) => frame.slice(0, frame.indexOf(`${ESC}[?2026l`)).split("\n"));
      expect(frames.length).toBeGreaterThan(3);
      for (const frame of frames) expect(frame.length).toBeLessThanOrEqual(50);
      expect(frames.some((frame) => frame.length > 9)).toBe(true);
      expect(frames.at(-1)?.length).toBeLessThanOrEqual(9);
      const ending = output.slice(output.lastIndexOf(`${ESC}[?2026l`));
      expect(ending).toContain(`${ESC}[?1049l`);
      expect(ending).toMatch(/✓ demo #1 COMPLETED in \d+s · exit 0\r?\n\u001b\[\?25h/);
      expect(output.lastIndexOf(`${ESC}[?25h`)).toBeGreaterThan(output.lastIndexOf(`${ESC}[?25l`));
    });
  });
});
