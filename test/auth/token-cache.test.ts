import { createHash } from "node:crypto";
import { chmod, mkdir, readdir, readFile, stat, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { cacheDirectory, cacheFileName, openTokenCache } from "../../src/auth/token-cache.js";
import { manualClock, removeTempCacheHomes, tempCacheHome } from "./fakes.js";

afterAll(removeTempCacheHomes);

const KEY = ["iam-token", "https://iam.example.com/", "account", "user", "cn-north-4"];

describe("cacheDirectory", () => {
  it("prefers an absolute XDG_CACHE_HOME, else ~/.cache, else none", () => {
    expect(cacheDirectory({ XDG_CACHE_HOME: "/x/cache", HOME: "/home/u" })).toBe("/x/cache/codearts-run");
    expect(cacheDirectory({ HOME: "/home/u" })).toBe("/home/u/.cache/codearts-run");
    // A relative XDG_CACHE_HOME is invalid by the XDG spec.
    expect(cacheDirectory({ XDG_CACHE_HOME: "cache", HOME: "/home/u" })).toBe("/home/u/.cache/codearts-run");
    expect(cacheDirectory({})).toBeUndefined();
  });
});

describe("openTokenCache", () => {
  it("keeps an entry across cache instances in a 0700 directory, one 0600 file named by a hash", async () => {
    const home = await tempCacheHome();
    const clock = manualClock(1_000);
    await openTokenCache({ env: { XDG_CACHE_HOME: home }, now: clock.now }).set(KEY, {
      value: "tok",
      expiresAt: 2_000,
    });

    const again = openTokenCache({ env: { XDG_CACHE_HOME: home }, now: clock.now });
    expect(await again.get(KEY)).toEqual({ value: "tok", expiresAt: 2_000 });

    const directory = join(home, "codearts-run");
    expect((await stat(directory)).mode & 0o777).toBe(0o700);
    const files = await readdir(directory);
    expect(files).toEqual([cacheFileName(KEY)]); // no temporary file left behind
    expect(files[0]).toMatch(/^[0-9a-f]{64}\.json$/);
    expect((await stat(join(directory, files[0] as string))).mode & 0o777).toBe(0o600);
  });

  it("tightens an existing cache directory to 0700", async () => {
    const home = await tempCacheHome();
    await mkdir(join(home, "codearts-run"), { mode: 0o755 });
    await chmod(join(home, "codearts-run"), 0o755);
    await openTokenCache({ env: { XDG_CACHE_HOME: home }, now: () => 0 }).set(KEY, { value: "tok" });
    expect((await stat(join(home, "codearts-run"))).mode & 0o777).toBe(0o700);
  });

  it("does not answer with an entry once the clock reaches its expiry", async () => {
    const home = await tempCacheHome();
    const clock = manualClock(1_000);
    const cache = openTokenCache({ env: { XDG_CACHE_HOME: home }, now: clock.now });
    await cache.set(KEY, { value: "tok", expiresAt: 2_000 });
    clock.advance(999);
    expect(await cache.get(KEY)).toBeDefined();
    clock.advance(1);
    expect(await cache.get(KEY)).toBeUndefined();
    expect(await openTokenCache({ env: { XDG_CACHE_HOME: home }, now: clock.now }).get(KEY)).toBeUndefined();
  });

  it("treats a corrupt or unreadable file as a miss, and overwrites it", async () => {
    const home = await tempCacheHome();
    const directory = join(home, "codearts-run");
    await mkdir(directory, { recursive: true });
    const file = join(directory, cacheFileName(KEY));
    const cache = () => openTokenCache({ env: { XDG_CACHE_HOME: home }, now: () => 0 });

    for (const garbage of [
      "{not json",
      "",
      '{"version":1}',
      '{"version":1,"value":"t","expiresAt":"soon"}',
      "[]",
    ]) {
      await writeFile(file, garbage);
      expect(await cache().get(KEY)).toBeUndefined();
    }
    await cache().set(KEY, { value: "tok" });
    expect(JSON.parse(await readFile(file, "utf8"))).toEqual({ version: 1, value: "tok" });

    const otherKey = ["something", "else"];
    await mkdir(join(directory, cacheFileName(otherKey))); // a directory where the file should be
    expect(await cache().get(otherKey)).toBeUndefined();
  });

  it("keeps working in memory when the cache cannot be written", async () => {
    const home = await tempCacheHome();
    await writeFile(join(home, "codearts-run"), "a file where the directory should be");
    const cache = openTokenCache({ env: { XDG_CACHE_HOME: home }, now: () => 0 });
    await expect(cache.set(KEY, { value: "tok" })).resolves.toBeUndefined();
    expect(await cache.get(KEY)).toEqual({ value: "tok" });
  });

  it("is memory-only without a home directory", async () => {
    const cache = openTokenCache({ env: {}, now: () => 0 });
    await cache.set(KEY, { value: "tok" });
    expect(await cache.get(KEY)).toEqual({ value: "tok" });
    await cache.delete(KEY);
    expect(await cache.get(KEY)).toBeUndefined();
    expect(await openTokenCache({ env: {}, now: () => 0 }).get(KEY)).toBeUndefined();
  });

  it("delete removes the file", async () => {
    const home = await tempCacheHome();
    const cache = openTokenCache({ env: { XDG_CACHE_HOME: home }, now: () => 0 });
    await cache.set(KEY, { value: "tok" });
    await cache.delete(KEY);
    expect(await readdir(join(home, "codearts-run"))).toEqual([]);
    await expect(cache.delete(KEY)).resolves.toBeUndefined();
  });

  it("fingerprints a secret with a key of its own: stable across runs, another in another cache, never a plain hash", async () => {
    const home = await tempCacheHome();
    const open = (env: Record<string, string>) => openTokenCache({ env, now: () => 0 });
    const first = await open({ XDG_CACHE_HOME: home }).fingerprint("s3cret");
    expect(first).toMatch(/^[0-9a-f]{64}$/);
    expect(await open({ XDG_CACHE_HOME: home }).fingerprint("s3cret")).toBe(first);
    expect(await open({ XDG_CACHE_HOME: home }).fingerprint("s3cret2")).not.toBe(first);
    expect(first).not.toBe(createHash("sha256").update("s3cret").digest("hex"));

    const directory = join(home, "codearts-run");
    expect(await readdir(directory)).toEqual(["fingerprint.key"]);
    expect((await stat(join(directory, "fingerprint.key"))).mode & 0o777).toBe(0o600);
    expect(await open({ XDG_CACHE_HOME: await tempCacheHome() }).fingerprint("s3cret")).not.toBe(first);
    // Without a home: a key for this session only.
    const memory = open({});
    expect(await memory.fingerprint("s3cret")).toBe(await memory.fingerprint("s3cret"));
  });
});
