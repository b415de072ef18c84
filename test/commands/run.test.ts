import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type SimCli, simCli } from "./sim-cli.js";

/** `codearts-run run` in-process against the simulator; a started run progresses as the watch sleeps. */

let cli: SimCli;
beforeAll(async () => {
  cli = await simCli();
});
afterAll(async () => {
  await cli.close();
});

describe("codearts-run run --watch: the CI gate", () => {
  it.each([
    ["web", 0, /✓ web #4 COMPLETED in .+ · exit 0\n$/],
    ["api", 1, /✗ api #2 FAILED in .+: Test › Unit tests › Run tests failed · exit 1\n$/],
    ["docs", 6, /⊘ docs #2 CANCELED in .+ · exit 6\n$/],
  ])(
    "starts %s, follows the new run from its start and exits %i with its outcome",
    async (name, code, summary) => {
      const before = cli.sim.startRequests().length;
      const result = await cli.run(["run", name, "--watch"]);
      expect(result.code).toBe(code);
      const started = cli.sim.startRequests().slice(before);
      expect(started).toHaveLength(1);
      expect(result.stderr).toContain(`Started ${name} (run ${started[0]?.runId})`);
      expect(result.stdout).toContain(`watching ${name} #`);
      expect(result.stdout).toContain(`run ${name} #`);
      expect(result.stdout).toMatch(/ started\n/);
      expect(result.stdout).toMatch(summary);
    },
  );

  it("--json-lines follows the run as JSON events and keeps stdout JSON only", async () => {
    const result = await cli.run(["run", "web", "--watch", "--json-lines"]);
    expect(result.code).toBe(0);
    const events = result.stdout
      .trimEnd()
      .split("\n")
      .map((line) => JSON.parse(line));
    expect(events.at(-1)).toMatchObject({ type: "end", exitCode: 0 });
  });

  it("--timeout stops following with 7 while the run goes on", async () => {
    const result = await cli.run(["run", "mobile", "--watch", "--timeout", "1m"]);
    expect(result.code).toBe(7);
  });
});

describe("codearts-run run --watch --quiet", () => {
  /** The CLI's first sleep (the first wait between polls) turns on two 503 answers for the pipeline. */
  async function runWithLaterFaults(args: string[]) {
    let armed = false;
    const sleep = async (ms: number) => {
      cli.clock.advance(ms);
      if (!armed) {
        armed = true;
        cli.sim.setFaults([{ kind: "503", pipeline: "web", times: 2 }]);
      }
    };
    try {
      return await cli.run(args, { overrides: { sleep } });
    } finally {
      cli.sim.setFaults([]);
    }
  }

  it("prints no note about the retried polls, as status --watch --quiet does", async () => {
    const result = await runWithLaterFaults(["run", "web", "--watch", "--quiet"]);
    expect(result.code).toBe(0);
    expect(result.stderr).not.toContain("note:");
  });

  it("without --quiet the same retries are told", async () => {
    const result = await runWithLaterFaults(["run", "web", "--watch"]);
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/^note: .+retrying in/m);
  });
});

describe("codearts-run run: what reaches the start request", () => {
  it("--json prints the run id and nothing else", async () => {
    const result = await cli.run(["run", "web", "--json"]);
    expect(result.code).toBe(0);
    const id = cli.sim.startRequests().at(-1)?.runId;
    expect(result.stdout).toBe(`{"pipeline_run_id":"${id}"}\n`);
  });

  it("without --json prints the run's number and id, and how to follow it", async () => {
    const result = await cli.run(["run", "hotfix"]);
    expect(result.code).toBe(0);
    const id = cli.sim.startRequests().at(-1)?.runId;
    expect(result.stdout).toBe(`Started hotfix #2 (run ${id})\n`);
    expect(result.stderr).toContain(`codearts-run status hotfix --run ${id} --watch`);
  });

  it("sends variables, branch, stages and jobs, named as the user knows them", async () => {
    const result = await cli.run([
      "run",
      "web",
      "--branch",
      "feature/login",
      "--var",
      "env=staging",
      "--var",
      "flags=a=b",
      "--stage",
      "Build",
      "--stage",
      "Test",
      "--job",
      "Unit tests",
      "--description",
      "from the tests",
      "--json",
    ]);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    const { body, runId } = cli.sim.startRequests().at(-1) ?? {};
    expect(body).toMatchObject({
      sources: [
        {
          type: "code",
          params: {
            git_type: "codehub",
            git_url: expect.stringContaining("web-portal.git"),
            build_params: { build_type: "branch", target_branch: "feature/login", event_type: "Manual" },
          },
        },
      ],
      variables: [
        { name: "env", value: "staging" },
        { name: "flags", value: "a=b" },
      ],
      choose_stages: ["0", "1"],
      choose_jobs: [expect.stringMatching(/^\d{13}[0-9a-f]{8}-/)],
      description: "from the tests",
    });
    // The run detail of the new run shows what was asked for (the SDK model has no variables).
    const detail = await cli.run(["status", "web", "--run", String(runId), "--json"]);
    const document = JSON.parse(detail.stdout);
    expect(document).not.toHaveProperty("variables");
    expect(document.sources[0].params.build_params.target_branch).toBe("feature/login");
    expect(document.description).toBe("from the tests");
  });

  it("--tag and --commit set build_params to match", async () => {
    await cli.run(["run", "web", "--tag", "v1.4.0", "--json"]);
    expect(cli.sim.startRequests().at(-1)?.body).toMatchObject({
      sources: [{ params: { build_params: { build_type: "tag", tag: "v1.4.0" } } }],
    });
    await cli.run(["run", "web", "--commit", "0a1b2c3d", "--json"]);
    expect(cli.sim.startRequests().at(-1)?.body).toMatchObject({
      sources: [
        { params: { build_params: { build_type: "branch", target_branch: "main", commit_id: "0a1b2c3d" } } },
      ],
    });
  });

  it("without flags sends an empty body", async () => {
    await cli.run(["run", "web", "--json"]);
    expect(cli.sim.startRequests().at(-1)?.body).toEqual({});
  });

  it.each([
    [
      ["--description", "x".repeat(1025)],
      /--description is 1025 characters long; CodeArts takes at most 1024/,
    ],
    [["--var", "novalue"], /--var "novalue" is not NAME=VALUE/],
    [["--branch", "a", "--tag", "b"], /--branch and --tag cannot be combined/],
    [
      ["--output", "markdown"],
      /--output markdown is not a format a started run \(without --watch\) can be printed in/,
    ],
    [["--json", "--output", "table", "--watch"], /--json cannot be combined with --output table/],
    [["--interval", "5"], /--interval only applies to a watch/],
  ])("refuses %j before any request, with exit 2", async (flags, message) => {
    const before = cli.sim.stats().requests;
    const result = await cli.run(["run", "web", ...flags]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stderr).toMatch(/^error: .+\n(hint: .+\n)?$/);
    expect(cli.sim.stats().requests).toBe(before);
  });

  it("names the stages there are when one is unknown, and starts nothing", async () => {
    const before = cli.sim.startRequests().length;
    const result = await cli.run(["run", "web", "--stage", "Lint"]);
    expect(result.code).toBe(4);
    expect(result.stderr).toContain('error: no stage "Lint" in web\'s latest run');
    expect(result.stderr).toContain('hint: its stages: "Build", "Test", "Deploy"');
    expect(cli.sim.startRequests()).toHaveLength(before);
  });

  it("says a pipeline id that does not exist is not found (exit 4), not that it never ran", async () => {
    const result = await cli.run(["run", "0123456789abcdef0123456789abcdef", "--branch", "main"]);
    expect(result.code).toBe(4);
    expect(result.stderr).toMatch(/pipeline not found/);
    expect(result.stderr).not.toMatch(/never run/);
  });

  it("counts --description as the service does (UTF-16 units): 513 emoji are 1026", async () => {
    const result = await cli.run(["run", "web", "--description", "🚀".repeat(513)]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/--description is 1026 characters long/);
  });

  it("refuses --branch for a pipeline that never ran: its code sources are not known", async () => {
    const result = await cli.run(["run", "empty", "--branch", "main"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/error: empty has never run/);
  });

  it("starts a pipeline that never ran, when nothing needs its latest run", async () => {
    const result = await cli.run(["run", "empty", "--watch"]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/✓ empty #1 COMPLETED/);
  });
});

describe("codearts-run run never starts two runs by accident", () => {
  it("a start request whose answer is lost is made once: exit 5, and how to check", async () => {
    const before = cli.sim.startRequests().length;
    cli.sim.setFaults([{ kind: "start-lost", times: 1 }]);
    try {
      const result = await cli.run(["run", "web", "--watch"]);
      expect(result.code).toBe(5);
      expect(cli.sim.startRequests()).toHaveLength(before + 1);
      expect(result.stderr).toMatch(
        /^error: could not start the pipeline: .*504.*; the run may or may not have started, so it was not requested again\n/,
      );
      expect(result.stderr).toContain(
        "hint: check before starting it again: codearts-run runs web --limit 3\n",
      );
      expect(result.stderr).not.toMatch(/retrying/);
    } finally {
      cli.sim.setFaults([]);
    }
    // And it had started: the check the hint gives shows it.
    const runs = await cli.run(["runs", "web", "--limit", "3", "--json"]);
    expect(JSON.parse(runs.stdout)[0].pipeline_run_id).toBe(cli.sim.startRequests().at(-1)?.runId);
  });

  it("a start refused with 429 and Retry-After is sent again, and starts one run", async () => {
    const before = cli.sim.startRequests().length;
    cli.sim.setFaults([{ kind: "429", times: 1, pipeline: "web" }]);
    try {
      const result = await cli.run(["run", "web", "--json"]);
      expect(result.code).toBe(0);
      expect(result.stderr).toMatch(/note: HTTP 429; retrying in 1\.0 s/);
      expect(cli.sim.startRequests()).toHaveLength(before + 1);
    } finally {
      cli.sim.setFaults([]);
    }
  });
});
