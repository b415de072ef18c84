/**
 * `npm run build`: bundles the CLI (and the bench) into dist/ with esbuild. Code splitting turns
 * every dynamic `import()` into a chunk loaded only when that path runs, so `status --json` never
 * parses chalk, cosmiconfig or the simulator. Typechecking stays with `tsc --noEmit`.
 */
import { rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { build } from "esbuild";

/**
 * src/api/http.ts takes only `Agent` and `errors` from undici. The package's index also loads
 * fetch, WebSocket, the cache and the mock agents: 1.1 MB bundled, about 70 ms of start-up on a busy
 * 2-core machine; the two modules alone are 0.45 MB. Any other import of undici fails the build, so
 * a new use of it cannot silently get `undefined`.
 */
const undiciAgentOnly = {
  name: "undici-agent-only",
  setup(build) {
    build.onResolve({ filter: /^undici$/ }, (args) => {
      if (!args.importer.endsWith(path.join("src", "api", "http.ts"))) {
        return {
          errors: [
            { text: `only src/api/http.ts may import undici (esbuild.config.mjs), not ${args.importer}` },
          ],
        };
      }
      return { path: "undici", namespace: "undici-agent-only" };
    });
    // As undici's index.js does: the request API lives on Dispatcher's prototype.
    build.onLoad({ filter: /.*/, namespace: "undici-agent-only" }, () => ({
      contents: `
        const Dispatcher = require("undici/lib/dispatcher/dispatcher.js");
        Object.assign(Dispatcher.prototype, { request: require("undici/lib/api/api-request.js") });
        module.exports = { Agent: require("undici/lib/dispatcher/agent.js"), errors: require("undici/lib/core/errors.js") };`,
      resolveDir: process.cwd(),
      loader: "js",
    }));
  },
};

/** The bundle's build options; the metafile test checks what each command's path loads. */
export const buildOptions = {
  entryPoints: {
    main: "src/main.ts",
    // The bench and its floor client: built beside the CLI, never imported by it.
    "bench/main": "src/bench/main.ts",
    "bench/floor": "src/bench/floor.ts",
  },
  outdir: "dist",
  chunkNames: "chunks/[name]-[hash]",
  bundle: true,
  format: "esm",
  platform: "node",
  target: "node20.18",
  splitting: true,
  // cosmiconfig is loaded from node_modules, and only when there is a config file to read: its JS
  // loader (import-fresh) finds files through its own __filename, which a bundle does not have. It
  // imports TypeScript only for a codearts.config.ts, which is not a place we search.
  external: ["cosmiconfig", "typescript"],
  // Maps are read only with --debug (bin/codearts-run.js turns them on then), so they cost nothing otherwise.
  sourcemap: true,
  metafile: true,
  // Bundled CommonJS packages (commander, undici, cosmiconfig) call require() for Node's
  // built-in modules; an ESM file has no `require`, so every output file gets one.
  banner: {
    js: 'import { createRequire as __createRequire } from "node:module";\nconst require = __createRequire(import.meta.url);',
  },
  plugins: [undiciAgentOnly],
  logLevel: "warning",
};

await rm("dist", { recursive: true, force: true });
const result = await build(buildOptions);
await writeFile("dist/metafile.json", JSON.stringify(result.metafile, null, 1));
