import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testTerminal } from "../helpers/terminal.js";
import { type SimCli, simCli } from "./sim-cli.js";

/** `codearts-run stop` in-process against the simulator. */

let cli: SimCli;
beforeAll(async () => {
  cli = await simCli();
});
afterAll(async () => {
  await cli.close();
});

const terminal = (answer: string) => ({
  terminal: testTerminal({ canPrompt: true }),
  stdin: { readAll: async () => "", readLine: async () => answer },
});

describe("codearts-run stop", () => {
  it("refuses without --yes when standard input is not a terminal, before any request", async () => {
    const before = cli.sim.stats().requests;
    const result = await cli.run(["stop", "mobile"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      "error: stopping a run needs a confirmation, and standard input is not a terminal to ask at\nhint: add --yes to stop it without asking\n",
    );
    expect(cli.sim.stats().requests).toBe(before);
  });

  it.each([
    ["3be3733ae38f5d0b7229f85e8a5e5ad", /looks like a mistyped pipeline id: it has 31 characters/],
    ["   ", /the pipeline is only white space/],
  ])("says what is wrong with %j before asking for a confirmation", async (reference, message) => {
    const result = await cli.run(["stop", reference]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stderr).not.toMatch(/confirmation/);
  });

  it("at a terminal shows the run and asks; anything but yes leaves it going", async () => {
    const result = await cli.run(["stop", "mobile"], { overrides: terminal("n") });
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(
      /^mobile #1 \(run [0-9a-f]{32}\) is RUNNING since \S+Z\.\nStop it\? \[y\/N\] Not stopped\.\n$/,
    );
    expect(cli.sim.latestRunStatus("mobile")).toBe("RUNNING");
  });

  it("stops the latest run still going when the answer is yes; the run ends CANCELED", async () => {
    const result = await cli.run(["stop", "release"], { overrides: terminal("y") });
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/Asked CodeArts to stop release #1 \(run [0-9a-f]{32}\)\.\n$/);
    expect(cli.sim.latestRunStatus("release")).toBe("CANCELED");
    expect((await cli.run(["status", "release"])).code).toBe(6);
  });

  it("--run --yes --watch stops a run it started and follows it to CANCELED: exit 6", async () => {
    const started = await cli.run(["run", "web", "--json"]);
    const { pipeline_run_id: id } = JSON.parse(started.stdout);
    const result = await cli.run(["stop", "web", "--run", id, "--yes", "--watch"]);
    expect(result.code).toBe(6);
    expect(result.stdout).toMatch(/⊘ web #\d+ CANCELED in .+ · exit 6\n$/);
    expect(cli.sim.latestRunStatus("web")).toBe("CANCELED");
  });

  it("says so when the run has already ended, and asks nothing of CodeArts", async () => {
    const result = await cli.run([
      "stop",
      "api",
      "--run",
      cli.sim.pipeline("api").latestRunId ?? "",
      "--yes",
    ]);
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(
      /^api #1 \(run [0-9a-f]{32}\) has already ended FAILED: nothing to stop\.\n$/,
    );
  });

  it("exits 4 when no run is going", async () => {
    const result = await cli.run(["stop", "web", "--yes"]);
    expect(result.code).toBe(4);
    expect(result.stderr).toContain("error: no run of web is going: there is nothing to stop");
  });
});
