import { createHash } from "node:crypto";
import { readdir, readFile, stat, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { passwordAuthenticator, TOKEN_REUSE_MARGIN_MS } from "../../src/auth/iam-password.js";
import type { Credentials } from "../../src/config/settings.js";
import { ApiError, UsageError } from "../../src/core/errors.js";
import { ExitCode } from "../../src/core/exit-codes.js";
import {
  deps,
  fakeHttp,
  IAM_ENDPOINT,
  manualClock,
  REGION,
  removeTempCacheHomes,
  settingsWith,
  tempCacheHome,
} from "./fakes.js";

afterAll(removeTempCacheHomes);

const PASSWORD = "correct horse battery staple";
const NOW = Date.UTC(2026, 10, 28, 12, 0, 0);
const HOUR = 60 * 60 * 1000;
const apiRequest = {
  method: "GET",
  url: new URL(
    "https://cloudpipeline-ext.cn-north-4.myhuaweicloud.com/v5/p/api/pipelines/x/pipeline-runs/detail",
  ),
  headers: {},
};

const credentials: Extract<Credentials, { kind: "password" }> = {
  kind: "password",
  domain: { value: "acme", source: "CODEARTS_DOMAIN" },
  username: { value: "builder", source: "CODEARTS_USERNAME" },
  password: { value: PASSWORD, source: "CODEARTS_PASSWORD" },
};

/** IAM's 201: the token in X-Subject-Token, its expiry in the body (with IAM's microseconds). */
function tokenAnswer(http: ReturnType<typeof fakeHttp>, token: string, expiresAt: number) {
  const expires = new Date(expiresAt).toISOString().replace("Z", "000Z");
  return http.answer(
    201,
    { token: { expires_at: expires, methods: ["password"], project: { id: "p", name: REGION } } },
    { "X-Subject-Token": token },
  );
}

/** The cache's entries, without its fingerprint key. */
async function tokenFiles(directory: string): Promise<string[]> {
  return (await readdir(directory).catch(() => [])).filter((name) => name.endsWith(".json"));
}

async function cacheEnv() {
  return { XDG_CACHE_HOME: await tempCacheHome() };
}

describe("passwordAuthenticator: getting a token", () => {
  it("posts the password to IAM scoped to the region and sends the token as X-Auth-Token", async () => {
    const http = tokenAnswer(fakeHttp(), "MIItoken-1", NOW + 24 * HOUR);
    const auth = passwordAuthenticator(
      credentials,
      deps(http, {}, () => NOW),
    );
    expect(await auth.headersFor(apiRequest)).toEqual({ "X-Auth-Token": "MIItoken-1" });

    expect(http.sent).toHaveLength(1);
    const post = http.sent[0];
    expect(post?.method).toBe("POST");
    expect(post?.url.href).toBe(`${IAM_ENDPOINT.origin}/v3/auth/tokens`);
    expect(post?.headers).toEqual({ "Content-Type": "application/json;charset=utf8" });
    expect(JSON.parse(post?.body ?? "")).toEqual({
      auth: {
        identity: {
          methods: ["password"],
          password: { user: { domain: { name: "acme" }, name: "builder", password: PASSWORD } },
        },
        scope: { project: { name: REGION } },
      },
    });

    expect(await auth.headersFor(apiRequest)).toEqual({ "X-Auth-Token": "MIItoken-1" });
    expect(http.sent).toHaveLength(1);
  });

  it("shares one IAM call between concurrent requests", async () => {
    const http = tokenAnswer(fakeHttp(), "MIItoken-1", NOW + 24 * HOUR);
    const auth = passwordAuthenticator(
      credentials,
      deps(http, {}, () => NOW),
    );
    await Promise.all([
      auth.headersFor(apiRequest),
      auth.headersFor(apiRequest),
      auth.headersFor(apiRequest),
    ]);
    expect(http.sent).toHaveLength(1);
  });

  it("keeps an IAM endpoint's path prefix", async () => {
    const http = tokenAnswer(fakeHttp(), "MIItoken-1", NOW + HOUR);
    const settings = settingsWith({
      iamEndpoint: { value: new URL("http://127.0.0.1:9/iam/"), source: "--iam-endpoint" },
    });
    await passwordAuthenticator(
      credentials,
      deps(http, {}, () => NOW, settings),
    ).headersFor(apiRequest);
    expect(http.sent[0]?.url.href).toBe("http://127.0.0.1:9/iam/v3/auth/tokens");
  });

  it("needs the region: a usage error", () => {
    const noRegion = settingsWith({ region: undefined, iamEndpoint: undefined });
    expect(() =>
      passwordAuthenticator(
        credentials,
        deps(fakeHttp(), {}, () => NOW, noRegion),
      ),
    ).toThrow(UsageError);
  });
});

describe("passwordAuthenticator: the token cache", () => {
  it("reuses a cached token in the next run, from a 0600 file that holds the token and nothing secret else", async () => {
    const env = await cacheEnv();
    await passwordAuthenticator(
      credentials,
      deps(tokenAnswer(fakeHttp(), "MIItoken-1", NOW + 24 * HOUR), env, () => NOW),
    ).headersFor(apiRequest);

    const quiet = fakeHttp();
    const nextRun = passwordAuthenticator(
      credentials,
      deps(quiet, env, () => NOW + HOUR),
    );
    expect(await nextRun.headersFor(apiRequest)).toEqual({ "X-Auth-Token": "MIItoken-1" });
    expect(quiet.sent).toEqual([]);

    const directory = join(env.XDG_CACHE_HOME, "codearts-run");
    expect((await stat(directory)).mode & 0o777).toBe(0o700);
    const [name] = await tokenFiles(directory);
    expect(name).toMatch(/^[0-9a-f]{64}\.json$/);
    const file = join(directory, name as string);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    const text = await readFile(file, "utf8");
    expect(text).toContain("MIItoken-1");
    for (const notThere of [PASSWORD, "acme", "builder"]) {
      expect(text).not.toContain(notThere);
      expect(name).not.toContain(notThere);
    }
  });

  it("stops using a token 5 minutes before it expires", async () => {
    const env = await cacheEnv();
    const clock = manualClock(NOW);
    const expiresAt = NOW + HOUR;
    const http = tokenAnswer(
      tokenAnswer(fakeHttp(), "MIItoken-1", expiresAt),
      "MIItoken-2",
      expiresAt + HOUR,
    );
    const auth = passwordAuthenticator(credentials, deps(http, env, clock.now));
    await auth.headersFor(apiRequest);

    clock.advance(HOUR - TOKEN_REUSE_MARGIN_MS - 1);
    expect(await auth.headersFor(apiRequest)).toEqual({ "X-Auth-Token": "MIItoken-1" });
    expect(
      await passwordAuthenticator(credentials, deps(fakeHttp(), env, clock.now)).headersFor(apiRequest),
    ).toEqual({
      "X-Auth-Token": "MIItoken-1",
    });

    clock.advance(1);
    expect(await auth.headersFor(apiRequest)).toEqual({ "X-Auth-Token": "MIItoken-2" });
    expect(http.sent).toHaveLength(2);
  });

  it("keys the cache by IAM endpoint, account, user and region", async () => {
    const env = await cacheEnv();
    await passwordAuthenticator(
      credentials,
      deps(tokenAnswer(fakeHttp(), "MIItoken-1", NOW + 24 * HOUR), env, () => NOW),
    ).headersFor(apiRequest);
    const otherUser = { ...credentials, username: { value: "deployer", source: "CODEARTS_USERNAME" } };
    const http = tokenAnswer(fakeHttp(), "MIItoken-other", NOW + 24 * HOUR);
    expect(
      await passwordAuthenticator(
        otherUser,
        deps(http, env, () => NOW),
      ).headersFor(apiRequest),
    ).toEqual({
      "X-Auth-Token": "MIItoken-other",
    });
  });

  it("ignores and overwrites a corrupt cache file", async () => {
    const env = await cacheEnv();
    const directory = join(env.XDG_CACHE_HOME, "codearts-run");
    await passwordAuthenticator(
      credentials,
      deps(tokenAnswer(fakeHttp(), "MIItoken-1", NOW + 24 * HOUR), env, () => NOW),
    ).headersFor(apiRequest);
    const file = join(directory, (await tokenFiles(directory))[0] as string);
    await writeFile(file, "\u0000garbage{");

    const http = tokenAnswer(fakeHttp(), "MIItoken-2", NOW + 24 * HOUR);
    expect(
      await passwordAuthenticator(
        credentials,
        deps(http, env, () => NOW),
      ).headersFor(apiRequest),
    ).toEqual({
      "X-Auth-Token": "MIItoken-2",
    });
    expect(JSON.parse(await readFile(file, "utf8"))).toMatchObject({ value: "MIItoken-2" });
  });

  it("never reuses the token of another password: a changed or wrong one is sent to IAM", async () => {
    const env = await cacheEnv();
    await passwordAuthenticator(
      credentials,
      deps(tokenAnswer(fakeHttp(), "MIItoken-1", NOW + 24 * HOUR), env, () => NOW),
    ).headersFor(apiRequest);

    const wrong = { ...credentials, password: { value: "wrong", source: "CODEARTS_PASSWORD" } };
    const refused = fakeHttp().answer(401, { error: { code: "1101", message: "bad password" } });
    const attempt = passwordAuthenticator(
      wrong,
      deps(refused, env, () => NOW),
    ).headersFor(apiRequest);
    await expect(attempt).rejects.toMatchObject({ exitCode: ExitCode.Auth });
    expect(refused.sent).toHaveLength(1);
    expect(JSON.parse(refused.sent[0]?.body ?? "").auth.identity.password.user.password).toBe("wrong");

    // The right password still finds its token.
    const quiet = fakeHttp();
    expect(
      await passwordAuthenticator(
        credentials,
        deps(quiet, env, () => NOW),
      ).headersFor(apiRequest),
    ).toEqual({ "X-Auth-Token": "MIItoken-1" });
    expect(quiet.sent).toEqual([]);
  });

  it("with `fresh` (auth check) signs in again instead of using the cached token, and caches the new one", async () => {
    const env = await cacheEnv();
    await passwordAuthenticator(
      credentials,
      deps(tokenAnswer(fakeHttp(), "MIItoken-1", NOW + 24 * HOUR), env, () => NOW),
    ).headersFor(apiRequest);
    const http = tokenAnswer(fakeHttp(), "MIItoken-2", NOW + 24 * HOUR);
    const check = passwordAuthenticator(credentials, { ...deps(http, env, () => NOW), fresh: true });
    expect(await check.headersFor(apiRequest)).toEqual({ "X-Auth-Token": "MIItoken-2" });
    expect(http.sent).toHaveLength(1);
    const quiet = fakeHttp();
    expect(
      await passwordAuthenticator(
        credentials,
        deps(quiet, env, () => NOW),
      ).headersFor(apiRequest),
    ).toEqual({ "X-Auth-Token": "MIItoken-2" });
  });

  it("keys by a keyed hash of the password: no file holds the password or a plain hash of it", async () => {
    const env = await cacheEnv();
    await passwordAuthenticator(
      credentials,
      deps(tokenAnswer(fakeHttp(), "MIItoken-1", NOW + 24 * HOUR), env, () => NOW),
    ).headersFor(apiRequest);
    const directory = join(env.XDG_CACHE_HOME, "codearts-run");
    const unkeyed = ["sha256", "sha1", "md5"].map((algorithm) =>
      createHash(algorithm).update(PASSWORD).digest("hex"),
    );
    for (const name of await readdir(directory)) {
      const file = join(directory, name);
      expect((await stat(file)).mode & 0o777).toBe(0o600);
      const text = (await readFile(file)).toString("latin1");
      for (const notThere of [PASSWORD, ...unkeyed]) {
        expect(text).not.toContain(notThere);
        expect(name).not.toContain(notThere);
      }
    }
    // Another cache directory (another machine or user) has another key: the same password, another file.
    const other = await cacheEnv();
    await passwordAuthenticator(
      credentials,
      deps(tokenAnswer(fakeHttp(), "MIItoken-1", NOW + 24 * HOUR), other, () => NOW),
    ).headersFor(apiRequest);
    const names = await tokenFiles(directory);
    const otherNames = await tokenFiles(join(other.XDG_CACHE_HOME, "codearts-run"));
    expect(names).toHaveLength(1);
    expect(otherNames).toHaveLength(1);
    expect(otherNames).not.toEqual(names);
  });

  it("works in memory without a home directory", async () => {
    const http = tokenAnswer(fakeHttp(), "MIItoken-1", NOW + 24 * HOUR);
    const auth = passwordAuthenticator(
      credentials,
      deps(http, {}, () => NOW),
    );
    await auth.headersFor(apiRequest);
    await auth.headersFor(apiRequest);
    expect(http.sent).toHaveLength(1);
  });

  it("uses a token without a readable expiry for this session only", async () => {
    const env = await cacheEnv();
    const http = fakeHttp().answer(201, { token: {} }, { "X-Subject-Token": "MIItoken-1" });
    const auth = passwordAuthenticator(
      credentials,
      deps(http, env, () => NOW),
    );
    await auth.headersFor(apiRequest);
    await auth.headersFor(apiRequest);
    expect(http.sent).toHaveLength(1);
    expect(auth.describe()).toContain("token for this session only");
    expect(await tokenFiles(join(env.XDG_CACHE_HOME, "codearts-run"))).toEqual([]);
  });
});

describe("passwordAuthenticator: renew()", () => {
  it("drops the cached token and gets a new one, once per session", async () => {
    const env = await cacheEnv();
    const http = tokenAnswer(
      tokenAnswer(fakeHttp(), "MIItoken-1", NOW + 24 * HOUR),
      "MIItoken-2",
      NOW + 24 * HOUR,
    );
    const auth = passwordAuthenticator(
      credentials,
      deps(http, env, () => NOW),
    );
    await auth.headersFor(apiRequest);

    expect(await auth.renew?.()).toBe(true);
    expect(await auth.headersFor(apiRequest)).toEqual({ "X-Auth-Token": "MIItoken-2" });
    expect(await auth.renew?.()).toBe(false);
    expect(http.sent).toHaveLength(2);

    // The renewed token replaced the refused one on disk too.
    const nextRun = passwordAuthenticator(
      credentials,
      deps(fakeHttp(), env, () => NOW),
    );
    expect(await nextRun.headersFor(apiRequest)).toEqual({ "X-Auth-Token": "MIItoken-2" });
  });
});

describe("passwordAuthenticator: errors and describe()", () => {
  it("turns a wrong password into exit 3 with a hint naming the three variables, never the password", async () => {
    const http = fakeHttp().answer(
      401,
      { error: { code: "1101", message: "The username or password is wrong.", title: "Unauthorized" } },
      { "X-Request-Id": "req-9" },
    );
    const error = await passwordAuthenticator(
      credentials,
      deps(http, {}, () => NOW),
    )
      .headersFor(apiRequest)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    const { message, hint, exitCode } = error as ApiError;
    expect(exitCode).toBe(ExitCode.Auth);
    expect(message).toContain("could not sign in to IAM as user builder in account acme");
    expect(message).toContain("The username or password is wrong.");
    expect(message).toContain("req-9");
    for (const name of ["CODEARTS_DOMAIN", "CODEARTS_USERNAME", "CODEARTS_PASSWORD"])
      expect(hint).toContain(name);
    expect(`${message} ${hint}`).not.toContain(PASSWORD);
  });

  it("reports a 201 without X-Subject-Token as an API failure", async () => {
    const http = fakeHttp().answer(201, { token: { expires_at: "2026-11-29T12:00:00Z" } });
    await expect(
      passwordAuthenticator(
        credentials,
        deps(http, {}, () => NOW),
      ).headersFor(apiRequest),
    ).rejects.toMatchObject({ exitCode: ExitCode.ApiFailure });
  });

  it("says who signs in and until when the token is cached, never the password or the token", async () => {
    const http = tokenAnswer(fakeHttp(), "MIItoken-1", NOW + 24 * HOUR);
    const auth = passwordAuthenticator(
      credentials,
      deps(http, {}, () => NOW),
    );
    expect(auth.describe()).toBe(
      "IAM user builder in account acme (password from CODEARTS_PASSWORD), no token fetched yet",
    );
    await auth.headersFor(apiRequest);
    const text = auth.describe();
    expect(text).toBe(
      "IAM user builder in account acme (password from CODEARTS_PASSWORD), token cached until 2026-11-29T11:55:00Z",
    );
    expect(text).not.toContain(PASSWORD);
    expect(text).not.toContain("MIItoken-1");
  });
});
