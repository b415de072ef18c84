import { readFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { runInProcess } from "../helpers/run-cli.js";

/**
 * What the CLI believes of an answer. A stub CodeArts on 127.0.0.1 answers with what a misbehaving
 * server or proxy would send: another run than the one asked for, runs of every status whatever
 * the filter, a run without a page address or without steps, an HTML error page without a title.
 */

const PROJECT = "0123456789abcdef0123456789abcdef";
const PIPELINE = "e5460d1d403146a1935c2d4b68ef506c";
const ASKED = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
const OTHER = "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb";
/** The example run of the API reference: one stage, one job, no steps, no detail_url. */
const EXAMPLE = JSON.parse(
  readFileSync(new URL("../fixtures/run-detail-example.json", import.meta.url), "utf8"),
) as Record<string, unknown>;

interface Stub {
  detail: () => { status: number; type: string; body: string };
  runs: Record<string, unknown>[];
  listBodies: unknown[];
  detailRequests: number;
}
let stub: Stub;
let server: Server;
let endpoint: string;

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = "";
    req.on("data", (chunk) => {
      body += chunk;
    });
    req.on("end", () => {
      const path = new URL(req.url ?? "/", "http://x").pathname;
      if (path.endsWith("/pipeline-runs/detail")) {
        stub.detailRequests += 1;
        const answer = stub.detail();
        res.writeHead(answer.status, { "Content-Type": answer.type }).end(answer.body);
      } else if (path.endsWith("/pipeline-runs/list")) {
        stub.listBodies.push(JSON.parse(body));
        // A server that ignores the status filter: every run, whatever was asked.
        res
          .writeHead(200, { "Content-Type": "application/json" })
          .end(JSON.stringify({ total: stub.runs.length, pipeline_runs: stub.runs }));
      } else {
        res.writeHead(404).end();
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

function runDocument(fields: Record<string, unknown>) {
  return () => ({ status: 200, type: "application/json", body: JSON.stringify({ ...EXAMPLE, ...fields }) });
}

beforeEach(() => {
  stub = { detail: runDocument({}), runs: [], listBodies: [], detailRequests: 0 };
});

function cli(argv: string[]) {
  return runInProcess([...argv, "--endpoint", endpoint], {
    env: { CODEARTS_TOKEN: "test-token", CODEARTS_PROJECT_ID: PROJECT },
  });
}

describe("--run trusts only the run it asked for", () => {
  it("another run's FAILED status does not decide the exit code: exit 5, naming both runs", async () => {
    stub.detail = runDocument({ id: OTHER, status: "FAILED" });
    for (const extra of [[], ["--json"], ["--output", "markdown"]]) {
      const result = await cli(["status", PIPELINE, "--run", ASKED, ...extra]);
      expect(result.code).toBe(5);
      expect(result.stdout).toBe("");
      expect(result.stderr).toMatch(
        new RegExp(
          `^error: asked for run ${ASKED}, the service answered with run ${OTHER}\\nhint: the service ignored pipeline_run_id`,
        ),
      );
    }
    const logs = await cli(["logs", PIPELINE, "--run", ASKED]);
    expect(logs.code).toBe(5);
    expect(logs.stderr).toContain(`the service answered with run ${OTHER}`);
  });

  it("a watch stops at the first answer about another run", async () => {
    stub.detail = runDocument({ id: OTHER, status: "RUNNING" });
    const before = stub.detailRequests;
    const result = await cli(["status", PIPELINE, "--run", ASKED, "--watch"]);
    expect(result.code).toBe(5);
    expect(result.stderr).toContain(`the service answered with run ${OTHER}`);
    expect(stub.detailRequests - before).toBe(1);
  });

  it("the run asked for is shown as usual", async () => {
    stub.detail = runDocument({ id: ASKED, status: "FAILED" });
    expect((await cli(["status", PIPELINE, "--run", ASKED, "--json"])).code).toBe(1);
  });
});

describe("runs --status shows only the statuses asked for", () => {
  it("even when the server ignores the filter", async () => {
    stub.runs = ["FAILED", "COMPLETED", "FAILED", "RUNNING", "CANCELED"].map((status, i) => ({
      pipeline_run_id: String(i + 1).padStart(32, "0"),
      run_number: 10 - i,
      status,
    }));
    const json = await cli(["runs", PIPELINE, "--status", "failed", "--json"]);
    expect(json.code).toBe(0);
    expect(
      (JSON.parse(json.stdout) as Array<{ run_number: number; status: string }>).map((r) => [
        r.run_number,
        r.status,
      ]),
    ).toEqual([
      [10, "FAILED"],
      [8, "FAILED"],
    ]);
    expect(stub.listBodies[0]).toMatchObject({ status: ["FAILED"] });
    expect(json.stderr).toBe(
      "note: the service also sent runs of other statuses; only FAILED runs are shown\n",
    );

    const table = await cli(["runs", PIPELINE, "--status", "FAILED"]);
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/FAILED/);
    expect(table.stdout).not.toMatch(/COMPLETED|RUNNING|CANCELED/);
    // The service's total counts the other runs too: no "N most recent of M" note from it.
    expect(table.stderr).not.toMatch(/most recent of/);
  });
});

describe("smaller things a script must be able to trust", () => {
  it("--web on a run without a page address says so, with the usage exit code", async () => {
    const result = await cli(["status", PIPELINE, "--web"]);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr).toBe(
      "error: run #1 has no page to open: the service sent no detail_url for it\n" +
        "hint: show the run here without --web, or open the pipeline in the CodeArts console\n",
    );
  });

  it("logs on a run whose jobs have no steps says that", async () => {
    const result = await cli(["logs", PIPELINE]);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe("");
    expect(result.stderr).toBe(
      "the jobs of run #1 have no steps, so there is no step log to show; `codearts-run status` shows its stages and jobs\n",
    );
  });

  it("an HTML error page without a <title> is summarised by its status line", async () => {
    stub.detail = () => ({
      status: 502,
      type: "text/html",
      body: "<html><body><center>upstream gone</center></body></html>",
    });
    const result = await cli(["status", PIPELINE]);
    expect(result.code).toBe(5);
    expect(result.stderr).toMatch(
      /^error: could not get the pipeline run: the service failed \(HTTP 502; a non-JSON answer \(text\/html: "502 Bad Gateway"\)\)$/m,
    );
  });
});
