import { afterAll, describe, expect, it } from "vitest";
import { akskAuthenticator } from "../../src/auth/aksk.js";
import { canonicalRequest, parseAuthorization, signature, stringToSign } from "../../src/auth/signer.js";
import type { Credentials } from "../../src/config/settings.js";
import { ApiError, UsageError } from "../../src/core/errors.js";
import { ExitCode } from "../../src/core/exit-codes.js";
import { deps, fakeHttp, manualClock, removeTempCacheHomes, settingsWith, tempCacheHome } from "./fakes.js";

afterAll(removeTempCacheHomes);

const AK = "ABCDEFGHIJKLMNOPQRST";
const SK = "sk-0123456789abcdefghijklmnopqrstuvwxyzABCD";
const PROJECT = "0f1e2d3c4b5a69788796a5b4c3d2e1f0";
const NOW = Date.UTC(2026, 10, 28, 12, 0, 0, 250);

function aksk(securityToken?: string): Extract<Credentials, { kind: "aksk" }> {
  return {
    kind: "aksk",
    ak: { value: AK, source: "CLOUD_SDK_AK" },
    sk: { value: SK, source: "CLOUD_SDK_SK" },
    ...(securityToken
      ? { securityToken: { value: securityToken, source: "HUAWEICLOUD_SDK_SECURITY_TOKEN" } }
      : {}),
  };
}

const configuredProject = settingsWith({
  iamProjectId: { value: PROJECT, source: "CODEARTS_IAM_PROJECT_ID" },
});
const apiUrl = new URL("https://cloudpipeline-ext.cn-north-4.myhuaweicloud.com/v5/p1/api/pipelines/list");

/** Verifies an Authorization header the way a server does: from the headers it names. */
function verifies(
  request: { method: string; url: URL; body?: string },
  headers: Record<string, string>,
  sk = SK,
): boolean {
  const parsed = parseAuthorization(headers.Authorization ?? "");
  if (!parsed) return false;
  const lower = new Map(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
  const signed = Object.fromEntries(parsed.signedHeaders.map((name) => [name, lower.get(name) ?? ""]));
  const canonical = canonicalRequest({ ...request, headers: signed }, parsed.signedHeaders);
  return signature(sk, stringToSign(canonical, lower.get("x-sdk-date") ?? "")) === parsed.signature;
}

function projectsAnswer(id = PROJECT, name = "cn-north-4") {
  return { projects: [{ id, name, domain_id: "d", enabled: true }], links: {} };
}

describe("akskAuthenticator: the headers of a signed request", () => {
  it("signs a GET with X-Sdk-Date, host and the configured X-Project-Id, without asking IAM", async () => {
    const http = fakeHttp();
    const auth = akskAuthenticator(
      aksk(),
      deps(http, {}, () => NOW, configuredProject),
    );
    const headers = await auth.headersFor({ method: "GET", url: apiUrl, headers: {} });

    expect(headers["X-Sdk-Date"]).toBe("20261128T120000Z");
    expect(headers.host).toBe("cloudpipeline-ext.cn-north-4.myhuaweicloud.com");
    expect(headers["X-Project-Id"]).toBe(PROJECT);
    expect(headers["Content-Type"]).toBeUndefined();
    expect(headers.Authorization).toMatch(
      new RegExp(
        `^SDK-HMAC-SHA256 Access=${AK}, SignedHeaders=host;x-project-id;x-sdk-date, Signature=[0-9a-f]{64}$`,
      ),
    );
    expect(verifies({ method: "GET", url: apiUrl }, headers)).toBe(true);
    expect(http.sent).toEqual([]);
  });

  it("signs the Content-Type of a request with a body, adding one when the caller gave none", async () => {
    const auth = akskAuthenticator(
      aksk(),
      deps(fakeHttp(), {}, () => NOW, configuredProject),
    );
    const body = '{"name":"wéb","offset":0}';
    const given = await auth.headersFor({
      method: "POST",
      url: apiUrl,
      headers: { "Content-Type": "application/json" },
      body,
    });
    expect(parseAuthorization(given.Authorization ?? "")?.signedHeaders).toEqual([
      "content-type",
      "host",
      "x-project-id",
      "x-sdk-date",
    ]);
    expect(
      verifies({ method: "POST", url: apiUrl, body }, { "Content-Type": "application/json", ...given }),
    ).toBe(true);

    const added = await auth.headersFor({ method: "POST", url: apiUrl, headers: {}, body });
    expect(added["Content-Type"]).toBe("application/json");
    expect(verifies({ method: "POST", url: apiUrl, body }, added)).toBe(true);
  });

  it("sends and signs X-Security-Token with temporary credentials", async () => {
    const auth = akskAuthenticator(
      aksk("temporary-token-value"),
      deps(fakeHttp(), {}, () => NOW, configuredProject),
    );
    const headers = await auth.headersFor({ method: "GET", url: apiUrl, headers: {} });
    expect(headers["X-Security-Token"]).toBe("temporary-token-value");
    expect(parseAuthorization(headers.Authorization ?? "")?.signedHeaders).toContain("x-security-token");
    expect(verifies({ method: "GET", url: apiUrl }, headers)).toBe(true);
  });

  it("dates each request by the context's clock", async () => {
    const clock = manualClock(NOW);
    const auth = akskAuthenticator(aksk(), deps(fakeHttp(), {}, clock.now, configuredProject));
    clock.advance(61_000);
    expect((await auth.headersFor({ method: "GET", url: apiUrl, headers: {} }))["X-Sdk-Date"]).toBe(
      "20261128T120101Z",
    );
  });
});

describe("akskAuthenticator: the IAM project id", () => {
  it("looks it up once with a signed GET /v3/projects?name=<region>, even for concurrent requests", async () => {
    const http = fakeHttp().answer(200, projectsAnswer());
    const auth = akskAuthenticator(
      aksk(),
      deps(http, {}, () => NOW),
    );
    const [first, second] = await Promise.all([
      auth.headersFor({ method: "GET", url: apiUrl, headers: {} }),
      auth.headersFor({ method: "GET", url: apiUrl, headers: {} }),
    ]);
    const third = await auth.headersFor({ method: "GET", url: apiUrl, headers: {} });

    expect([first["X-Project-Id"], second["X-Project-Id"], third["X-Project-Id"]]).toEqual([
      PROJECT,
      PROJECT,
      PROJECT,
    ]);
    expect(http.sent).toHaveLength(1);
    const lookup = http.sent[0];
    expect(lookup?.method).toBe("GET");
    expect(lookup?.url.href).toBe("https://iam.cn-north-4.myhuaweicloud.com/v3/projects?name=cn-north-4");
    expect(lookup?.headers["X-Project-Id"]).toBeUndefined();
    expect(verifies({ method: "GET", url: lookup?.url as URL }, lookup?.headers ?? {})).toBe(true);
  });

  it("takes the project named after the region from the answer", async () => {
    const http = fakeHttp().answer(200, {
      projects: [
        { id: "11111111111111111111111111111111", name: "cn-north-4_sub" },
        { id: PROJECT, name: "cn-north-4" },
      ],
    });
    const auth = akskAuthenticator(
      aksk(),
      deps(http, {}, () => NOW),
    );
    expect((await auth.headersFor({ method: "GET", url: apiUrl, headers: {} }))["X-Project-Id"]).toBe(
      PROJECT,
    );
  });

  it("keeps a looked-up id on disk for the next run with the same IAM endpoint, AK and region", async () => {
    const env = { XDG_CACHE_HOME: await tempCacheHome() };
    await akskAuthenticator(
      aksk(),
      deps(fakeHttp().answer(200, projectsAnswer()), env, () => NOW),
    ).headersFor({
      method: "GET",
      url: apiUrl,
      headers: {},
    });

    const quiet = fakeHttp();
    const nextRun = akskAuthenticator(
      aksk(),
      deps(quiet, env, () => NOW),
    );
    expect((await nextRun.headersFor({ method: "GET", url: apiUrl, headers: {} }))["X-Project-Id"]).toBe(
      PROJECT,
    );
    expect(quiet.sent).toEqual([]);

    const otherKey = fakeHttp().answer(200, projectsAnswer("22222222222222222222222222222222"));
    const other = akskAuthenticator(
      { ...aksk(), ak: { value: "ZZZZEFGHIJKLMNOPQRST", source: "CLOUD_SDK_AK" } },
      deps(otherKey, env, () => NOW),
    );
    expect((await other.headersFor({ method: "GET", url: apiUrl, headers: {} }))["X-Project-Id"]).toBe(
      "22222222222222222222222222222222",
    );
    expect(otherKey.sent).toHaveLength(1);
  });

  it("asks IAM again with another SK for the same AK, and with `fresh` (auth check)", async () => {
    const env = { XDG_CACHE_HOME: await tempCacheHome() };
    const request = { method: "GET", url: apiUrl, headers: {} };
    await akskAuthenticator(
      aksk(),
      deps(fakeHttp().answer(200, projectsAnswer()), env, () => NOW),
    ).headersFor(request);

    const wrongSk = { ...aksk(), sk: { value: `${SK}-wrong`, source: "CLOUD_SDK_SK" } };
    const refused = fakeHttp().answer(401, {
      error: { code: "APIGW.0301", message: "Incorrect IAM authentication" },
    });
    await expect(
      akskAuthenticator(
        wrongSk,
        deps(refused, env, () => NOW),
      ).headersFor(request),
    ).rejects.toMatchObject({ exitCode: ExitCode.Auth });
    expect(refused.sent).toHaveLength(1);

    const checked = fakeHttp().answer(200, projectsAnswer());
    await akskAuthenticator(aksk(), { ...deps(checked, env, () => NOW), fresh: true }).headersFor(request);
    expect(checked.sent).toHaveLength(1);
  });

  it("needs the region when no id is configured: a usage error naming both ways", () => {
    const noRegion = settingsWith({ region: undefined, iamEndpoint: undefined });
    const make = () =>
      akskAuthenticator(
        aksk(),
        deps(fakeHttp(), {}, () => NOW, noRegion),
      );
    expect(make).toThrow(UsageError);
    try {
      make();
    } catch (error) {
      const { message, hint, exitCode } = error as UsageError;
      expect(exitCode).toBe(ExitCode.Usage);
      expect(`${message} ${hint}`).toContain("CODEARTS_IAM_PROJECT_ID");
      expect(`${message} ${hint}`).toContain("--region");
    }
    expect(() =>
      akskAuthenticator(
        aksk(),
        deps(fakeHttp(), {}, () => NOW, { ...noRegion, iamProjectId: configuredProject.iamProjectId }),
      ),
    ).not.toThrow();
  });

  it("turns an IAM refusal into exit 3 naming the AK/SK variables, without the SK", async () => {
    const http = fakeHttp().answer(
      401,
      { error_code: "APIGW.0301", error_msg: "Incorrect IAM authentication information: signature mismatch" },
      { "X-Request-Id": "req-123" },
    );
    const auth = akskAuthenticator(
      aksk(),
      deps(http, {}, () => NOW),
    );
    const error = await auth.headersFor({ method: "GET", url: apiUrl, headers: {} }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    const { message, hint, exitCode } = error as ApiError;
    expect(exitCode).toBe(ExitCode.Auth);
    expect(message).toContain("req-123");
    expect(hint).toContain("CLOUD_SDK_AK");
    expect(hint).toContain("CLOUD_SDK_SK");
    expect(`${message} ${hint}`).not.toContain(SK);
  });

  it("does not keep a failed lookup: the next request tries again", async () => {
    const http = fakeHttp()
      .answer(503, { error_code: "APIGW.0202", error_msg: "busy" })
      .answer(200, projectsAnswer());
    const auth = akskAuthenticator(
      aksk(),
      deps(http, {}, () => NOW),
    );
    await expect(auth.headersFor({ method: "GET", url: apiUrl, headers: {} })).rejects.toMatchObject({
      exitCode: ExitCode.ApiFailure,
    });
    expect((await auth.headersFor({ method: "GET", url: apiUrl, headers: {} }))["X-Project-Id"]).toBe(
      PROJECT,
    );
  });

  it("reports a region the account has no project in as a usage error", async () => {
    const http = fakeHttp().answer(200, { projects: [] });
    const auth = akskAuthenticator(
      aksk(),
      deps(http, {}, () => NOW),
    );
    await expect(auth.headersFor({ method: "GET", url: apiUrl, headers: {} })).rejects.toThrow(
      /no IAM project in region cn-north-4/,
    );
  });

  it("reports an answer without a project list as an API failure", async () => {
    const http = fakeHttp().answer(200, "<html>portal</html>");
    const auth = akskAuthenticator(
      aksk(),
      deps(http, {}, () => NOW),
    );
    await expect(auth.headersFor({ method: "GET", url: apiUrl, headers: {} })).rejects.toMatchObject({
      exitCode: ExitCode.ApiFailure,
    });
  });
});

describe("akskAuthenticator: describe()", () => {
  it("names the AK's first 4 characters and where it came from, never the SK", async () => {
    const auth = akskAuthenticator(
      aksk("temporary-token-value"),
      deps(fakeHttp(), {}, () => NOW, configuredProject),
    );
    const text = auth.describe();
    expect(text).toContain("AK/SK signing with access key ABCD… (from CLOUD_SDK_AK)");
    expect(text).toContain(`IAM project ${PROJECT} (from CODEARTS_IAM_PROJECT_ID)`);
    expect(text).toContain("HUAWEICLOUD_SDK_SECURITY_TOKEN");
    for (const secret of [SK, AK, "temporary-token-value"]) expect(text).not.toContain(secret);
  });

  it("says when the project id was looked up", async () => {
    const auth = akskAuthenticator(
      aksk(),
      deps(fakeHttp().answer(200, projectsAnswer()), {}, () => NOW),
    );
    expect(auth.describe()).toContain("IAM project of region cn-north-4 (looked up at the first request)");
    await auth.headersFor({ method: "GET", url: apiUrl, headers: {} });
    expect(auth.describe()).toContain(`IAM project ${PROJECT} (looked up for region cn-north-4)`);
  });
});
