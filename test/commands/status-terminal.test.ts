import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Env } from "../../src/core/context.js";
import { Emulator } from "../helpers/emulator.js";
import { ttyTerminal } from "../helpers/terminal.js";
import { type SimCli, simCli } from "./sim-cli.js";

/**
 * `status` in-process on the terminal a test describes: --web's browser path, the spinner while the
 * run is fetched, and --no-color applied once the flags are parsed.
 */

let cli: SimCli;
beforeAll(async () => {
  cli = await simCli();
});
afterAll(async () => {
  await cli.close();
});

/** What `launch` was asked to start, and what it answers. */
function launcher(starts = true) {
  const launched: Array<{ command: string; args: string[]; env: Env }> = [];
  return {
    launched,
    launch: (command: string, args: string[], env: Env) => {
      launched.push({ command, args, env });
      return starts;
    },
  };
}

const URL_LINE = /^https?:\/\/\S+\n$/;

describe("status --web", () => {
  it("on a terminal prints the run's page and opens it with $BROWSER", async () => {
    const { launched, launch } = launcher();
    const result = await cli.run(["status", "web", "--web"], {
      env: { BROWSER: "firefox" },
      overrides: { terminal: ttyTerminal(80, 24), launch },
    });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(URL_LINE);
    expect(launched).toEqual([
      {
        command: "firefox",
        args: [result.stdout.trimEnd()],
        env: expect.objectContaining({ BROWSER: "firefox" }),
      },
    ]);
    expect(result.stderr).toBe("Opening the run in your browser.\n");
  });

  it.each([
    ["xdg-open under a Linux desktop", "linux", { DISPLAY: ":0" }, "xdg-open"],
    ["xdg-open under Wayland", "linux", { WAYLAND_DISPLAY: "wayland-0" }, "xdg-open"],
    ["open on macOS", "darwin", {}, "open"],
  ] as const)("uses %s", async (_name, platform, env, command) => {
    const { launched, launch } = launcher();
    const result = await cli.run(["status", "web", "--web"], {
      env,
      overrides: { terminal: ttyTerminal(80, 24), launch, platform },
    });
    expect(result.code).toBe(0);
    expect(launched.map((started) => started.command)).toEqual([command]);
  });

  it("opens nothing on a Linux server with no desktop: the URL is all", async () => {
    const { launched, launch } = launcher();
    const result = await cli.run(["status", "web", "--web"], {
      overrides: { terminal: ttyTerminal(80, 24), launch },
    });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(URL_LINE);
    expect(result.stderr).toBe("");
    expect(launched).toEqual([]);
  });

  it("opens nothing when stdout is piped, even with $BROWSER set", async () => {
    const { launched, launch } = launcher();
    const result = await cli.run(["status", "web", "--web"], {
      env: { BROWSER: "firefox" },
      overrides: { launch },
    });
    expect(result.stdout).toMatch(URL_LINE);
    expect(result.stderr).toBe("");
    expect(launched).toEqual([]);
  });

  it("says nothing about opening when the browser could not be started", async () => {
    const { launched, launch } = launcher(false);
    const result = await cli.run(["status", "web", "--web"], {
      env: { BROWSER: "no-such-browser" },
      overrides: { terminal: ttyTerminal(80, 24), launch },
    });
    expect(result.code).toBe(0);
    expect(launched).toHaveLength(1);
    expect(result.stderr).toBe("");
  });
});

describe("status on a terminal", () => {
  it("waits for the run behind a spinner on stderr that leaves nothing behind; the table is on stdout", async () => {
    const emulator = new Emulator(100, 10);
    const chunks: string[] = [];
    const sleeps: number[] = [];
    const result = await cli.run(["status", "web"], {
      overrides: {
        terminal: ttyTerminal(100, 10),
        io: { out: { write: (chunk) => chunks.push(String(chunk)) > 0 }, err: emulator.stream() },
        sleep: async (ms) => {
          sleeps.push(ms);
          cli.clock.advance(ms);
        },
      },
    });
    await emulator.settled();
    expect(result.code).toBe(0);
    expect(sleeps).toEqual([300]); // the spinner's delay, from the injected clock
    expect(emulator.screen().every((line) => line === "")).toBe(true);
    expect(chunks.join("")).toMatch(/^web #\d+ /);
  });

  it("colours for FORCE_COLOR, and --no-color turns it off once the flags are parsed", async () => {
    const coloured = await cli.run(["status", "web"], { env: { FORCE_COLOR: "1" } });
    expect(coloured.stdout).toContain("\u001b[32m");
    const plain = await cli.run(["status", "web", "--no-color"], { env: { FORCE_COLOR: "1" } });
    expect(plain.stdout).not.toMatch(/\u001b\[/);
    expect(plain.stdout.replace(/\d+[smh] ago|\d{4}-\S+Z/g, "")).toBe(
      coloured.stdout.replace(/\u001b\[[0-9;]*m/g, "").replace(/\d+[smh] ago|\d{4}-\S+Z/g, ""),
    );
  });
});
