import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { HttpClient, HttpRequest, HttpResponse } from "../../src/api/http.js";
import type { AuthDependencies } from "../../src/auth/index.js";
import type { Settings } from "../../src/config/settings.js";
import type { Context, Env } from "../../src/core/context.js";
import { testContext } from "../helpers/context.js";

/** An HttpClient that records what is sent and answers from a queue. */
export interface FakeHttp extends HttpClient {
  sent: HttpRequest[];
  answer(status: number, body: unknown, headers?: Record<string, string>): FakeHttp;
}

export function fakeHttp(): FakeHttp {
  const queue: HttpResponse[] = [];
  const http: FakeHttp = {
    sent: [],
    answer(status, body, headers = {}) {
      const text = typeof body === "string" ? body : JSON.stringify(body);
      const lowerHeaders = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
      queue.push({ status, headers: lowerHeaders, body: Buffer.from(text) });
      return http;
    },
    async send(request) {
      http.sent.push(request);
      const next = queue.shift();
      if (!next) throw new Error(`unexpected request ${request.method} ${request.url.href}`);
      return next;
    },
    close: async () => undefined,
  };
  return http;
}

export function manualClock(startMs: number) {
  let current = startMs;
  return {
    now: () => current,
    advance: (ms: number) => {
      current += ms;
    },
  };
}

export function fakeContext(env: Env, now: () => number): Context {
  return testContext({ env, now }).ctx;
}

export const IAM_ENDPOINT = new URL("https://iam.cn-north-4.myhuaweicloud.com");
export const REGION = "cn-north-4";

export function settingsWith(overrides: Partial<Settings> = {}): Settings {
  return {
    region: { value: REGION, source: "CODEARTS_REGION" },
    iamEndpoint: { value: IAM_ENDPOINT, source: "default for region cn-north-4" },
    pipelines: {},
    output: { value: "table", source: "default" },
    requestTimeoutMs: { value: 30_000, source: "default" },
    effective: {},
    ...overrides,
  };
}

export function deps(
  http: HttpClient,
  env: Env,
  now: () => number,
  settings = settingsWith(),
): AuthDependencies {
  return { settings, http, ctx: fakeContext(env, now) };
}

const tempDirs: string[] = [];

export async function tempCacheHome(): Promise<string> {
  const directory = await mkdtemp(join(tmpdir(), "codearts-run-cache-"));
  tempDirs.push(directory);
  return directory;
}

/** For afterAll: removes every directory tempCacheHome made. */
export async function removeTempCacheHomes(): Promise<void> {
  await Promise.all(tempDirs.splice(0).map((directory) => rm(directory, { recursive: true, force: true })));
}
