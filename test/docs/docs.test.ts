import { existsSync } from "node:fs";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EXIT_CODE_HELP, ExitCode } from "../../src/core/exit-codes.js";
import { builtBinHelp, COMMANDS_MD, commandReference, type HelpOf } from "./command-reference.js";
import { headingAnchors, linkTargets, tableUnder } from "./markdown.js";

const root = fileURLToPath(new URL("../..", import.meta.url));
const read = (file: string) => readFile(path.join(root, file), "utf8");

/** The README, CONTRIBUTING.md when there is one, and everything in docs/. */
async function documents(): Promise<string[]> {
  const docs = (await readdir(path.join(root, "docs"))).filter((name) => name.endsWith(".md"));
  return ["README.md", "CONTRIBUTING.md", ...docs.map((name) => `docs/${name}`)].filter((file) =>
    existsSync(path.join(root, file)),
  );
}

describe("docs/commands.md", () => {
  let spawned: { helpOf: HelpOf; close: () => Promise<void> };
  beforeAll(async () => {
    spawned = await builtBinHelp(root);
  });
  afterAll(() => spawned.close());

  it("is what the CLI's --help says today", async () => {
    const expected = await commandReference(spawned.helpOf);
    const actual = await read(COMMANDS_MD);
    expect(actual, "docs/commands.md is stale: run npm run docs").toBe(expected);
  });

  it("has a section for every command the top-level help lists", async () => {
    const reference = await read(COMMANDS_MD);
    const top = await spawned.helpOf([]);
    const listed = [...top.matchAll(/^ {2}([a-z][\w-]*) /gm)].map((m) => m[1]).filter((n) => n !== "help");
    expect(listed).toContain("status");
    for (const name of listed) expect(reference).toContain(`\n## codearts-run ${name}\n`);
  });
});

describe("README.md", () => {
  it("has the exit-code table of src/core/exit-codes.ts, code for code and word for word", async () => {
    const rows = tableUnder(await read("README.md"), "Exit codes");
    const help = [...EXIT_CODE_HELP.matchAll(/^ {2}(\d+) +(.+)$/gm)].map((m) => [m[1], m[2]]);
    expect(rows, "README.md's exit-code table differs from EXIT_CODE_HELP in src/core/exit-codes.ts").toEqual(
      help,
    );
    const codes = Object.values(ExitCode)
      .map(String)
      .sort((a, b) => Number(a) - Number(b));
    expect(
      rows.map(([code]) => code),
      "README.md's exit codes differ from ExitCode",
    ).toEqual(codes);
  });

  it("fits a newcomer: at most 10 KB, the two commands to try first in its first code block", async () => {
    const readme = await read("README.md");
    expect(Buffer.byteLength(readme)).toBeLessThanOrEqual(10 * 1024);
    const firstBlock = /```sh\n([\s\S]*?)```/.exec(readme)?.[1] ?? "";
    expect(firstBlock).toMatch(/^npm install && npm run demo\b/m);
    expect(firstBlock).toMatch(/^npm test\b/m);
  });
});

describe("the docs' exit codes", () => {
  it("name only codes the CLI has", async () => {
    const codes = new Set(Object.values(ExitCode).map(String));
    for (const file of await documents()) {
      const text = await read(file);
      for (const title of ["Exit codes", "codearts-run in CI"]) {
        for (const [code] of tableUnder(text, title)) expect(codes, `${file}: exit ${code}`).toContain(code);
      }
    }
  });
});

describe("links between the docs", () => {
  it("lead to files that exist and to headings those files have", async () => {
    const broken: string[] = [];
    for (const file of await documents()) {
      for (const target of linkTargets(await read(file))) {
        if (/^[a-z]+:/i.test(target)) continue;
        const [file_, anchor] = target.split("#") as [string, string | undefined];
        const linked = file_ === "" ? file : path.posix.join(path.posix.dirname(file), file_);
        if (!existsSync(path.join(root, linked))) {
          broken.push(`${file}: ${target} (no ${linked})`);
        } else if (anchor !== undefined && linked.endsWith(".md")) {
          if (!headingAnchors(await read(linked)).has(anchor)) broken.push(`${file}: ${target} (no heading)`);
        }
      }
    }
    expect(broken, "links in README.md, CONTRIBUTING.md or docs/ that lead nowhere").toEqual([]);
  });
});
