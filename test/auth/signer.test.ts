import { describe, expect, it } from "vitest";
import {
  canonicalQuery,
  canonicalRequest,
  canonicalUri,
  formatSdkDate,
  parseAuthorization,
  parseSdkDate,
  payloadHash,
  signRequest,
} from "../../src/auth/signer.js";

// Published test vectors of the official Python SDK (reference §3).
const VECTOR_URL = new URL("https://service.endpoint.myhuaweicloud.com/resources?size=1");
const VECTOR_DATE = new Date(Date.UTC(2020, 5, 8, 2, 39, 0));
const VECTOR_KEYS = { ak: "AccessKey", sk: "SecretKey" };

describe("signRequest: the published test vectors", () => {
  it("signs the GET with an empty body", () => {
    const added = signRequest({ method: "GET", url: VECTOR_URL, headers: {} }, VECTOR_KEYS, VECTOR_DATE);
    expect(added).toEqual({
      "X-Sdk-Date": "20200608T023900Z",
      host: "service.endpoint.myhuaweicloud.com",
      Authorization:
        "SDK-HMAC-SHA256 Access=AccessKey, SignedHeaders=host;x-sdk-date, Signature=cfb4171acec81de07d50e53d57eb77edd537414d66ddb1d7d780f128e12cd842",
    });
  });

  it("signs the POST with a JSON body", () => {
    const added = signRequest(
      { method: "POST", url: VECTOR_URL, headers: {}, body: '{"name":"test","id":1}' },
      VECTOR_KEYS,
      VECTOR_DATE,
    );
    expect(added.Authorization).toMatch(
      /Signature=436b1ac0a1ae03705934bb70ef2f2e09f7bfed2117d731a38235053199323a1f$/,
    );
  });
});

describe("signRequest: headers", () => {
  it("keeps a given host, signs extra headers, adds and signs X-Security-Token", () => {
    const added = signRequest(
      { method: "GET", url: VECTOR_URL, headers: { Host: "proxy.local:8443", "X-Project-Id": "p1" } },
      { ...VECTOR_KEYS, securityToken: "temp-token" },
      VECTOR_DATE,
    );
    expect(added).not.toHaveProperty("host");
    expect(added["X-Security-Token"]).toBe("temp-token");
    expect(parseAuthorization(added.Authorization ?? "")?.signedHeaders).toEqual([
      "host",
      "x-project-id",
      "x-sdk-date",
      "x-security-token",
    ]);
  });

  it("includes the port in host when it is not the default", () => {
    const added = signRequest(
      { method: "GET", url: new URL("http://127.0.0.1:8080/x"), headers: {} },
      VECTOR_KEYS,
      VECTOR_DATE,
    );
    expect(added.host).toBe("127.0.0.1:8080");
  });
});

describe("canonical parts", () => {
  it("encodes each path segment per RFC 3986 and appends / for signing", () => {
    expect(canonicalUri("/v5/p/api")).toBe("/v5/p/api/");
    expect(canonicalUri("/")).toBe("/");
    expect(canonicalUri("/a b/c*d/~x")).toBe("/a%20b/c%2Ad/~x/");
    // Non-ASCII: a URL object already percent-encodes it; signing must not encode twice.
    expect(canonicalUri(new URL("https://h/流水线/x").pathname)).toBe("/%E6%B5%81%E6%B0%B4%E7%BA%BF/x/");
  });

  it("sorts query keys, sorts repeated keys' values, encodes both", () => {
    expect(canonicalQuery(new URLSearchParams("b=2&a=3&a=1&c="))).toBe("a=1&a=3&b=2&c=");
    // Keys sort before encoding, as in the official SDKs: "q" comes before "名".
    expect(canonicalQuery(new URL("https://h/x?名=值&q=a b").searchParams)).toBe(
      "q=a%20b&%E5%90%8D=%E5%80%BC",
    );
  });

  it("uses an empty line for an empty query", () => {
    expect(canonicalQuery(new URLSearchParams(""))).toBe("");
    const canonical = canonicalRequest(
      {
        method: "get",
        url: new URL("https://h/x"),
        headers: { Host: "h", "X-Sdk-Date": " 20200608T023900Z " },
      },
      ["host", "x-sdk-date"],
    );
    expect(canonical).toBe(
      `GET\n/x/\n\nhost:h\nx-sdk-date:20200608T023900Z\n\nhost;x-sdk-date\n${payloadHash(undefined)}`,
    );
  });

  it("hashes an empty body to the well-known value", () => {
    expect(payloadHash("")).toBe("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  });
});

describe("dates and the Authorization header", () => {
  it("formats and parses X-Sdk-Date", () => {
    expect(formatSdkDate(VECTOR_DATE)).toBe("20200608T023900Z");
    expect(parseSdkDate("20200608T023900Z")?.getTime()).toBe(VECTOR_DATE.getTime());
    expect(parseSdkDate("2020-06-08T02:39:00Z")).toBeUndefined();
    expect(parseSdkDate("20201399T023900Z")).toBeUndefined();
  });

  it("parses what it writes, and refuses other schemes", () => {
    expect(
      parseAuthorization("SDK-HMAC-SHA256 Access=AK, SignedHeaders=host;x-sdk-date, Signature=abc123"),
    ).toEqual({ access: "AK", signedHeaders: ["host", "x-sdk-date"], signature: "abc123" });
    expect(parseAuthorization("Bearer xyz")).toBeUndefined();
    expect(parseAuthorization("SDK-HMAC-SHA256 Access=AK, Signature=abc")).toBeUndefined();
  });
});
