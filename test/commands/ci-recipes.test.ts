import { mkdtemp, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type SimCli, simCli } from "./sim-cli.js";

/**
 * Every recipe of docs/ci.md, run command line by command line against the simulator, exactly as
 * written there: a recipe that stops working fails here.
 */

const DOC = new URL("../../docs/ci.md", import.meta.url);

/** The `codearts-run …` command lines of each `## ` section's code blocks. */
async function recipes(): Promise<Map<string, string[]>> {
  const text = await readFile(DOC, "utf8");
  const sections = new Map<string, string[]>();
  for (const section of text.split(/^## /m).slice(1)) {
    const title = section.slice(0, section.indexOf("\n"));
    const blocks = [...section.matchAll(/^```\w*\n([\s\S]*?)^```/gm)].map((m) => m[1] ?? "");
    const lines = blocks
      .flatMap((block) => block.split("\n"))
      .flatMap((line) => /^\s*(?:- )?(?:run: )?codearts-run (.*)$/.exec(line)?.[1] ?? []);
    sections.set(title, lines);
  }
  return sections;
}

/** The words a POSIX shell makes of a simple command line: quotes removed, $VAR expanded. */
function shellWords(line: string, env: Record<string, string>): string[] {
  const words: string[] = [];
  const expand = (text: string) =>
    text.replace(/\$\{?([A-Za-z_][A-Za-z0-9_]*)\}?/g, (_, name: string) => {
      if (env[name] === undefined) throw new Error(`the recipe uses $${name}, which the test does not set`);
      return env[name];
    });
  for (const match of line.matchAll(/"((?:[^"\\]|\\.)*)"|'([^']*)'|(\S+)/g)) {
    if (/^[|<>;&]/.test(match[0])) throw new Error(`the test runs simple commands only, not ${match[0]}`);
    words.push(match[2] ?? expand(match[1] ?? match[3] ?? ""));
  }
  return words;
}

let cli: SimCli;
let dir: string;
let sections: Map<string, string[]>;
beforeAll(async () => {
  cli = await simCli();
  dir = await mkdtemp(join(tmpdir(), "codearts-recipes-"));
  sections = await recipes();
});
afterAll(async () => {
  await cli.close();
});

function section(prefix: string): string[] {
  const found = [...sections.entries()].find(([title]) => title.startsWith(prefix));
  if (!found || found[1].length === 0) throw new Error(`docs/ci.md has no commands under "## ${prefix}"`);
  return found[1];
}

async function runLines(lines: string[], env: Record<string, string>, pipeline = "web") {
  const results = [];
  for (const line of lines) {
    const args = shellWords(line, env).map((word) => (word === "web" ? pipeline : word));
    results.push({ line, ...(await cli.run(args, { env, overrides: { cwd: dir } })) });
  }
  return results;
}

describe("docs/ci.md recipes", () => {
  it("GitHub Actions: starts the pipeline for the pushed commit, passes with it, reports to the job", async () => {
    const summary = join(dir, "github-summary.md");
    const env = {
      GITHUB_ACTIONS: "true",
      GITHUB_STEP_SUMMARY: summary,
      GITHUB_REF_NAME: "main",
      GITHUB_SHA: "3f2a9c1d",
    };
    const [gate, logs] = await runLines(section("GitHub Actions"), env);
    expect(gate?.code).toBe(0);
    expect(cli.sim.startRequests().at(-1)?.body).toMatchObject({
      sources: [{ params: { build_params: { target_branch: "main", commit_id: "3f2a9c1d" } } }],
    });
    expect(await readFile(summary, "utf8")).toMatch(/COMPLETED/);
    expect(await readFile(join(dir, "codearts-junit.xml"), "utf8")).toMatch(/^<\?xml/);
    expect(logs?.code).toBe(0);
  });

  it("GitHub Actions: fails with a run that fails, with annotations and the failed step's log", async () => {
    const env = {
      GITHUB_ACTIONS: "true",
      GITHUB_STEP_SUMMARY: join(dir, "s.md"),
      GITHUB_REF_NAME: "main",
      GITHUB_SHA: "3f2a9c1d",
    };
    const [gate, logs] = await runLines(section("GitHub Actions"), env, "api");
    expect(gate?.code).toBe(1);
    expect(gate?.stderr).toMatch(/^::error title=Test \/ Unit tests \/ Run tests::/m);
    expect(logs?.stdout).toMatch(/^::group::Test \/ Unit tests \/ Run tests\n/);
  });

  it("GitLab CI: the gate and its reports", async () => {
    const env = { GITLAB_CI: "true", CI_COMMIT_REF_NAME: "release/1.4", CI_COMMIT_SHA: "77aa01" };
    const [gate] = await runLines(section("GitLab CI"), env);
    expect(gate?.code).toBe(0);
    expect(cli.sim.startRequests().at(-1)?.body).toMatchObject({
      sources: [{ params: { build_params: { target_branch: "release/1.4", commit_id: "77aa01" } } }],
    });
    expect(await readFile(join(dir, "codearts.md"), "utf8")).toMatch(/COMPLETED/);
    const [failed] = await runLines(section("GitLab CI"), env, "docs");
    expect(failed?.code).toBe(6);
  });

  it("a CodeArts step that waits for another pipeline exits with that pipeline's run", async () => {
    const passed = await runLines(section("A CodeArts pipeline step"), {});
    expect(passed.map((r) => r.code)).toEqual([0, 0]);
    const failed = await runLines(section("A CodeArts pipeline step"), {}, "api");
    expect(failed.map((r) => r.code)).toEqual([1, 1]);
  });

  it("the cron check prints one markdown table of every pipeline, exit 1 when one failed", async () => {
    const [check] = await runLines(section("A cron check"), {});
    expect(check?.code).toBe(1);
    const lines = check?.stdout.trimEnd().split("\n") ?? [];
    expect(lines[0]).toBe("| Pipeline | Status | Run | Branch | Started | Duration |");
    expect(lines).toHaveLength(2 + cli.sim.pipelines.length);
    expect(check?.stdout).toMatch(/^\| empty \| .*NEVER_RUN/m);
  });
});
