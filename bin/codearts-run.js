#!/usr/bin/env node
// The installed command: runs the bundled CLI (dist/, made by `npm install` through `prepare`).
import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

const args = process.argv.slice(2);
if (args.length === 1 && (args[0] === "--version" || args[0] === "-V")) {
  // Answered here, without loading the bundle: scripts ask it often, and it costs a bare `node`.
  const { version } = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8"));
  process.stdout.write(`${version}\n`);
} else {
  await runBundle();
}

async function runBundle() {
  const [{ default: module }, { default: v8 }] = await Promise.all([
    import("node:module"),
    import("node:v8"),
  ]);
  // undici parses HTTP with a WebAssembly build of llhttp. V8 compiles it quickly (Liftoff), then
  // again optimised in the background, and Node waits for that second compile before it exits:
  // about 150 ms at the end of every one-shot command. The quick code is plenty for a few answers.
  v8.setFlagsFromString("--liftoff-only");
  const bundle = new URL("../dist/main.cjs", import.meta.url);
  const require = module.createRequire(bundle);
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
  if (args.includes("--debug")) {
    // Stack traces under --debug point at src/*.ts; source maps are not even read otherwise.
    process.setSourceMapsEnabled(true);
    require(fileURLToPath(bundle));
  } else if (module.enableCompileCache) {
    // Node ≥ 22.1 keeps the compiled bundle on disk between runs by itself.
    module.enableCompileCache();
    require(fileURLToPath(bundle));
  } else {
    const vm = await import("node:vm");
    runWithCodeCache(vm, require, bundle, source);
  }
}

/**
 * Node 20: the bundle is compiled with the V8 code cache the build saved beside it
 * (esbuild.config.mjs). A cache that is missing, from another build (named by the build id at the
 * bundle's end), from another Node or damaged is not used: V8 then compiles from source as usual.
 */
function runWithCodeCache(vm, require, bundle, source) {
  const id = /\/\/# codeartsBuild=(\w+)\n$/.exec(source)?.[1];
  const cacheFile = id && new URL(`main-${id}.cache`, bundle);
  let cachedData;
  try {
    cachedData = cacheFile ? readFileSync(cacheFile) : undefined;
  } catch {
    cachedData = undefined;
  }
  const filename = fileURLToPath(bundle);
  const wrapper = `(function (exports, require, module, __filename, __dirname) {${source}\n})`;
  const script = new vm.Script(wrapper, { filename, cachedData });
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
  script.runInThisContext()(
    cjsModule.exports,
    require,
    cjsModule,
    filename,
    fileURLToPath(new URL(".", bundle)),
  );
}
