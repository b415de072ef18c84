import { describe, expect, it } from "vitest";
import { resolveConnection } from "../../src/config/settings.js";
import { UsageError } from "../../src/errors.js";

const PROJECT = "54f90b75fc1447b1b65e8d3a9f77923d";
const BASE_ENV = { CODEARTS_TOKEN: "tok", CODEARTS_PROJECT_ID: PROJECT, CODEARTS_REGION: "cn-north-4" };

describe("resolveConnection", () => {
  it("maps a region to the SDK's base URL and remembers where each value came from", () => {
    const settings = resolveConnection({}, BASE_ENV);
    expect(settings.endpoint.value.href).toBe("https://cloudpipeline-ext.cn-north-4.myhuaweicloud.com/");
    expect(settings.endpoint.source).toBe("CODEARTS_REGION");
    expect(settings.projectId).toEqual({ value: PROJECT, source: "CODEARTS_PROJECT_ID" });
    expect(settings.credentials.token).toEqual({ value: "tok", source: "CODEARTS_TOKEN" });
  });

  it("uses the listed host for regions that differ from the common pattern", () => {
    expect(resolveConnection({ region: "tr-west-1" }, BASE_ENV).endpoint.value.host).toBe(
      "pipeline-external.tr-west-1.myhuaweicloud.com",
    );
    expect(resolveConnection({ region: "af-south-1" }, BASE_ENV).endpoint.value.host).toBe(
      "pipeline.af-south-1.myhuaweicloud.com",
    );
  });

  it("lets flags win over the environment", () => {
    const other = "0123456789abcdef0123456789abcdef";
    const settings = resolveConnection(
      { project: other, endpoint: "https://proxy.example.com/pipeline" },
      BASE_ENV,
    );
    expect(settings.projectId).toEqual({ value: other, source: "--project" });
    expect(settings.endpoint).toEqual({
      value: new URL("https://proxy.example.com/pipeline"),
      source: "--endpoint",
    });
  });

  it("allows plain http only to loopback addresses", () => {
    for (const endpoint of ["http://127.0.0.1:8080", "http://localhost:1", "http://[::1]:9"]) {
      expect(resolveConnection({ endpoint }, BASE_ENV).endpoint.value.protocol).toBe("http:");
    }
    for (const endpoint of ["http://example.com", "http://10.0.0.1", "http://127.0.0.1.example.com"]) {
      expect(() => resolveConnection({ endpoint }, BASE_ENV)).toThrow(/plain http/);
    }
  });

  it("rejects endpoints carrying a password or another scheme", () => {
    expect(() => resolveConnection({ endpoint: "https://u:p@example.com" }, BASE_ENV)).toThrow(
      /user name or password/,
    );
    expect(() => resolveConnection({ endpoint: "ftp://example.com" }, BASE_ENV)).toThrow(/http\(s\) URL/);
    expect(() => resolveConnection({ endpoint: "not a url" }, BASE_ENV)).toThrow(/not a URL/);
  });

  it("says how to fix each missing setting", () => {
    const cases: Array<[Record<string, string>, RegExp]> = [
      [{ ...BASE_ENV, CODEARTS_TOKEN: "" }, /CODEARTS_TOKEN/],
      [{ ...BASE_ENV, CODEARTS_TOKEN: "   " }, /CODEARTS_TOKEN/],
      [{ ...BASE_ENV, CODEARTS_PROJECT_ID: "" }, /project id/],
      [{ ...BASE_ENV, CODEARTS_REGION: "" }, /region or endpoint/],
    ];
    for (const [env, message] of cases) {
      let error: unknown;
      try {
        resolveConnection({}, env);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(UsageError);
      expect((error as UsageError).message).toMatch(message);
      expect((error as UsageError).hint).toBeTruthy();
    }
  });
});
