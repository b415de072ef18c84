import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { errorAnnotation, escapeData, escapeProperty } from "../../src/ci/github.js";
import { type SimCli, simCli } from "../commands/sim-cli.js";

/** What codearts-run leaves for GitHub Actions and GitLab CI, and the report files it writes anywhere. */

let cli: SimCli;
let dir: string;
beforeAll(async () => {
  cli = await simCli();
  dir = await mkdtemp(join(tmpdir(), "codearts-ci-"));
});
afterAll(async () => {
  await cli.close();
});

function github(summary: string): Record<string, string> {
  return { GITHUB_ACTIONS: "true", GITHUB_STEP_SUMMARY: summary };
}

describe("in GitHub Actions", () => {
  it("appends the run's markdown to the job summary and annotates each failed step", async () => {
    const summary = join(dir, "step-summary.md");
    await writeFile(summary, "earlier step\n");
    const result = await cli.run(["status", "api"], { env: github(summary) });
    expect(result.code).toBe(1);
    const markdown = (await cli.run(["status", "api", "-o", "markdown"])).stdout;
    expect(await readFile(summary, "utf8")).toBe(`earlier step\n${markdown}\n`);
    // The title is a property (":" and "," encoded), the message is data (they stay).
    expect(result.stderr).toBe(
      "::error title=Test / Unit tests / Run tests::npm test exited with code 1: 3 tests failed\n",
    );
    // The table on stdout is what it is without GitHub.
    expect(result.stdout).toBe((await cli.run(["status", "api"])).stdout);
  });

  it("annotates nothing for a run that passed, but still writes the summary", async () => {
    const summary = join(dir, "passed.md");
    const result = await cli.run(["status", "web"], { env: github(summary) });
    expect(result.code).toBe(0);
    expect(result.stderr).toBe("");
    expect(await readFile(summary, "utf8")).toContain("COMPLETED");
  });

  it("does the same at the end of a watch in line mode", async () => {
    const summary = join(dir, "watched.md");
    const result = await cli.run(["run", "api", "--watch"], { env: { ...github(summary), CI: "true" } });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      /::error title=Test \/ Unit tests \/ Run tests::npm test exited with code 1: 3 tests failed\n$/,
    );
    expect(await readFile(summary, "utf8")).toMatch(/FAILED/);
  });

  it("wraps each step's log in a group", async () => {
    const result = await cli.run(["logs", "api"], { env: github(join(dir, "unused.md")) });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^::group::Test \/ Unit tests \/ Run tests\n[\s\S]*\n::endgroup::\n$/);
  });

  it("--no-ci-integration turns all of it off", async () => {
    const summary = join(dir, "off.md");
    const status = await cli.run(["--no-ci-integration", "status", "api"], { env: github(summary) });
    expect(status.stderr).toBe("");
    await expect(readFile(summary, "utf8")).rejects.toThrow(/ENOENT/);
    const logs = await cli.run(["--no-ci-integration", "logs", "api"], { env: github(summary) });
    expect(logs.stdout).not.toContain("::group::");
  });
});

describe("in GitLab CI", () => {
  it("folds each step's log into a collapsed section", async () => {
    const result = await cli.run(["logs", "api"], { env: { GITLAB_CI: "true" } });
    const start =
      /^\u001b\[0Ksection_start:\d+:codearts_step_1\[collapsed=true\]\r\u001b\[0KTest \/ Unit tests \/ Run tests\n/;
    expect(result.stdout).toMatch(start);
    expect(result.stdout).toMatch(/\u001b\[0Ksection_end:\d+:codearts_step_1\r\u001b\[0K\n$/);
  });
});

describe("--summary-file and --junit-file, anywhere", () => {
  it("write the markdown and JUnit reports beside the normal output", async () => {
    const summary = join(dir, "summary.md");
    const junit = join(dir, "junit.xml");
    const result = await cli.run(["status", "api", "--summary-file", summary, "--junit-file", junit]);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe((await cli.run(["status", "api"])).stdout);
    expect(await readFile(summary, "utf8")).toBe((await cli.run(["status", "api", "-o", "markdown"])).stdout);
    expect(await readFile(junit, "utf8")).toBe((await cli.run(["status", "api", "-o", "junit"])).stdout);
  });

  it("refuses a path whose folder does not exist before starting anything", async () => {
    const before = cli.sim.stats().requests;
    const result = await cli.run(["run", "web", "--watch", "--junit-file", join(dir, "nope", "junit.xml")]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^error: --junit-file .+: the folder .+nope does not exist\n/);
    expect(cli.sim.stats().requests).toBe(before);
  });

  it("are refused beside several pipelines", async () => {
    const result = await cli.run(["status", "web", "api", "--summary-file", join(dir, "x.md")]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/--summary-file applies to one pipeline's run/);
  });
});

describe("GitHub workflow command escaping", () => {
  it("percent-encodes what the runner would read as structure", () => {
    expect(escapeData("50% done\r\nnext")).toBe("50%25 done%0D%0Anext");
    expect(escapeProperty("a: b, c")).toBe("a%3A b%2C c");
  });

  it("keeps a message on one line, so server text cannot start a command of its own", () => {
    const line = errorAnnotation("Build, step: 1", "failed\n::warning::injected\u001b[31m");
    expect(line).toBe("::error title=Build%2C step%3A 1::failed%0A::warning::injected\n");
    expect(line.split("\n")).toHaveLength(2);
  });
});
