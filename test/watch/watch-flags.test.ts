import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../../src/cli.js";
import type { Context } from "../../src/core/context.js";
import { createManualClock, type RunningSimulator, startSimulator } from "../../src/simulator/index.js";
import { testContext } from "../helpers/context.js";

/** The watch's flags and signals, in-process against the simulator: --quiet, --fail-fast, SIGHUP. */

let sim: RunningSimulator;

beforeAll(async () => {
  sim = await startSimulator({ clock: createManualClock(Date.UTC(2026, 10, 28, 12)) });
});
afterAll(async () => {
  await sim.close();
});

async function cli(args: string[], overrides: Partial<Context> = {}) {
  let clock = Date.UTC(2026, 10, 28, 12);
  const env = {
    CODEARTS_ENDPOINT: sim.url,
    CODEARTS_TOKEN: sim.token,
    CODEARTS_PROJECT_ID: sim.projectId,
    LANG: "en_US.UTF-8",
  };
  const { ctx, stdout, stderr } = testContext({
    env,
    now: () => clock,
    sleep: async (ms) => {
      clock += ms;
    },
    ...overrides,
  });
  const code = await runCli(args, ctx, { version: "0", binPath: "unused" });
  return { code, stdout: stdout(), stderr: stderr() };
}

describe("status --watch --quiet", () => {
  it("prints no note about retried requests: only the result and the summary line", async () => {
    sim.setFaults([{ kind: "503", pipeline: "web", times: 2 }]);
    try {
      const result = await cli(["status", "web", "--watch", "--quiet"]);
      expect(result.code).toBe(0);
      expect(result.stderr).toBe("");
      expect(result.stdout).toMatch(/✓ web #3 COMPLETED in .+ · exit 0\n$/);
    } finally {
      sim.setFaults([]);
    }
  });

  it("prints no note about failed polls either, and still ends with the error when it gives up", async () => {
    sim.setFaults([{ kind: "503", pipeline: "web" }]);
    try {
      const result = await cli(["status", "web", "--watch", "--quiet"]);
      expect(result.code).toBe(5);
      expect(result.stderr).not.toContain("note:");
      expect(result.stderr).toMatch(/^error: gave up watching after 5 failed polls in a row/m);
    } finally {
      sim.setFaults([]);
    }
  });

  it("without --quiet the retries are told", async () => {
    sim.setFaults([{ kind: "503", pipeline: "web", times: 1 }]);
    try {
      const result = await cli(["status", "web", "--watch"]);
      expect(result.stderr).toMatch(/^note: .+retrying in/m);
    } finally {
      sim.setFaults([]);
    }
  });
});

describe("status of several pipelines --watch --fail-fast", () => {
  it("ends at the first FAILED run with exit 1 while another is still running", async () => {
    const result = await cli(["status", "mobile", "api", "--watch", "--fail-fast", "--timeout", "1h"]);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe("stopped watching at the first FAILED run (--fail-fast)\n");
    expect(result.stdout).toMatch(/\nmobile\s+#1\s+● RUNNING /);
    expect(result.stdout).toMatch(/\napi\s+#1\s+✗ FAILED /);
  });

  it("without --fail-fast waits for the running one (here: until --timeout, exit 7)", async () => {
    const result = await cli(["status", "mobile", "api", "--watch", "--timeout", "1m"]);
    expect(result.code).toBe(7);
  });
});

describe("a watch ended by SIGHUP", () => {
  for (const args of [["mobile"], ["mobile", "web"]]) {
    it(`ends like SIGTERM, with exit 129 (${args.join(" ")})`, async () => {
      const hangUp = new AbortController();
      const result = await cli(["status", ...args, "--watch"], {
        signal: hangUp.signal,
        sleep: async () => {
          hangUp.abort(new Error("SIGHUP"));
          throw new Error("aborted");
        },
      });
      expect(result.code).toBe(129);
      if (args.length === 1) {
        expect(result.stdout).toMatch(/\ninterrupted: mobile #1 RUNNING .+ · exit 129\n$/);
      } else {
        expect(result.stderr).toBe("interrupted\n");
      }
    });
  }

  it("SIGTERM still ends with 130", async () => {
    const term = new AbortController();
    const result = await cli(["status", "mobile", "--watch"], {
      signal: term.signal,
      sleep: async () => {
        term.abort(new Error("SIGTERM"));
        throw new Error("aborted");
      },
    });
    expect(result.code).toBe(130);
    expect(result.stdout).toMatch(/ · exit 130\n$/);
  });
});
