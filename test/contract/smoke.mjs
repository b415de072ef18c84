/**
 * `npm run smoke`: bundles test/contract/smoke-main.ts (TypeScript) with esbuild, a dev dependency,
 * into a temporary file under node_modules/.cache, and runs it. For maintainers with a CodeArts account; see
 * test/contract/smoke.ts for what it checks. Not part of the published package.
 */
import { mkdir, mkdtemp, rm } from "node:fs/promises";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { build } from "esbuild";

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..", "..");
// Inside node_modules, so the bundle's external imports (undici, cosmiconfig…) resolve from here.
const cache = path.join(root, "node_modules", ".cache");
await mkdir(cache, { recursive: true });
const dir = await mkdtemp(path.join(cache, "codearts-smoke-"));
const outfile = path.join(dir, "smoke.mjs");
try {
  await build({
    entryPoints: [path.join(root, "test", "contract", "smoke-main.ts")],
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    packages: "external",
    outfile,
    logLevel: "warning",
    absWorkingDir: root,
  });
  await import(pathToFileURL(outfile).href);
} finally {
  await rm(dir, { recursive: true, force: true });
}
