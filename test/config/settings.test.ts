import { describe, expect, it } from "vitest";
import type { LoadedConfig } from "../../src/config/load.js";
import { validateConfig } from "../../src/config/schema.js";
import { requireConnection, resolveSettings } from "../../src/config/settings.js";
import { UsageError } from "../../src/core/errors.js";

const PROJECT = "54f90b75fc1447b1b65e8d3a9f77923d";
const OTHER = "0123456789abcdef0123456789abcdef";
const BASE_ENV = { CODEARTS_TOKEN: "tok", CODEARTS_PROJECT_ID: PROJECT, CODEARTS_REGION: "cn-north-4" };

function file(config: unknown, filepath = "/home/u/.codeartsrc"): LoadedConfig {
  return { filepath, config: validateConfig(config, filepath) };
}

function thrown(fn: () => unknown): UsageError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    return error as UsageError;
  }
  throw new Error("expected a UsageError");
}

describe("resolveSettings: precedence and provenance", () => {
  it("maps a region to the SDK's base URL and remembers where each value came from", () => {
    const settings = resolveSettings({ flags: {}, env: BASE_ENV });
    expect(settings.endpoint).toEqual({
      value: new URL("https://cloudpipeline-ext.cn-north-4.myhuaweicloud.com"),
      source: "CODEARTS_REGION",
    });
    expect(settings.iamEndpoint?.value.href).toBe("https://iam.cn-north-4.myhuaweicloud.com/");
    expect(settings.projectId).toEqual({ value: PROJECT, source: "CODEARTS_PROJECT_ID" });
    expect(settings.credentials).toEqual({
      kind: "token",
      token: { value: "tok", source: "CODEARTS_TOKEN" },
    });
    expect(settings.output).toEqual({ value: "table", source: "default" });
    expect(settings.requestTimeoutMs).toEqual({ value: 30_000, source: "default" });
  });

  it("uses the listed host for regions that differ from the common pattern", () => {
    const host = (region: string) =>
      resolveSettings({ flags: { region }, env: BASE_ENV }).endpoint?.value.host;
    expect(host("tr-west-1")).toBe("pipeline-external.tr-west-1.myhuaweicloud.com");
    expect(host("af-south-1")).toBe("pipeline.af-south-1.myhuaweicloud.com");
  });

  it("honours the official SDKs' per-region endpoint override", () => {
    const settings = resolveSettings({
      flags: {},
      env: { ...BASE_ENV, HUAWEICLOUD_SDK_REGION_CODEARTSPIPELINE_CN_NORTH_4: "https://proxy.example.com" },
    });
    expect(settings.endpoint).toEqual({
      value: new URL("https://proxy.example.com"),
      source: "HUAWEICLOUD_SDK_REGION_CODEARTSPIPELINE_CN_NORTH_4",
    });
  });

  it("takes the first URL of an SDK override that lists several, as the SDKs take a list", () => {
    const settings = resolveSettings({
      flags: {},
      env: {
        ...BASE_ENV,
        HUAWEICLOUD_SDK_REGION_CODEARTSPIPELINE_CN_NORTH_4: " https://a.example.com , https://b.example.com",
      },
    });
    expect(settings.endpoint?.value).toEqual(new URL("https://a.example.com"));
  });

  it("sends af-north-1 to the global IAM endpoint, which has no regional entry, as the SDKs do", () => {
    const iam = (region: string) =>
      resolveSettings({ flags: { region }, env: BASE_ENV }).iamEndpoint?.value.href;
    expect(iam("af-north-1")).toBe("https://iam.myhuaweicloud.com/");
    expect(iam("cn-north-4")).toBe("https://iam.cn-north-4.myhuaweicloud.com/");
  });

  it("lets flags beat the environment, which beats the profile, which beats the file's top level", () => {
    const config = file({
      region: "cn-south-1",
      projectId: OTHER,
      output: "markdown",
      requestTimeout: 5,
      defaultProfile: "prod",
      profiles: { prod: { region: "cn-east-3", output: "json" } },
    });
    const fromFile = resolveSettings({ flags: {}, env: { CODEARTS_TOKEN: "t" }, config });
    expect(fromFile.region).toEqual({
      value: "cn-east-3",
      source: "/home/u/.codeartsrc: profiles.prod.region",
    });
    expect(fromFile.projectId).toEqual({ value: OTHER, source: "/home/u/.codeartsrc: projectId" });
    expect(fromFile.output).toEqual({ value: "json", source: "/home/u/.codeartsrc: profiles.prod.output" });
    expect(fromFile.requestTimeoutMs).toEqual({ value: 5000, source: "/home/u/.codeartsrc: requestTimeout" });
    expect(fromFile.profile).toEqual({ value: "prod", source: "/home/u/.codeartsrc: defaultProfile" });

    const fromEnv = resolveSettings({ flags: {}, env: BASE_ENV, config });
    expect(fromEnv.region?.source).toBe("CODEARTS_REGION");
    expect(fromEnv.projectId?.source).toBe("CODEARTS_PROJECT_ID");

    const fromFlags = resolveSettings({
      flags: { region: "af-north-1", projectId: OTHER, output: "table" },
      env: BASE_ENV,
      config,
    });
    expect(fromFlags.region?.source).toBe("--region");
    expect(fromFlags.projectId?.source).toBe("--project");
    expect(fromFlags.output.source).toBe("--output");
  });

  it("keeps an endpoint given at any level over the region's; the region still scopes IAM", () => {
    const settings = resolveSettings({
      flags: { region: "cn-north-1" },
      env: { ...BASE_ENV, CODEARTS_ENDPOINT: "http://127.0.0.1:8080" },
    });
    expect(settings.endpoint).toEqual({
      value: new URL("http://127.0.0.1:8080"),
      source: "CODEARTS_ENDPOINT",
    });
    expect(settings.region).toEqual({ value: "cn-north-1", source: "--region" });
    expect(settings.iamEndpoint?.value.host).toBe("iam.cn-north-1.myhuaweicloud.com");
  });

  it("picks the profile from --profile, then CODEARTS_PROFILE, and rejects unknown ones", () => {
    const config = file({ profiles: { a: { region: "cn-north-1" }, b: { region: "cn-north-4" } } });
    expect(
      resolveSettings({ flags: { defaultProfile: "a" }, env: { CODEARTS_PROFILE: "b" }, config }).region
        ?.value,
    ).toBe("cn-north-1");
    expect(resolveSettings({ flags: {}, env: { CODEARTS_PROFILE: "b" }, config }).region?.value).toBe(
      "cn-north-4",
    );
    const error = thrown(() => resolveSettings({ flags: { defaultProfile: "c" }, env: {}, config }));
    expect(error.message).toBe('profile "c" (--profile) is not in /home/u/.codeartsrc');
    expect(error.hint).toBe("known profiles: a, b");
  });
});

describe("resolveSettings: credentials", () => {
  it("takes the highest level that has any; at one level a token beats AK/SK beats a password", () => {
    const env = {
      CLOUD_SDK_AK: "AKAKAKAK",
      CLOUD_SDK_SK: "sksk",
      CODEARTS_DOMAIN: "d",
      CODEARTS_USERNAME: "u",
      CODEARTS_PASSWORD: "p",
    };
    const config = file({ token: "from-file" });
    expect(resolveSettings({ flags: {}, env, config }).credentials?.kind).toBe("aksk");
    expect(resolveSettings({ flags: {}, env: { ...env, CODEARTS_TOKEN: "t" } }).credentials?.kind).toBe(
      "token",
    );
    expect(
      resolveSettings({ flags: {}, env: { ...env, CLOUD_SDK_AK: "", CLOUD_SDK_SK: "" } }).credentials?.kind,
    ).toBe("password");
    expect(resolveSettings({ flags: {}, env: {}, config }).credentials).toEqual({
      kind: "token",
      token: { value: "from-file", source: "/home/u/.codeartsrc: token" },
    });
    const stdin = resolveSettings({ flags: {}, env, stdinSecret: { kind: "token", value: "piped" } });
    expect(stdin.credentials).toEqual({ kind: "token", token: { value: "piped", source: "--token-stdin" } });
  });

  it("reads the official SDKs' variable names and the security token", () => {
    const settings = resolveSettings({
      flags: {},
      env: { HUAWEICLOUD_SDK_AK: "AK1", HUAWEICLOUD_SDK_SK: "SK1", HUAWEICLOUD_SDK_SECURITY_TOKEN: "ST" },
    });
    expect(settings.credentials).toEqual({
      kind: "aksk",
      ak: { value: "AK1", source: "HUAWEICLOUD_SDK_AK" },
      sk: { value: "SK1", source: "HUAWEICLOUD_SDK_SK" },
      securityToken: { value: "ST", source: "HUAWEICLOUD_SDK_SECURITY_TOKEN" },
    });
  });

  it("says what is missing from half-given credentials", () => {
    expect(thrown(() => resolveSettings({ flags: {}, env: { CLOUD_SDK_AK: "x" } })).message).toBe(
      "CLOUD_SDK_AK is set but its SK is not",
    );
    expect(
      thrown(() => resolveSettings({ flags: {}, env: { CODEARTS_PASSWORD: "x", CODEARTS_USERNAME: "u" } }))
        .message,
    ).toMatch(/account \(domain\) name/);
  });

  it("reads pipeline aliases from the file and the profile, checking their ids", () => {
    const config = file({ pipelines: { web: PROJECT }, profiles: { p: { pipelines: { api: OTHER } } } });
    const settings = resolveSettings({ flags: { defaultProfile: "p" }, env: {}, config });
    expect(settings.pipelines).toEqual({
      web: { value: PROJECT, source: "/home/u/.codeartsrc: pipelines.web" },
      api: { value: OTHER, source: "/home/u/.codeartsrc: profiles.p.pipelines.api" },
    });
    const bad = file({ pipelines: { web: "nope" } });
    expect(thrown(() => resolveSettings({ flags: {}, env: {}, config: bad })).message).toMatch(
      /invalid pipeline id for alias "web" "nope" \(\/home\/u\/.codeartsrc: pipelines.web\)/,
    );
  });
});

describe("endpoints", () => {
  it("allows plain http only to loopback addresses", () => {
    for (const endpoint of ["http://127.0.0.1:8080", "http://localhost:1", "http://[::1]:9"]) {
      expect(resolveSettings({ flags: { endpoint }, env: BASE_ENV }).endpoint?.value.protocol).toBe("http:");
    }
    for (const endpoint of ["http://example.com", "http://10.0.0.1", "http://127.0.0.1.example.com"]) {
      expect(thrown(() => resolveSettings({ flags: { endpoint }, env: BASE_ENV })).message).toMatch(
        /plain http/,
      );
    }
    expect(
      thrown(() =>
        resolveSettings({ flags: {}, env: { ...BASE_ENV, CODEARTS_IAM_ENDPOINT: "http://iam.example.com" } }),
      ).message,
    ).toMatch(/plain http to iam\.example\.com \(CODEARTS_IAM_ENDPOINT\)/);
  });

  it("rejects endpoints carrying a password, another scheme, or no URL at all", () => {
    const bad = (endpoint: string) =>
      thrown(() => resolveSettings({ flags: { endpoint }, env: BASE_ENV })).message;
    expect(bad("https://u:p@example.com")).toMatch(/user name or password/);
    expect(bad("https://u:p@example.com")).not.toContain("u:p");
    expect(bad("ftp://example.com")).toMatch(/http\(s\) URL/);
    expect(bad("not a url")).toMatch(/not a URL/);
  });
});

describe("requireConnection", () => {
  it("says how to set each missing piece", () => {
    const cases: Array<[Record<string, string>, RegExp]> = [
      [{ ...BASE_ENV, CODEARTS_TOKEN: "" }, /no credentials/],
      [{ ...BASE_ENV, CODEARTS_TOKEN: "   " }, /no credentials/],
      [{ ...BASE_ENV, CODEARTS_PROJECT_ID: "" }, /no project id/],
      [{ ...BASE_ENV, CODEARTS_REGION: "" }, /no region or endpoint/],
    ];
    for (const [env, message] of cases) {
      const error = thrown(() => requireConnection(resolveSettings({ flags: {}, env })));
      expect(error.message).toMatch(message);
      expect(error.hint).toBeTruthy();
    }
  });
});
