/**
 * `npm run build`: bundles the CLI into dist/main.cjs with esbuild (and the bench, test/bench/, beside
 * the package in node_modules/.cache/codearts-bench/, outside `files`, so it is never published),
 * then saves V8's code cache for the CLI. Code reached only through `import()` runs only when that
 * path runs, so `status --json` never runs chalk, cosmiconfig or the simulator. Typechecking stays
 * with `tsc --noEmit`.
 */
import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { appendFile, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { createServer } from "node:http";
import { tmpdir } from "node:os";
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

/**
 * Node built-ins that the bundled packages (and src/auth) require at load time but use only on
 * paths `status` rarely or never takes. Loading them costs start-up (measured on Node 20, 2 cores:
 * http2 with tls and crypto ~15 ms, child_process with dgram ~8 ms, crypto ~5 ms), so each is
 * loaded on its first call instead. A patch whose text is no longer found fails the build, so a
 * package update cannot silently undo it.
 */
const DEFERRED_REQUIRES = [
  {
    // commander spawns only for stand-alone executable subcommands, which codearts-run has none of.
    file: "node_modules/commander/lib/command.js",
    from: "const childProcess = require('node:child_process');",
    to: "const childProcess = { spawn: (...args) => require('node:child_process').spawn(...args) };",
  },
  {
    // HTTP/2 is off in our Agent (allowH2 defaults to false); the constants are fixed by RFC 9113
    // and nghttp2, copied so that reading them loads nothing.
    file: "node_modules/undici/lib/dispatcher/client-h2.js",
    from: "  http2 = require('node:http2')",
    to: `  http2 = {
    connect: (...args) => require('node:http2').connect(...args),
    constants: {
      HTTP2_HEADER_AUTHORITY: ':authority', HTTP2_HEADER_METHOD: ':method', HTTP2_HEADER_PATH: ':path',
      HTTP2_HEADER_SCHEME: ':scheme', HTTP2_HEADER_CONTENT_LENGTH: 'content-length',
      HTTP2_HEADER_EXPECT: 'expect', HTTP2_HEADER_STATUS: ':status', HTTP2_HEADER_PROTOCOL: ':protocol',
      NGHTTP2_REFUSED_STREAM: 7, NGHTTP2_CANCEL: 8
    }
  }`,
  },
  {
    // Used only for a multipart form-data boundary; our requests have JSON bodies or none.
    file: "node_modules/undici/lib/web/fetch/body.js",
    from: "require('node:crypto').randomInt",
    to: "((max) => require('node:crypto').randomInt(max))",
  },
];

const deferredRequires = {
  name: "deferred-requires",
  setup(build) {
    for (const patch of DEFERRED_REQUIRES) {
      const file = path.resolve(patch.file);
      build.onLoad(
        { filter: new RegExp(`[\\\\/]${path.basename(file).replace(".", "\\.")}$`) },
        async (args) => {
          if (args.path !== file) return undefined;
          const source = await readFile(file, "utf8");
          if (!source.includes(patch.from)) {
            return {
              errors: [{ text: `esbuild.config.mjs: "${patch.from}" is no longer in ${patch.file}` }],
            };
          }
          return { contents: source.replace(patch.from, patch.to), loader: "js" };
        },
      );
    }
    // src/auth hashes and signs only for AK/SK and IAM logins, not with a token: node:crypto is
    // loaded on the first hash. A name used in src/ but not listed here fails the build.
    build.onResolve({ filter: /^node:crypto$/ }, (args) =>
      args.importer.includes(`${path.sep}src${path.sep}auth${path.sep}`)
        ? { path: "node:crypto", namespace: "deferred-crypto" }
        : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: "deferred-crypto" }, () => ({
      contents: ["createHash", "createHmac", "randomBytes"]
        .map((name) => `export const ${name} = (...args) => require("node:crypto").${name}(...args);`)
        .join("\n"),
      loader: "js",
    }));
  },
};

const shared = {
  bundle: true,
  platform: "node",
  target: "node20.18",
  // cosmiconfig is loaded from node_modules, and only when there is a config file to read: its JS
  // loader (import-fresh) finds files through its own __filename, which a bundle does not have. It
  // imports TypeScript only for a codearts.config.ts, which is not a place we search.
  external: ["cosmiconfig", "typescript"],
  // Maps are read only with --debug (bin/codearts-run.js turns them on then), so they cost nothing otherwise.
  sourcemap: true,
  metafile: true,
  plugins: [undiciAgentOnly, deferredRequires],
  logLevel: "warning",
};

/**
 * The CLI: one CommonJS file, dist/main.cjs. Node 20 can cache V8's compiled code only for a
 * script (vm.Script cachedData), not for ES modules, and loading one file costs less than
 * resolving and linking a dozen chunks; code reached only through `import()` (the renderers,
 * chalk, cosmiconfig, the watch, the simulator) is still run only when that path runs, as
 * esbuild wraps it in a function called on the first import. The metafile test checks this.
 */
export const cliOptions = {
  ...shared,
  entryPoints: { main: "src/main.ts" },
  outdir: "dist",
  outExtension: { ".js": ".cjs" },
  format: "cjs",
  // Every import() becomes a require(), so the bundle never needs an ES module loader.
  supported: { "dynamic-import": false },
  define: { "import.meta.url": "__importMetaUrl" },
  banner: { js: 'var __importMetaUrl = require("node:url").pathToFileURL(__filename).href;' },
};

/** Where `npm run bench` runs the bench and its floor client from; never imported by the CLI. */
export const BENCH_DIR = "node_modules/.cache/codearts-bench";

/** The bench (test/bench/) and its floor client: ES modules beside the package, outside `files`. */
const benchOptions = {
  ...shared,
  entryPoints: { main: "test/bench/main.ts", floor: "test/bench/floor.ts" },
  outdir: BENCH_DIR,
  chunkNames: "chunks/[name]-[hash]",
  format: "esm",
  splitting: true,
  sourcemap: false,
  metafile: false,
  // Bundled CommonJS packages call require() for Node's built-ins; an ES module has none.
  banner: {
    js: 'import { createRequire as __createRequire } from "node:module";\nconst require = __createRequire(import.meta.url);',
  },
};

await rm("dist", { recursive: true, force: true });
await rm(BENCH_DIR, { recursive: true, force: true });
const [cli] = await Promise.all([build(cliOptions), build(benchOptions)]);
await writeFile("dist/metafile.json", JSON.stringify(cli.metafile, null, 1));
await writeCodeCache();

/**
 * V8's compiled code for dist/main.cjs, made by running the built CLI once (`status --json`
 * against a throw-away local server, so the functions a one-shot command needs are compiled) and
 * saved as dist/main-<build id>.cache; the bin loads it on Node 20 (see bin/codearts-run.js). The
 * build id, a hash of the bundle written at its end, ties the cache to this very build: V8 itself
 * checks only the source's length, its own version and its flags.
 */
async function writeCodeCache() {
  const bundle = await readFile("dist/main.cjs");
  const id = createHash("sha256").update(bundle).digest("hex").slice(0, 16);
  await appendFile("dist/main.cjs", `//# codeartsBuild=${id}\n`);
  const server = createServer((_request, response) => {
    response.writeHead(200, { "Content-Type": "application/json" });
    response.end('{"id":"0123456789abcdef0123456789abcdef","status":"COMPLETED","stages":[]}');
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  const home = await mkdtemp(path.join(tmpdir(), "codearts-build-"));
  try {
    const child = spawn(
      process.execPath,
      [path.resolve("bin/codearts-run.js"), "status", "0123456789abcdef0123456789abcdef", "--json"],
      {
        cwd: home,
        env: {
          PATH: process.env.PATH,
          HOME: home,
          CODEARTS_ENDPOINT: `http://127.0.0.1:${server.address().port}`,
          CODEARTS_TOKEN: "build",
          CODEARTS_PROJECT_ID: "0123456789abcdef0123456789abcdef",
          CODEARTS_RUN_CODE_CACHE: "write",
        },
        stdio: ["ignore", "ignore", "inherit"],
      },
    );
    const code = await new Promise((resolve) => child.on("close", resolve));
    if (code !== 0) throw new Error(`writing the code cache: the built CLI exited with ${code}`);
  } finally {
    server.close();
    await rm(home, { recursive: true, force: true });
  }
}
