import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningSimulator, startSimulator } from "../../src/simulator/index.js";
import { runBinary } from "./cli.js";

/**
 * The bundle runs the drawing libraries, the config loaders and the simulator only on the paths
 * that use them. Checked twice: in esbuild's metafile (what `status` reaches through imports and
 * requires that run as soon as the module does, not through `import()`), and at run time (which
 * packages outside the bundle, cosmiconfig, a real `status --json` loads).
 */

const ROOT = fileURLToPath(new URL("../..", import.meta.url));

interface Metafile {
  inputs: Record<string, { imports: { path: string; kind: string; external?: boolean }[] }>;
  outputs: Record<string, { inputs: Record<string, unknown> }>;
}

let metafile: Metafile;

/** Inputs run as soon as `input` is: it and what it imports or requires, transitively. */
function staticClosure(input: string, seen = new Set<string>()): Set<string> {
  if (seen.has(input)) return seen;
  seen.add(input);
  for (const imported of metafile.inputs[input]?.imports ?? []) {
    if (imported.kind === "dynamic-import") continue;
    // A package left outside the bundle is named as node_modules/<name>/, as the patterns below expect.
    if (imported.external && !imported.path.startsWith("node:")) seen.add(`node_modules/${imported.path}/`);
    else staticClosure(imported.path, seen);
  }
  return seen;
}

// What `status --json` must never run: rendering, config parsing, the watch and the simulator.
const HEAVY = [
  /node_modules\/chalk\//,
  /node_modules\/ora\//,
  /node_modules\/cosmiconfig\//,
  /node_modules\/js-yaml\//,
  /src\/render\/(run-table|tree-table|style)\.ts$/,
  /src\/watch\/watch-status\.ts$/,
  /src\/simulator\//,
];

function heavyAmong(inputs: Iterable<string>): string[] {
  return [...inputs].filter((input) => HEAVY.some((pattern) => pattern.test(input)));
}

beforeAll(async () => {
  metafile = JSON.parse(await readFile(path.join(ROOT, "dist/metafile.json"), "utf8")) as Metafile;
});

describe("the bundle's metafile", () => {
  it("reaches no rendering, config-file or simulator code from `status` but through import()", () => {
    const inputs = new Set([...staticClosure("src/main.ts"), ...staticClosure("src/handlers/status.ts")]);
    expect(inputs.has("src/api/http.ts")).toBe(true);
    expect(heavyAmong(inputs)).toEqual([]);
  });

  it("finds chalk and the table renderer where the table is drawn, so the check above can see them", () => {
    const inputs = [...staticClosure("src/handlers/status-view.ts")];
    expect(inputs.some((input) => input.includes("node_modules/chalk/"))).toBe(true);
    expect(inputs).toContain("src/render/tree-table.ts");
  });

  it("bundles only undici's Agent, not its fetch, WebSocket or mocks", () => {
    const inputs = Object.values(metafile.outputs).flatMap((output) => Object.keys(output.inputs));
    expect(inputs.some((input) => input.includes("node_modules/undici/lib/dispatcher/agent.js"))).toBe(true);
    const unused =
      /node_modules\/undici\/lib\/(mock\/|cache\/|web\/websocket\/|web\/eventsource\/|web\/fetch\/index\.js)/;
    expect(inputs.filter((input) => unused.test(input))).toEqual([]);
  });
});

describe("what a real run loads", () => {
  let sim: RunningSimulator;
  let dir: string;
  let hook: string;

  beforeAll(async () => {
    sim = await startSimulator();
    dir = await mkdtemp(path.join(tmpdir(), "codearts-lazy-"));
    // Preloaded with NODE_OPTIONS: at exit, appends every CommonJS file the process loaded.
    hook = path.join(dir, "trace.cjs");
    await writeFile(
      hook,
      `process.on("exit", () => require("node:fs").appendFileSync(process.env.LOAD_TRACE, Object.keys(require.cache).join("\\n")));`,
    );
  });
  afterAll(async () => {
    await sim.close();
    await rm(dir, { recursive: true, force: true });
  });

  /** Runs `codearts-run status web …` in `cwd` and returns the files it loaded, relative to the project. */
  async function loadedFiles(cwd: string, extraArgs: string[]): Promise<string[]> {
    const trace = path.join(dir, `trace-${Math.random().toString(36).slice(2)}.txt`);
    await writeFile(trace, "");
    const result = await runBinary(
      ["status", sim.pipeline("web").id, ...extraArgs],
      {
        HOME: dir,
        CODEARTS_ENDPOINT: sim.url,
        CODEARTS_TOKEN: sim.token,
        CODEARTS_PROJECT_ID: sim.projectId,
        LOAD_TRACE: trace,
        NODE_OPTIONS: `--require=${hook}`,
      },
      { cwd },
    );
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("COMPLETED");
    return (await readFile(trace, "utf8")).split("\n").map((file) => path.relative(ROOT, file));
  }

  it("`status --json` without a config file loads no config loader", async () => {
    const cwd = await mkdtemp(path.join(dir, "plain-"));
    // A package.json without a "codearts" key, as in any Node project, is no reason to load cosmiconfig.
    await writeFile(path.join(cwd, "package.json"), '{"name": "app"}');
    expect(heavyAmong(await loadedFiles(cwd, ["--json"]))).toEqual([]);
  });

  it("loads cosmiconfig when a config file is there", async () => {
    const cwd = await mkdtemp(path.join(dir, "configured-"));
    await writeFile(path.join(cwd, ".codeartsrc"), "output: table\n", { mode: 0o600 });
    const files = await loadedFiles(cwd, []);
    expect(files.some((file) => file.includes("node_modules/cosmiconfig/"))).toBe(true);
  });
});
