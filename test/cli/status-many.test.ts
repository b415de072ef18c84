import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createManualClock, type RunningSimulator, startSimulator } from "../../src/simulator/index.js";
import { expectCleanError, simulatorEnv } from "../e2e/cli.js";
import { runCommand } from "../helpers/cli-in-process.js";

let sim: RunningSimulator;

beforeAll(async () => {
  sim = await startSimulator({ clock: createManualClock(Date.UTC(2026, 10, 28, 12)) });
});
afterAll(async () => {
  await sim.close();
});

function status(args: string[]) {
  return runCommand(["status", ...args], simulatorEnv(sim));
}

/** The PIPELINE column of the table, in order. */
function pipelinesShown(stdout: string): string[] {
  return stdout
    .trimEnd()
    .split("\n")
    .slice(1)
    .map((line) => line.split(/\s+/)[0] ?? "");
}

describe("codearts-run status with several pipelines", () => {
  it("shows one line each, in the order asked, and exits with the worst outcome", async () => {
    const result = await status(["web", "api", sim.pipeline("docs").id]);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(
      /^PIPELINE\s+RUN\s+STATUS\s+TRIGGER\s+SOURCE\s+STARTED\s+DURATION\s+RUN ID\n/,
    );
    expect(pipelinesShown(result.stdout)).toEqual(["web", "api", "docs"]);
    expect(result.stdout).toMatch(/\napi\s+#1\s+✗ FAILED /);
  });

  it("exits 6 when the worst is a cancel, 0 when all passed or are still going", async () => {
    expect((await status(["web", "hotfix"])).code).toBe(6);
    expect((await status(["web", "mobile", "empty"])).code).toBe(0);
  });

  it("--all shows every pipeline of the project", async () => {
    const result = await status(["--all"]);
    expect(result.code).toBe(1);
    expect(new Set(pipelinesShown(result.stdout))).toEqual(new Set(sim.pipelines.map((p) => p.name)));
    expect(result.stdout).toMatch(/\nempty\s+-\s+\? NEVER_RUN/);
  });

  it("--json prints the API's objects as one array", async () => {
    const result = await status(["web", "api", "--json"]);
    const parsed = JSON.parse(result.stdout);
    expect(parsed.map((item: { pipeline_id: string }) => item.pipeline_id)).toEqual([
      sim.pipeline("web").id,
      sim.pipeline("api").id,
    ]);
    expect(result.code).toBe(1);
  });

  it("refuses flags about one run, and --all with names", async () => {
    expectCleanError(
      await status(["web", "api", "--run", "25adfa6784124cfc9b9274ceaecf9957"]),
      2,
      /--run applies to one pipeline's run/,
    );
    expectCleanError(await status(["web", "--all"]), 2, /--all cannot be combined/);
    expectCleanError(await status(["web", "api", "--compact"]), 2, /--compact applies/);
  });

  it("names pipelines given by id from the list API; never-run is neutral, an unknown id is exit 4", async () => {
    const byId = await status([sim.pipeline("api").id, sim.pipeline("empty").id]);
    expect(byId.code).toBe(1);
    expect(pipelinesShown(byId.stdout)).toEqual(["api", "empty"]);
    expect(byId.stdout).toMatch(/\nempty\s+-\s+\? NEVER_RUN/);
    expect((await status(["web", "empty"])).code).toBe(0);
    const unknown = "0123456789abcdef0123456789abcdef";
    expectCleanError(await status(["web", "empty", unknown]), 4, new RegExp(`pipeline ${unknown} not found`));
  });

  it("says which name was not found (exit 4)", async () => {
    expectCleanError(await status(["web", "nope"]), 4, /no pipeline named "nope"/);
  });
});

describe("codearts-run status with several pipelines --watch", () => {
  it("follows them until every one has finished, one line per change", async () => {
    const clock = createManualClock(Date.UTC(2026, 10, 28, 12));
    const fresh = await startSimulator({ clock });
    try {
      // Scenario time moves only when the watch waits between polls, so no progress is skipped.
      const result = await runCommand(
        ["status", "web", "demo", "--watch", "--interval", "0.1"],
        simulatorEnv(fresh),
        { sleep: async () => clock.advance(5000) },
      );
      expect(result.code).toBe(0);
      expect(result.stdout).not.toContain("\u001b");
      expect(result.stdout).toMatch(/^\d{4}-\d\d-\d\dT[\d:]+Z {2}web #3 COMPLETED\n/);
      expect(result.stdout).toMatch(/Z {2}demo #1 RUNNING → COMPLETED\n/);
      expect(result.stdout).toMatch(/\nPIPELINE\s+RUN/);
    } finally {
      await fresh.close();
    }
  });
});

describe("codearts-run status --all in a project that lists no pipelines", () => {
  it("is not found (exit 4), never a pass: CodeArts lists none to a user who is not a member", async () => {
    // What the list API answers a non-member (reference §7): no error, just nothing.
    const server = createServer((_request, response) => {
      response.writeHead(200, { "Content-Type": "application/json" });
      response.end('{"offset":0,"limit":100,"total":0,"pipelines":[]}');
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const result = await runCommand(["status", "--all"], {
        CODEARTS_ENDPOINT: `http://127.0.0.1:${port}`,
        CODEARTS_TOKEN: "token",
        CODEARTS_PROJECT_ID: "0123456789abcdef0123456789abcdef",
      });
      expectCleanError(result, 4, /^error: no pipelines in project 0123456789abcdef0123456789abcdef\n/);
      expect(result.stderr).toMatch(/that you are a member of the project/);
    } finally {
      server.close();
    }
  });
});
