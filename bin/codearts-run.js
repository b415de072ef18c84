#!/usr/bin/env node
// The installed command: loads the bundled CLI (dist/, made by `npm install` through `prepare`).
import { readFileSync } from "node:fs";

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
  // Node ≥ 22.1 keeps the compiled bundle on disk between runs; Node 20 has no such cache.
  module.enableCompileCache?.();
  // undici parses HTTP with a WebAssembly build of llhttp. V8 compiles it quickly (Liftoff), then
  // again optimised in the background, and Node waits for that second compile before it exits:
  // about 150 ms at the end of every one-shot command. The quick code is plenty for a few answers.
  v8.setFlagsFromString("--liftoff-only");
  // Stack traces under --debug point at src/*.ts; source maps are not even read otherwise.
  if (args.includes("--debug")) process.setSourceMapsEnabled(true);

  try {
    await import("../dist/main.js");
  } catch (error) {
    if (error?.code === "ERR_MODULE_NOT_FOUND" && String(error.message).includes("dist/main.js")) {
      process.stderr.write(
        "error: codearts-run is not built\nhint: run `npm install` (or `npm run build`) in its folder\n",
      );
      process.exitCode = 2;
    } else {
      throw error;
    }
  }
}
