import { describe, expect, it } from "vitest";
import { startSimulator } from "../../src/simulator/index.js";
import { authed, detailPath, idOf, startTestSimulator } from "./http.js";

describe("the simulator server", () => {
  it("refuses to listen on anything but loopback", async () => {
    await expect(startSimulator({ host: "0.0.0.0" })).rejects.toThrow(/only listens on loopback/);
    await expect(startSimulator({ host: "192.168.1.10" })).rejects.toThrow(/only listens on loopback/);
  });

  it("listens on 127.0.0.1 and a free port by default", async () => {
    const sim = await startSimulator();
    try {
      expect(sim.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(sim.url).not.toMatch(/:0$/);
    } finally {
      await sim.close();
    }
  });

  it("gives 32-hex ids that are the same for the same seed and differ for another", async () => {
    const [a, b, c] = await Promise.all([
      startTestSimulator({ seed: 1 }),
      startTestSimulator({ seed: 1 }),
      startTestSimulator({ seed: 2 }),
    ]);
    try {
      expect(a.sim.projectId).toMatch(/^[0-9a-f]{32}$/);
      for (const p of a.sim.pipelines) expect(p.id).toMatch(/^[0-9a-f]{32}$/);
      expect(b.sim.pipelines).toEqual(a.sim.pipelines);
      expect(b.sim.projectId).toBe(a.sim.projectId);
      expect(c.sim.projectId).not.toBe(a.sim.projectId);
    } finally {
      await Promise.all([a.sim.close(), b.sim.close(), c.sim.close()]);
    }
  });

  it("answers byte-identical bodies for identical requests at the same clock time, across starts", async () => {
    const [a, b] = await Promise.all([startTestSimulator(), startTestSimulator()]);
    try {
      for (const name of ["web", "api", "mobile", "nightly", "drift"]) {
        const first = await authed(a.sim, detailPath(a.sim, idOf(a.sim, name)));
        const again = await authed(a.sim, detailPath(a.sim, idOf(a.sim, name)));
        const other = await authed(b.sim, detailPath(b.sim, idOf(b.sim, name)));
        expect(again.body).toBe(first.body);
        expect(other.body).toBe(first.body);
      }
      a.clock.advance(1000);
      const later = await authed(a.sim, detailPath(a.sim, idOf(a.sim, "mobile")));
      const before = await authed(b.sim, detailPath(b.sim, idOf(b.sim, "mobile")));
      expect(later.body).not.toBe(before.body);
    } finally {
      await Promise.all([a.sim.close(), b.sim.close()]);
    }
  });

  it("counts connections and requests, and lists pipelines with their latest run", async () => {
    const { sim } = await startTestSimulator();
    try {
      expect(sim.stats()).toEqual({ connections: 0, requests: 0 });
      await authed(sim, detailPath(sim, idOf(sim, "web")));
      await authed(sim, detailPath(sim, idOf(sim, "api")));
      expect(sim.stats()).toEqual({ connections: 2, requests: 2 });
      expect(sim.pipelines.map((p) => p.name)).toEqual(
        expect.arrayContaining([
          "web",
          "api",
          "docs",
          "hotfix",
          "mobile",
          "release",
          "nightly",
          "demo",
          "drift",
          "empty",
        ]),
      );
      expect(sim.pipeline("empty").latestRunId).toBeUndefined();
      expect(sim.pipeline("web").latestRunId).toMatch(/^[0-9a-f]{32}$/);
      expect(sim.latestRunStatus("demo")).toBe("RUNNING");
    } finally {
      await sim.close();
    }
  });

  it("closes even while a stalled answer is pending", async () => {
    const { sim } = await startTestSimulator({ faults: [{ kind: "stall" }] });
    const pending = authed(sim, detailPath(sim, idOf(sim, "web"))).catch((error: Error) => error);
    await new Promise((resolve) => setTimeout(resolve, 100));
    await sim.close();
    expect(await pending).toBeInstanceOf(Error);
  });
});
