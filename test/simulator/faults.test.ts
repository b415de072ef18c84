import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { RunningSimulator } from "../../src/simulator/index.js";
import { authed, detailPath, idOf, startTestSimulator } from "./http.js";

let sim: RunningSimulator;

beforeAll(async () => {
  ({ sim } = await startTestSimulator());
});
afterEach(() => sim.setFaults([]));
afterAll(() => sim.close());

const web = () => authed(sim, detailPath(sim, idOf(sim, "web")));
const api = () => authed(sim, detailPath(sim, idOf(sim, "api")));

describe("faults on demand", () => {
  it("503 with `times`: two failures, then success", async () => {
    sim.setFaults([{ kind: "503", times: 2 }]);
    const statuses = [(await web()).status, (await web()).status, (await web()).status];
    expect(statuses).toEqual([503, 503, 200]);
  });

  it("429 carries Retry-After and the throttling code", async () => {
    sim.setFaults([{ kind: "429", retryAfterSeconds: 7 }]);
    const answer = await web();
    expect(answer.status).toBe(429);
    expect(answer.headers["retry-after"]).toBe("7");
    expect(JSON.parse(answer.body).error_code).toBe("APIGW.0308");
  });

  it("applies only to the named pipeline, by name or id", async () => {
    sim.setFaults([{ kind: "503", pipeline: "api" }]);
    expect([(await web()).status, (await api()).status]).toEqual([200, 503]);
    sim.setFaults([{ kind: "503", pipeline: idOf(sim, "web") }]);
    expect([(await web()).status, (await api()).status]).toEqual([503, 200]);
  });

  it("refuses a fault on an unknown pipeline", () => {
    expect(() => sim.setFaults([{ kind: "503", pipeline: "nope" }])).toThrow(/unknown pipeline "nope"/);
  });

  it("slow: answers normally after the delay", async () => {
    sim.setFaults([{ kind: "slow", delayMs: 300 }]);
    const started = performance.now();
    const answer = await web();
    expect(answer.status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(280);
  });

  it("drop: the connection closes without an answer", async () => {
    sim.setFaults([{ kind: "drop", times: 1 }]);
    await expect(web()).rejects.toThrow(/socket hang up|ECONNRESET/);
    expect((await web()).status).toBe(200);
  });

  it("truncated: a 200 whose JSON body stops midway", async () => {
    sim.setFaults([{ kind: "truncated" }]);
    const answer = await web();
    expect(answer.status).toBe(200);
    expect(answer.body.length).toBeGreaterThan(100);
    expect(() => JSON.parse(answer.body)).toThrow();
  });

  it("error-200: a CodeArts error body with HTTP 200", async () => {
    sim.setFaults([{ kind: "error-200" }]);
    const answer = await web();
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.body)).toEqual({
      error_code: "DEVPIPE.00011500",
      error_msg: expect.any(String),
    });
  });

  it("html-502: an HTML gateway page", async () => {
    sim.setFaults([{ kind: "html-502" }]);
    const answer = await web();
    expect(answer.status).toBe(502);
    expect(answer.headers["content-type"]).toBe("text/html");
    expect(answer.body).toContain("<title>502 Bad Gateway</title>");
  });

  it("stall: headers arrive, the body never finishes", async () => {
    sim.setFaults([{ kind: "stall", times: 1 }]);
    await expect(authed(sim, detailPath(sim, idOf(sim, "web")), { timeoutMs: 400 })).rejects.toThrow(
      /timeout|aborted/,
    );
    expect((await web()).status).toBe(200);
  });

  it("drift applies to run-detail answers only, and counts only those", async () => {
    sim.setFaults([{ kind: "drift", times: 1 }]);
    const listed = await authed(sim, `/v5/${sim.projectId}/api/pipelines/list`, {
      method: "POST",
      body: "{}",
    });
    expect(JSON.parse(listed.body).pipelines[0]).not.toHaveProperty("pause_time");
    expect(JSON.parse((await web()).body).current_system_time).toEqual(expect.any(String));
    expect(JSON.parse((await web()).body).current_system_time).toEqual(expect.any(Number));
  });

  it("faults given at start apply from the first request", async () => {
    const { sim: faulty } = await startTestSimulator({ faults: [{ kind: "html-502", times: 1 }] });
    try {
      const first = await authed(faulty, detailPath(faulty, idOf(faulty, "web")));
      const second = await authed(faulty, detailPath(faulty, idOf(faulty, "web")));
      expect([first.status, second.status]).toEqual([502, 200]);
    } finally {
      await faulty.close();
    }
  });
});
