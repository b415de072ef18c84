import { describe, expect, it } from "vitest";
import type { RunListQuery } from "../../src/api/codearts.js";
import { type RunLister, recentRuns } from "../../src/handlers/runs.js";

const QUERY = { projectId: "p".repeat(32), pipelineId: "q".repeat(32), statuses: [] };

function run(n: number): Record<string, unknown> {
  return { pipeline_run_id: `run-${n}`, run_number: n };
}

/** A fake list-runs API over `history` (newest first), recording the pages asked for. */
function lister(history: Record<string, unknown>[], pageLimit = 100): RunLister & { asked: RunListQuery[] } {
  const asked: RunListQuery[] = [];
  return {
    asked,
    listRuns: async (query) => {
      asked.push(query);
      const size = Math.min(query.limit, pageLimit);
      return { total: history.length, runs: history.slice(query.offset, query.offset + size) };
    },
  };
}

const history = Array.from({ length: 250 }, (_, i) => run(250 - i));

describe("recentRuns", () => {
  it("asks for one page when the limit fits in one", async () => {
    const api = lister(history);
    const found = await recentRuns(api, QUERY, 20);
    expect(found.runs.map((r) => r.run_number)).toEqual(history.slice(0, 20).map((r) => r.run_number));
    expect(found.total).toBe(250);
    expect(api.asked.map((q) => [q.offset, q.limit])).toEqual([[0, 20]]);
  });

  it("pages up to the limit, in pages of at most 100", async () => {
    const api = lister(history);
    const found = await recentRuns(api, QUERY, 230);
    expect(found.runs).toHaveLength(230);
    expect(api.asked.map((q) => [q.offset, q.limit])).toEqual([
      [0, 100],
      [100, 100],
      [200, 30],
    ]);
  });

  it("stops at the end of the history, and when the service serves smaller pages than asked", async () => {
    const short = history.slice(0, 45);
    const api = lister(short, 20);
    const found = await recentRuns(api, QUERY, 100);
    expect(found.runs).toEqual(short);
    expect(api.asked.map((q) => q.offset)).toEqual([0, 20, 40]);
  });

  it("keeps a run once when a new run shifts the list between two pages", async () => {
    const pages = [
      [run(5), run(4)],
      [run(4), run(3)], // run 6 started meanwhile: run 4 comes again
      [run(2), run(1)],
    ];
    const api: RunLister = {
      listRuns: async (query) => ({ total: 6, runs: pages[query.offset / 2] ?? [] }),
    };
    const found = await recentRuns(api, QUERY, 4);
    expect(found.runs.map((r) => r.run_number)).toEqual([5, 4, 3, 2]);
  });

  it("keeps only the statuses asked for from a service that ignores the filter, in whole pages", async () => {
    const mixed = Array.from({ length: 150 }, (_, i) => ({
      ...run(150 - i),
      status: i % 3 === 0 ? "FAILED" : "COMPLETED",
    }));
    const api = lister(mixed);
    const found = await recentRuns(api, { ...QUERY, statuses: ["FAILED"] }, 45);
    expect(found.runs).toHaveLength(45);
    expect(found.runs.every((r) => r.status === "FAILED")).toBe(true);
    expect(found.filteredHere).toBe(true);
    expect(found.total).toBeUndefined();
    expect(api.asked.map((q) => [q.offset, q.limit])).toEqual([
      [0, 45],
      [45, 100],
    ]);
  });

  it("passes the status filter on", async () => {
    const api = lister(history);
    await recentRuns(api, { ...QUERY, statuses: ["FAILED", "CANCELED"] }, 5);
    expect(api.asked[0]?.statuses).toEqual(["FAILED", "CANCELED"]);
  });
});
