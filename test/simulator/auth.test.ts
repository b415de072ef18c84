import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningSimulator } from "../../src/simulator/index.js";
import { call, detailPath, idOf, signedCall, startTestSimulator, T0 } from "./http.js";

let sim: RunningSimulator;
let clock: Awaited<ReturnType<typeof startTestSimulator>>["clock"];

beforeAll(async () => {
  ({ sim, clock } = await startTestSimulator());
});
afterAll(() => sim.close());

function passwordBody(overrides: { password?: string; region?: string } = {}): string {
  const c = sim.credentials;
  return JSON.stringify({
    auth: {
      identity: {
        methods: ["password"],
        password: {
          user: { domain: { name: c.domain }, name: c.user, password: overrides.password ?? c.password },
        },
      },
      scope: { project: { name: overrides.region ?? c.region } },
    },
  });
}

function getToken(body: string) {
  return call(sim, "/v3/auth/tokens", {
    method: "POST",
    body,
    headers: { "Content-Type": "application/json;charset=utf8" },
  });
}

const HOUR = 60 * 60 * 1000;

describe("IAM", () => {
  it("issues a 24 h token for the right password, usable on CodeArts calls", async () => {
    const answer = await getToken(passwordBody());
    expect(answer.status).toBe(201);
    const token = answer.headers["x-subject-token"] as string;
    expect(token).toMatch(/^MII/);
    expect(token).not.toBe(sim.token);
    const body = JSON.parse(answer.body);
    expect(body.token.expires_at).toBe(new Date(T0 + 24 * HOUR).toISOString());
    expect(body.token.project).toMatchObject({ id: sim.credentials.iamProjectId, name: "cn-north-4" });
    const use = await call(sim, detailPath(sim, idOf(sim, "web")), { headers: { "X-Auth-Token": token } });
    expect(use.status).toBe(200);
  });

  it("keeps older tokens valid and refuses an issued token after it expires", async () => {
    const first = (await getToken(passwordBody())).headers["x-subject-token"] as string;
    const second = (await getToken(passwordBody())).headers["x-subject-token"] as string;
    expect(second).not.toBe(first);
    const use = (token: string) =>
      call(sim, detailPath(sim, idOf(sim, "web")), { headers: { "X-Auth-Token": token } });
    expect((await use(first)).status).toBe(200);
    clock.set(T0 + 24 * HOUR + 1);
    const expired = await use(first);
    clock.set(T0);
    expect(expired.status).toBe(401);
  });

  it("answers 401 IAM-style for a wrong password", async () => {
    const answer = await getToken(passwordBody({ password: "wrong" }));
    expect(answer.status).toBe(401);
    expect(answer.headers["x-subject-token"]).toBeUndefined();
    expect(JSON.parse(answer.body)).toMatchObject({ error: { code: "1101", message: expect.any(String) } });
  });

  it("answers 400 for a scope that is not the region, and for a body that is not JSON", async () => {
    expect((await getToken(passwordBody({ region: "eu-west-101" }))).status).toBe(400);
    expect((await getToken("{not json")).status).toBe(400);
  });

  it("looks up the IAM project of a region, with authentication", async () => {
    const path = "/v3/projects?name=cn-north-4";
    const answer = await call(sim, path, { headers: { "X-Auth-Token": sim.token } });
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.body).projects).toEqual([
      expect.objectContaining({ id: sim.credentials.iamProjectId, name: "cn-north-4" }),
    ]);
    expect((await call(sim, path)).status).toBe(401);
  });
});

describe("AK/SK signatures", () => {
  const path = () => detailPath(sim, idOf(sim, "web"));

  it("accepts a request signed with the AK/SK, on GET and POST", async () => {
    expect((await signedCall(sim, path(), new Date(T0))).status).toBe(200);
    const listed = await signedCall(sim, `/v5/${sim.projectId}/api/pipelines/list`, new Date(T0), {
      method: "POST",
      body: '{"name":"web"}',
    });
    expect(listed.status).toBe(200);
    expect(JSON.parse(listed.body).total).toBe(1);
  });

  it("accepts a date within 15 minutes, refuses one further off", async () => {
    expect((await signedCall(sim, path(), new Date(T0 - 14 * 60_000))).status).toBe(200);
    const stale = await signedCall(sim, path(), new Date(T0 - 16 * 60_000));
    expect(stale.status).toBe(401);
    expect(JSON.parse(stale.body).error_msg).toMatch(/15 minutes/);
  });

  it("refuses a wrong SK and an unknown AK with APIGW.0301", async () => {
    for (const overrides of [{ sk: "not-the-secret" }, { ak: "AKUNKNOWN00000000000" }]) {
      const answer = await signedCall(sim, path(), new Date(T0), overrides);
      expect(answer.status).toBe(401);
      expect(JSON.parse(answer.body)).toEqual({
        error_code: "APIGW.0301",
        error_msg: expect.stringMatching(/^Incorrect IAM authentication information: /),
      });
    }
  });

  it("refuses a signed body that was changed on the way", async () => {
    const { signRequest } = await import("../../src/auth/signer.js");
    const target = `/v5/${sim.projectId}/api/pipelines/list`;
    const headers = signRequest(
      { method: "POST", url: new URL(target, sim.url), headers: {}, body: '{"name":"web"}' },
      sim.credentials,
      new Date(T0),
    );
    const answer = await call(sim, target, { method: "POST", headers, body: '{"name":"api"}' });
    expect(answer.status).toBe(401);
  });
});

describe("401, 403, 404 and X-Request-Id", () => {
  it("answers 401 APIGW.0301 without credentials or with an unknown token", async () => {
    const attempts: Record<string, string>[] = [{}, { "X-Auth-Token": "MIInot-a-token" }];
    for (const headers of attempts) {
      const answer = await call(sim, detailPath(sim, idOf(sim, "web")), { headers });
      expect(answer.status).toBe(401);
      expect(JSON.parse(answer.body).error_code).toBe("APIGW.0301");
    }
  });

  it("answers 403 CodeArts-style for a valid token without permission on the project", async () => {
    const answer = await call(sim, detailPath(sim, idOf(sim, "web")), {
      headers: { "X-Auth-Token": sim.credentials.forbiddenToken },
    });
    expect(answer.status).toBe(403);
    expect(JSON.parse(answer.body)).toEqual({
      error_code: "DEVPIPE.00011106",
      error_msg: expect.any(String),
    });
  });

  it("answers 404 APIGW.0101 for an unknown route, even without credentials", async () => {
    const answer = await call(sim, "/v5/nothing/here");
    expect(answer.status).toBe(404);
    expect(JSON.parse(answer.body).error_code).toBe("APIGW.0101");
  });

  it("puts a unique 32-hex X-Request-Id on every answer, errors included", async () => {
    const answers = await Promise.all([
      call(sim, detailPath(sim, idOf(sim, "web")), { headers: { "X-Auth-Token": sim.token } }),
      call(sim, detailPath(sim, idOf(sim, "web"))),
      call(sim, "/nope"),
      getToken(passwordBody({ password: "wrong" })),
      getToken(passwordBody()),
    ]);
    const ids = answers.map((a) => a.headers["x-request-id"]);
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{32}$/);
    expect(new Set(ids).size).toBe(ids.length);
  });
});
