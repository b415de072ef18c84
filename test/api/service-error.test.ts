import { describe, expect, it } from "vitest";
import type { HttpResponse } from "../../src/api/http.js";
import { errorFromResponse, readServiceError } from "../../src/api/service-error.js";

function response(status: number, body: string, headers: Record<string, string> = {}): HttpResponse {
  return { status, headers, body: Buffer.from(body) };
}

describe("readServiceError", () => {
  it("reads every error body shape Huawei Cloud services use", () => {
    expect(readServiceError({ error_code: "DEVPIPE.00011401", error_msg: "no such pipeline" })).toEqual({
      code: "DEVPIPE.00011401",
      message: "no such pipeline",
    });
    expect(readServiceError({ error: { code: "1101", message: "bad password" } })).toEqual({
      code: "1101",
      message: "bad password",
    });
    expect(readServiceError({ errorCode: "E1", errorMsg: "m" })).toEqual({ code: "E1", message: "m" });
    expect(readServiceError({ code: 42, message: "m" })).toEqual({ code: "42", message: "m" });
  });

  it("finds nothing in a run document or a non-object", () => {
    expect(readServiceError({ id: "x", status: "COMPLETED", stages: [] })).toBeUndefined();
    expect(readServiceError([1, 2])).toBeUndefined();
    expect(readServiceError(null)).toBeUndefined();
  });
});

describe("errorFromResponse", () => {
  const body = (code: string) => ({ error_code: code, error_msg: "message from the service" });

  it("maps known codes and statuses to the exit-code contract, with a hint", () => {
    const cases: Array<[number, unknown, number]> = [
      [404, body("DEVPIPE.00011401"), 4],
      [400, body("DEVPIPE.00011412"), 4],
      [400, body("DEVPIPE.00011136"), 4],
      [401, body("APIGW.0301"), 3],
      [403, body("SOMETHING.ELSE"), 3],
      [429, body("APIGW.0308"), 5],
      [500, body("X"), 5],
      [200, body("DEVPIPE.00011401"), 4],
      [400, body("UNKNOWN"), 5],
    ];
    for (const [status, parsed, exitCode] of cases) {
      const error = errorFromResponse(
        "could not get the run",
        response(status, JSON.stringify(parsed)),
        parsed,
      );
      expect(error.exitCode, `HTTP ${status} ${JSON.stringify(parsed)}`).toBe(exitCode);
      expect(error.hint).toBeTruthy();
    }
  });

  it("says DEVPIPE.00011412 may mean the user is not a member of the project", () => {
    const parsed = body("DEVPIPE.00011412");
    const error = errorFromResponse("could not get the run", response(404, JSON.stringify(parsed)), parsed);
    expect(error.message).toMatch(/not a member/);
    expect(error.hint).toMatch(/member of that project/);
  });

  it("names the code, message and request id", () => {
    const parsed = body("DEVPIPE.00011401");
    const error = errorFromResponse(
      "could not get the run",
      response(404, JSON.stringify(parsed), { "x-request-id": "abc123" }),
      parsed,
    );
    expect(error.message).toBe(
      "could not get the run: pipeline not found (HTTP 404; DEVPIPE.00011401: message from the service; request id abc123)",
    );
  });

  it("summarises an HTML page by its title and never echoes escape sequences", () => {
    const html = "<html><head><title>502 Bad \u001b[31mGateway</title></head><body>...</body></html>";
    const error = errorFromResponse(
      "could not get the run",
      response(502, html, { "content-type": "text/html" }),
      undefined,
    );
    expect(error.exitCode).toBe(5);
    expect(error.message).toBe(
      'could not get the run: the service failed (HTTP 502; a non-JSON answer (text/html: "502 Bad Gateway"))',
    );
  });

  it("strips control characters from the service's message", () => {
    const parsed = { error_code: "X\u001b]8;;http://evil\u0007", error_msg: "bad\r\u001b[2Jthing" };
    const error = errorFromResponse("action", response(500, ""), parsed);
    expect(error.message).not.toMatch(/[\u0000-\u001f\u007f-\u009f]/);
  });
});
