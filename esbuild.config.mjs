/**
 * `npm run build`: bundles the CLI (and the bench) into dist/ with esbuild. Code splitting turns
 * every dynamic `import()` into a chunk loaded only when that path runs, so `status --json` never
 * parses chalk, cosmiconfig or the simulator. Typechecking stays with `tsc --noEmit`.
 */
import { readFile, rm, writeFile } from "node:fs/promises";
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
  plugins: [undiciAgentOnly, deferredRequires],
  logLevel: "warning",
};

await rm("dist", { recursive: true, force: true });
const result = await build(buildOptions);
await writeFile("dist/metafile.json", JSON.stringify(result.metafile, null, 1));
