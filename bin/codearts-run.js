#!/usr/bin/env node
// The installed command: runs the bundled CLI (dist/, made by `npm install` through `prepare`).
// A CommonJS script (bin/package.json): Node starts one about 6 ms sooner than an ES module.
const { readFileSync, writeFileSync } = require("node:fs");
const path = require("node:path");

const args = process.argv.slice(2);
if (args.length === 1 && (args[0] === "--version" || args[0] === "-V")) {
  // Answered here, without loading the bundle: scripts ask it often, and it costs a bare `node`.
  const { version } = JSON.parse(readFileSync(path.join(__dirname, "../package.json"), "utf8"));
  // As the CLI does (src/output-failure.ts): a full disk or failing stdout is exit 8, one error
  // line; a reader that went away (EPIPE) is nobody's error.
  process.stdout.on("error", (error) => {
    if (error.code === "EPIPE") return;
    process.stderr.write(`error: could not write to standard output (${error.code ?? error.message})\n`);
    process.exitCode = 8;
  });
  process.stdout.write(`${version}\n`);
} else {
  runBundle();
}

function runBundle() {
  // undici parses HTTP with a WebAssembly build of llhttp. V8 compiles it quickly (Liftoff), then
  // again optimised in the background, and Node waits for that second compile before it exits:
  // about 150 ms at the end of every one-shot command. The quick code is plenty for a few answers.
  require("node:v8").setFlagsFromString("--liftoff-only");
  const bundle = path.join(__dirname, "../dist/main.cjs");
  let source;
  try {
    source = readFileSync(bundle, "utf8");
  } catch (error) {
    if (error?.code !== "ENOENT") throw error;
    process.stderr.write(
      "error: codearts-run is not built\nhint: run `npm install` (or `npm run build`) in its folder\n",
    );
    process.exitCode = 2;
    return;
  }
  const module = require("node:module");
  if (args.includes("--debug")) {
    // Stack traces under --debug point at src/*.ts; source maps are not even read otherwise.
    process.setSourceMapsEnabled(true);
    require(bundle);
  } else if (module.enableCompileCache) {
    // Node ≥ 22.1 keeps the compiled bundle on disk between runs by itself.
    module.enableCompileCache();
    require(bundle);
  } else {
    runWithCodeCache(bundle, source);
  }
}

/**
 * Node 20: the bundle is compiled with the V8 code cache the build saved beside it
 * (esbuild.config.mjs). A cache that is missing, from another build (named by the build id at the
 * bundle's end), from another Node or damaged is not used: V8 then compiles from source as usual.
 */
function runWithCodeCache(bundle, source) {
  // Read from the end with lastIndexOf: an end-anchored regular expression scans the whole megabyte.
  const marker = "//# codeartsBuild=";
  const at = source.lastIndexOf(marker);
  const id = at < 0 ? undefined : /^\w+/.exec(source.slice(at + marker.length))?.[0];
  const cacheFile = id && path.join(path.dirname(bundle), `main-${id}.cache`);
  let cachedData;
  try {
    cachedData = cacheFile ? readFileSync(cacheFile) : undefined;
  } catch {
    cachedData = undefined;
  }
  const vm = require("node:vm");
  const wrapper = `(function (exports, require, module, __filename, __dirname) {${source}\n})`;
  const script = new vm.Script(wrapper, { filename: bundle, cachedData });
  // For the build and its tests only: "write" saves the cache after this command (so it holds
  // every function the command compiled); "report" says on stderr whether the cache was used.
  const mode = process.env.CODEARTS_RUN_CODE_CACHE;
  if (mode === "write" && cacheFile)
    process.on("exit", () => writeFileSync(cacheFile, script.createCachedData()));
  if (mode === "report") {
    const state = cachedData === undefined ? "missing" : script.cachedDataRejected ? "rejected" : "used";
    process.stderr.write(`code cache: ${state}\n`);
  }
  const cjsModule = { exports: {} };
  const bundleRequire = require("node:module").createRequire(bundle);
  script.runInThisContext()(cjsModule.exports, bundleRequire, cjsModule, bundle, path.dirname(bundle));
}
