import { describe, expect, it } from "vitest";
import type { PipelineListQuery, PipelineSummary } from "../../src/api/codearts.js";
import { CliError, UsageError } from "../../src/core/errors.js";
import { type PipelineLister, resolvePipeline } from "../../src/session/resolve-pipeline.js";

const PROJECT = "54f90b75fc1447b1b65e8d3a9f77923d";

function id(n: number): string {
  return n.toString(16).padStart(32, "0");
}

/**
 * A fake list-pipelines API over `pipelines`, recording the pages asked for; `maxPage` makes it
 * serve fewer items than asked, as a real server may.
 */
function lister(
  pipelines: PipelineSummary[],
  maxPage = Number.POSITIVE_INFINITY,
): PipelineLister & { queries: PipelineListQuery[] } {
  const queries: PipelineListQuery[] = [];
  return {
    queries,
    listPipelines: async (query) => {
      queries.push(query);
      const page = pipelines.slice(query.offset, query.offset + Math.min(query.limit, maxPage));
      return { total: pipelines.length, pipelines: page, received: page.length };
    },
  };
}

async function failure(promise: Promise<unknown>): Promise<CliError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(CliError);
    return error as CliError;
  }
  throw new Error("expected an error");
}

describe("resolvePipeline", () => {
  it("takes an id as it is and an alias from the config, without a request", async () => {
    const api = lister([]);
    expect(await resolvePipeline(id(1), {}, api, PROJECT)).toEqual({
      id: id(1),
      reference: id(1),
      how: "id",
    });
    expect(
      await resolvePipeline("web", { web: { value: id(2), source: "f: pipelines.web" } }, api, PROJECT),
    ).toEqual({
      id: id(2),
      reference: "web",
      how: "alias",
    });
    expect(api.queries).toEqual([]);
  });

  it("finds a name on any page, preferring an exact match to a case-insensitive one", async () => {
    const many = Array.from({ length: 250 }, (_, i) => ({ id: id(i + 10), name: `pipeline-${i}` }));
    many.push({ id: id(7), name: "Web" }, { id: id(8), name: "web" });
    const api = lister(many);
    expect((await resolvePipeline("web", {}, api, PROJECT)).id).toBe(id(8));
    expect(api.queries.map((q) => q.offset)).toEqual([0, 100, 200]);
    expect((await resolvePipeline("pipeline-249", {}, lister(many), PROJECT)).id).toBe(id(259));
    expect((await resolvePipeline("WEB", {}, lister([{ id: id(7), name: "Web" }]), PROJECT)).id).toBe(id(7));
  });

  it("finds a name on a late page when the server serves fewer items per page than asked", async () => {
    const many = Array.from({ length: 40 }, (_, i) => ({ id: id(i + 10), name: `pipeline-${i}` }));
    many.push({ id: id(7), name: "last" });
    const api = lister(many, 7);
    expect((await resolvePipeline("last", {}, api, PROJECT)).id).toBe(id(7));
    expect(api.queries.map((q) => q.offset)).toEqual([0, 7, 14, 21, 28, 35]);
  });

  it("lists every match with its id when a name is ambiguous (usage error)", async () => {
    const api = lister([
      { id: id(1), name: "deploy" },
      { id: id(2), name: "deploy" },
    ]);
    const error = await failure(resolvePipeline("deploy", {}, api, PROJECT));
    expect(error).toBeInstanceOf(UsageError);
    expect(error.message).toBe(`2 pipelines are named "deploy": deploy (${id(1)}), deploy (${id(2)})`);
  });

  it("answers not found (exit 4) with the closest names", async () => {
    const api = lister([
      { id: id(1), name: "web-frontend" },
      { id: id(2), name: "api" },
      { id: id(3), name: "docs" },
      { id: id(4), name: "mobile" },
    ]);
    const error = await failure(resolvePipeline("frontend", {}, api, PROJECT));
    expect(error.exitCode).toBe(4);
    expect(error.message).toBe(`no pipeline named "frontend" in project ${PROJECT}`);
    expect(error.hint).toMatch(new RegExp(`^closest names: "web-frontend" \\(${id(1)}\\), `));
  });

  it("shows each close pipeline once, with its id, even when the list repeats one across pages", async () => {
    const pages = [
      [
        { id: id(1), name: "web" },
        { id: id(2), name: "web" },
      ],
      [
        { id: id(2), name: "web" },
        { id: id(3), name: "webs" },
      ],
    ];
    const api: PipelineLister = {
      listPipelines: async (query) => {
        const pipelines = query.offset === 0 ? (pages[0] ?? []) : (pages[1] ?? []);
        return { total: 4, pipelines, received: pipelines.length };
      },
    };
    const error = await failure(resolvePipeline("wbe", {}, api, PROJECT));
    expect(error.hint).toBe(
      `closest names: "web" (${id(1)}), "web" (${id(2)}), "webs" (${id(3)}); a pipeline id (32 letters or digits) or a config alias also works`,
    );
  });

  it("refuses references that cannot be names before any request", async () => {
    const api = lister([]);
    for (const reference of ["", "a/b", "x\u001b[2J", "a".repeat(129), "$(rm -rf)"]) {
      const error = await failure(resolvePipeline(reference, {}, api, PROJECT));
      expect(error).toBeInstanceOf(UsageError);
      expect(error.message).not.toMatch(/\u001b/);
    }
    expect(api.queries).toEqual([]);
    expect((await failure(resolvePipeline("名前-パイプライン", {}, api, PROJECT))).exitCode).toBe(4);
  });
});
