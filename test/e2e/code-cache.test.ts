import { spawn } from "node:child_process";
import { cp, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import module from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createManualClock, type RunningSimulator, startSimulator } from "../../src/simulator/index.js";

/**
 * The V8 code cache the build saves beside dist/main.cjs: used when it belongs to this bundle,
 * and when it is missing, damaged or made for other code the CLI still answers exactly the same.
 * Run on a copy of bin/ and dist/, so the project's own build is never touched.
 */

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
// Node ≥ 22.1 has a compile cache of its own, which the bin uses instead (and reports nothing).
const usesOwnCache = typeof (module as { enableCompileCache?: unknown }).enableCompileCache !== "function";

let sim: RunningSimulator;
let copy: string;
let cacheFile: string;
let expected: string;

beforeAll(async () => {
  // A fixed clock: the same document for every request, so answers compare byte for byte.
  sim = await startSimulator({ clock: createManualClock(Date.UTC(2026, 10, 28, 12)) });
  copy = await mkdtemp(path.join(tmpdir(), "codearts-cache-"));
  await cp(path.join(ROOT, "bin"), path.join(copy, "bin"), { recursive: true });
  await cp(path.join(ROOT, "package.json"), path.join(copy, "package.json"));
  const dist = await readdir(path.join(ROOT, "dist"));
  const cache = dist.find((file) => /^main-\w+\.cache$/.test(file));
  if (!cache) throw new Error("the build saved no code cache in dist/");
  for (const file of ["main.cjs", cache])
    await cp(path.join(ROOT, "dist", file), path.join(copy, "dist", file));
  cacheFile = path.join(copy, "dist", cache);
  const response = await fetch(
    `${sim.url}/v5/${sim.projectId}/api/pipelines/${sim.pipeline("web").id}/pipeline-runs/detail`,
    { headers: { "X-Auth-Token": sim.token } },
  );
  const body = await response.text();
  // --json prints the bytes as received, ending with a newline.
  expected = body.endsWith("\n") ? body : `${body}\n`;
});
afterAll(async () => {
  await sim.close();
  await rm(copy, { recursive: true, force: true });
});

/** `status web --json` through the copied bin, and what it said about the code cache. */
async function statusJson(): Promise<{ stdout: string; code: number; cache: string | undefined }> {
  const bin = path.join(copy, "bin/codearts-run.js");
  const env = {
    PATH: process.env.PATH ?? "",
    HOME: copy,
    CODEARTS_ENDPOINT: sim.url,
    CODEARTS_TOKEN: sim.token,
    CODEARTS_PROJECT_ID: sim.projectId,
    CODEARTS_RUN_CODE_CACHE: "report",
  };
  const child = spawn(process.execPath, [bin, "status", sim.pipeline("web").id, "--json"], {
    env,
    cwd: copy,
  });
  let stdout = "";
  let stderr = "";
  child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
    stdout += chunk;
  });
  child.stderr.setEncoding("utf8").on("data", (chunk: string) => {
    stderr += chunk;
  });
  const code = await new Promise<number>((resolve) => child.on("close", (exit) => resolve(exit ?? -1)));
  return { stdout, code, cache: /^code cache: (\w+)$/m.exec(stderr)?.[1] };
}

const answer = (cache: string) => ({ stdout: expected, code: 0, cache: usesOwnCache ? cache : undefined });

describe("the code cache", () => {
  it("is used when it belongs to the bundle", async () => {
    expect(await statusJson()).toEqual(answer("used"));
  });

  it("is not used, and the answer is the same, when it is damaged", async () => {
    const good = await readFile(cacheFile);
    await writeFile(cacheFile, good.subarray(0, good.length / 2));
    expect(await statusJson()).toEqual(answer("rejected"));
    await writeFile(cacheFile, Buffer.alloc(good.length, 7));
    expect(await statusJson()).toEqual(answer("rejected"));
    await writeFile(cacheFile, good);
  });

  it("is not used when it was made for other code under the same build id", async () => {
    const bundle = path.join(copy, "dist/main.cjs");
    const source = await readFile(bundle, "utf8");
    await writeFile(bundle, `/* edited */${source}`);
    expect(await statusJson()).toEqual(answer("rejected"));
    await writeFile(bundle, source);
  });

  it("is not needed: without it the CLI compiles from source", async () => {
    await rm(cacheFile);
    expect(await statusJson()).toEqual(answer("missing"));
  });
});
