import { describe, expect, it } from "vitest";
import { CodeArtsApi } from "../../src/api/codearts.js";
import { sameDocument, serverClockText } from "../../src/api/same-document.js";
import { tokenAuthenticator } from "../../src/auth/token.js";
import { fakeHttp } from "../auth/fakes.js";

/**
 * A watch's poll of an unchanged run: the answer is compared on its bytes, ignoring only the
 * server clock, and then neither parsed nor read again.
 */

const doc = (clock: string, status = "RUNNING") =>
  Buffer.from(`{"id":"r1","status":"${status}","current_system_time":${clock},"stages":[{"name":"Build"}]}`);

describe("sameDocument", () => {
  it("ignores the server clock, as a number or a string, whatever its length", () => {
    expect(sameDocument(doc("1700000000000"), doc("1700000000100"))).toBe(true);
    expect(sameDocument(doc('"1700000000000"'), doc('"1700000001000"'))).toBe(true);
    expect(sameDocument(doc("99"), doc("1700000000100"))).toBe(true);
    expect(serverClockText(doc('"17"'))).toBe('"17"');
    expect(serverClockText(Buffer.from('{"current_system_time" : 5}'))).toBe("5");
  });

  it("sees any other change, before or after the clock", () => {
    expect(sameDocument(doc("1", "RUNNING"), doc("2", "FAILED"))).toBe(false);
    expect(sameDocument(doc("1"), Buffer.from(doc("2").toString().replace("Build", "Built")))).toBe(false);
  });

  it("compares whole bodies when there is no clock (the reference example has none)", () => {
    const plain = Buffer.from('{"id":"r1","status":"RUNNING"}');
    expect(sameDocument(plain, Buffer.from(plain))).toBe(true);
    expect(sameDocument(plain, Buffer.from('{"id":"r1","status":"FAILED"}'))).toBe(false);
    // The key's text inside a string is not the key.
    const quoted = (s: string) => Buffer.from(`{"message":"\\"current_system_time\\": ${s}"}`);
    expect(serverClockText(quoted("1"))).toBeUndefined();
    expect(sameDocument(quoted("1"), quoted("2"))).toBe(false);
  });
});

describe("CodeArtsApi.getRunDetail with the previous answer", () => {
  const api = (http: ReturnType<typeof fakeHttp>) =>
    new CodeArtsApi(
      http,
      new URL("https://pipeline.example.com"),
      tokenAuthenticator({ kind: "token", token: { value: "t", source: "CODEARTS_TOKEN" } }),
    );
  const query = { projectId: "p", pipelineId: "q" };

  it("returns the previous reading for an equal body, marked unchanged, with the new bytes", async () => {
    const http = fakeHttp()
      .answer(200, doc("1").toString())
      .answer(200, doc("2").toString())
      .answer(200, doc("3", "COMPLETED").toString());
    const first = await api(http).getRunDetail(query);
    const second = await api(http).getRunDetail(query, first);
    expect(second.unchanged).toBe(true);
    expect(second.document).toBe(first.document);
    expect(second.raw.toString()).toContain('"current_system_time":2');
    const third = await api(http).getRunDetail(query, second);
    expect(third.unchanged).toBeUndefined();
    expect(third.document).toMatchObject({ status: "COMPLETED" });
  });

  it("never takes a failed answer for the previous one, even with the same bytes", async () => {
    const http = fakeHttp().answer(200, doc("1").toString()).answer(503, doc("1").toString());
    const first = await api(http).getRunDetail(query);
    await expect(api(http).getRunDetail(query, first)).rejects.toThrow(/HTTP 503/);
  });
});
