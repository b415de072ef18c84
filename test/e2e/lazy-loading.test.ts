import { appendFileSync } from "node:fs";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningSimulator, startSimulator } from "../../src/simulator/index.js";
import { runBinary } from "./cli.js";

/**
 * The bundle loads the drawing libraries, the config loaders and the simulator only on the paths
 * that use them. Checked twice: in esbuild's metafile (what `status` can reach through static
 * imports) and at run time (which files of dist/ a real `status --json` loads).
 */

const ROOT = fileURLToPath(new URL("../..", import.meta.url));

interface Metafile {
  outputs: Record<
    string,
    {
      entryPoint?: string;
      imports: { path: string; kind: string; external?: boolean }[];
      inputs: Record<string, unknown>;
    }
  >;
}

let metafile: Metafile;

/** Output files loaded as soon as `file` is: it and its static imports, transitively. */
function staticClosure(file: string, seen = new Set<string>()): Set<string> {
  if (seen.has(file)) return seen;
  seen.add(file);
  for (const imported of metafile.outputs[file]?.imports ?? []) {
    if (imported.kind === "import-statement" && metafile.outputs[imported.path]) {
      staticClosure(imported.path, seen);
    }
  }
  return seen;
}

function outputOf(entryPoint: string): string {
  const found = Object.entries(metafile.outputs).find(([, output]) => output.entryPoint === entryPoint);
  if (!found) throw new Error(`no output for ${entryPoint} in dist/metafile.json`);
  return found[0];
}

/**
 * The source files and packages bundled into these output files, and the packages left outside
 * the bundle (cosmiconfig) that they import statically, as `node_modules/<name>/`.
 */
function inputsOf(files: Iterable<string>): string[] {
  return [...files].flatMap((file) => {
    const output = metafile.outputs[file];
    if (!output) return [file];
    const external = output.imports.filter((i) => i.external && i.kind === "import-statement");
    return [...Object.keys(output.inputs), ...external.map((i) => `node_modules/${i.path}/`)];
  });
}

// What `status --json` must never load: rendering, config parsing, the watch and the simulator.
const HEAVY = [
  /node_modules\/chalk\//,
  /node_modules\/ora\//,
  /node_modules\/cosmiconfig\//,
  /node_modules\/js-yaml\//,
  /src\/render\/(run-table|tree-table|style)\.ts$/,
  /src\/watch\/watch-status\.ts$/,
  /src\/simulator\//,
];

function heavyAmong(inputs: string[]): string[] {
  return inputs.filter((input) => HEAVY.some((pattern) => pattern.test(input)));
}

beforeAll(async () => {
  metafile = JSON.parse(await readFile(path.join(ROOT, "dist/metafile.json"), "utf8")) as Metafile;
});

describe("the bundle's metafile", () => {
  it("reaches no rendering, config-file or simulator code from `status` through static imports", () => {
    const files = new Set([
      ...staticClosure(outputOf("src/main.ts")),
      ...staticClosure(outputOf("src/commands/status.ts")),
    ]);
    expect(heavyAmong(inputsOf(files))).toEqual([]);
  });

  it("finds chalk and the table renderer where the table is drawn, so the check above can see them", () => {
    const inputs = inputsOf(staticClosure(outputOf("src/commands/status-view.ts")));
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

// A module hook, preloaded with NODE_OPTIONS, that appends the URL of every file the CLI loads.
const TRACE_HOOKS = `import { appendFileSync } from "node:fs";
export async function load(url, context, next) {
  if (url.startsWith("file:")) appendFileSync(process.env.LOAD_TRACE, url + "\\n");
  return next(url, context);
}`;
const TRACE_REGISTER = `import { register } from "node:module";
register(${JSON.stringify(`data:text/javascript,${encodeURIComponent(TRACE_HOOKS)}`)});`;

describe("what a real run loads", () => {
  let sim: RunningSimulator;
  let dir: string;

  beforeAll(async () => {
    sim = await startSimulator();
    dir = await mkdtemp(path.join(tmpdir(), "codearts-lazy-"));
  });
  afterAll(async () => {
    await sim.close();
    await rm(dir, { recursive: true, force: true });
  });

  /**
   * Runs `codearts-run status web …` in `cwd` and returns what it loaded: the inputs of every dist/
   * file, and any other file (node_modules/cosmiconfig/…) by its path.
   */
  async function loadedInputs(cwd: string, extraArgs: string[]): Promise<string[]> {
    const trace = path.join(dir, `trace-${Math.random().toString(36).slice(2)}.txt`);
    appendFileSync(trace, "");
    const result = await runBinary(
      ["status", sim.pipeline("web").id, ...extraArgs],
      {
        HOME: dir,
        CODEARTS_ENDPOINT: sim.url,
        CODEARTS_TOKEN: sim.token,
        CODEARTS_PROJECT_ID: sim.projectId,
        LOAD_TRACE: trace,
        NODE_OPTIONS: `--import=data:text/javascript,${encodeURIComponent(TRACE_REGISTER)}`,
      },
      { cwd },
    );
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    const loaded = (await readFile(trace, "utf8"))
      .split("\n")
      .filter((url) => url.startsWith("file:"))
      .map((url) => path.relative(ROOT, fileURLToPath(url)));
    expect(loaded).toContain("dist/main.js");
    return inputsOf(loaded);
  }

  it("`status --json` without a config file loads none of it", async () => {
    const cwd = await mkdtemp(path.join(dir, "plain-"));
    // A package.json without a "codearts" key, as in any Node project, is no reason to load cosmiconfig.
    await writeFile(path.join(cwd, "package.json"), '{"name": "app"}');
    expect(heavyAmong(await loadedInputs(cwd, ["--json"]))).toEqual([]);
  });

  it("loads cosmiconfig when a config file is there, and chalk and the renderer for the table", async () => {
    const cwd = await mkdtemp(path.join(dir, "configured-"));
    await writeFile(path.join(cwd, ".codeartsrc"), "output: table\n", { mode: 0o600 });
    const inputs = await loadedInputs(cwd, []);
    expect(inputs.some((input) => input.includes("node_modules/cosmiconfig/"))).toBe(true);
    expect(inputs.some((input) => input.includes("node_modules/chalk/"))).toBe(true);
    expect(inputs).toContain("src/render/tree-table.ts");
    expect(inputs.some((input) => input.includes("src/simulator/"))).toBe(false);
  });
});
