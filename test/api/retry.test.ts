import { describe, expect, it } from "vitest";
import type { HttpClient, HttpRequest, HttpResponse } from "../../src/api/http.js";
import { DEFAULT_RETRY_POLICY, type RetryNotice, retryAfterMs, withRetries } from "../../src/api/retry.js";
import { ApiError } from "../../src/core/errors.js";

const NOW = Date.UTC(2026, 10, 28, 12);

function answer(status: number, headers: Record<string, string> = {}): HttpResponse {
  return { status, headers, body: Buffer.from("{}") };
}

/** A fake transport that plays a queue of answers (or errors) and a clock that sleeping advances. */
function harness(queue: Array<HttpResponse | Error>) {
  let now = NOW;
  const sleeps: number[] = [];
  const notices: RetryNotice[] = [];
  let sent = 0;
  const transport: HttpClient = {
    send: async () => {
      sent++;
      const next = queue.shift();
      if (next === undefined) throw new Error("no more answers queued");
      if (next instanceof Error) throw next;
      return next;
    },
    close: async () => {},
  };
  const client = withRetries(transport, {
    policy: DEFAULT_RETRY_POLICY,
    now: () => now,
    sleep: async (ms) => {
      sleeps.push(ms);
      now += ms;
    },
    random: () => 0.5,
    signal: new AbortController().signal,
    onRetry: (notice) => notices.push(notice),
  });
  return { client, sleeps, notices, sent: () => sent };
}

const GET: HttpRequest = { method: "GET", url: new URL("https://x.example/a"), headers: {} };
const networkError = () => new ApiError("could not reach x: connection refused", 5, { transient: true });

describe("withRetries", () => {
  it("rides out 503s and network errors with growing, jittered delays", async () => {
    const h = harness([answer(503), networkError(), answer(502), answer(200)]);
    expect((await h.client.send(GET)).status).toBe(200);
    expect(h.sleeps).toEqual([375, 750, 1500]);
    expect(h.notices.map((n) => n.reason)).toEqual([
      "HTTP 503",
      "could not reach x: connection refused",
      "HTTP 502",
    ]);
  });

  it("honours Retry-After in seconds and as an HTTP date", async () => {
    const date = new Date(NOW + 7000).toUTCString();
    const h = harness([
      answer(429, { "retry-after": "3" }),
      answer(429, { "retry-after": date }),
      answer(200),
    ]);
    expect((await h.client.send(GET)).status).toBe(200);
    expect(h.sleeps).toEqual([3000, 4000]); // the date is 7 s after the start, 4 s after the first wait
  });

  it("gives the last answer back after the last attempt", async () => {
    const h = harness([answer(503), answer(503), answer(503), answer(503, { "x-request-id": "last" })]);
    const response = await h.client.send(GET);
    expect(response.headers["x-request-id"]).toBe("last");
    expect(h.sent()).toBe(4);
  });

  it("does not wait past the total budget: a long Retry-After ends the retries", async () => {
    const h = harness([answer(429, { "retry-after": "120" })]);
    expect((await h.client.send(GET)).status).toBe(429);
    expect(h.sleeps).toEqual([]);
  });

  it("never retries 4xx answers, other errors, or requests that change something", async () => {
    for (const status of [400, 401, 403, 404]) {
      const h = harness([answer(status)]);
      expect((await h.client.send(GET)).status).toBe(status);
      expect(h.sent()).toBe(1);
    }
    const bug = harness([new Error("a bug")]);
    await expect(bug.client.send(GET)).rejects.toThrow("a bug");
    expect(bug.sent()).toBe(1);

    const post = harness([answer(503)]);
    expect((await post.client.send({ ...GET, method: "POST" })).status).toBe(503);
    expect(post.sent()).toBe(1);
    const read = harness([answer(503), answer(200)]);
    expect((await read.client.send({ ...GET, method: "POST", idempotent: true })).status).toBe(200);
  });

  it("reads Retry-After leniently", () => {
    expect(retryAfterMs("5", NOW)).toBe(5000);
    expect(retryAfterMs(" 0 ", NOW)).toBe(0);
    expect(retryAfterMs(new Date(NOW - 1000).toUTCString(), NOW)).toBe(0);
    expect(retryAfterMs("soon", NOW)).toBeUndefined();
    expect(retryAfterMs(undefined, NOW)).toBeUndefined();
  });
});
