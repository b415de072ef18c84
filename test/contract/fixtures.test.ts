import { afterEach, describe, expect, it } from "vitest";
import { runCli } from "../../src/cli.js";
import { testContext } from "../helpers/context.js";
import {
  FIXTURE_NAMES,
  type FixtureName,
  type FixtureServer,
  loadFixture,
  type Route,
  serveFixtures,
} from "./fixtures.js";
import type { Schema } from "./schema.js";
import { validate } from "./schema.js";
import {
  iamProjectsAnswer,
  iamTokenAnswer,
  latestStatusAnswer,
  listPipelinesAnswer,
  listRunsAnswer,
  runDetailAnswer,
  runPipelineAnswer,
  stepLogAnswer,
  stopRunAnswer,
} from "./schemas.js";

/**
 * The ground truth: the answers of the official pages, served to the real CLI. When the
 * simulator and a fixture disagree, the fixture wins.
 */

const SCHEMAS: Record<FixtureName, Schema> = {
  "show-pipeline-run-detail": runDetailAnswer,
  "list-pipelines": listPipelinesAnswer,
  "list-pipeline-runs": listRunsAnswer,
  "batch-show-pipelines-latest-status": latestStatusAnswer,
  "show-pipeline-log": stepLogAnswer,
  "iam-token-password": iamTokenAnswer,
  "iam-projects": iamProjectsAnswer,
  "run-pipeline": runPipelineAnswer,
  "stop-pipeline-run": stopRunAnswer,
};

const PROJECT = "d80a8a6530324b7bac972cbb8a9f28ec";
const SUB = "98b6ea1536374df883bcc3b129bca4e9"; // "Sub-pipeline qqq": COMPLETED
const BUILD = "e2bcbd561fbc4fd89577fb27c80b09a6"; // "build-and-test": FAILED
const NEVER = "4a5350af4b5041d4a7fdea16d6938eb0"; // "never-run": absent from latest status
const UNKNOWN = "0123456789abcdef0123456789abcdef";

const body = (name: FixtureName) => loadFixture(name).body;
const API = `^/v5/${PROJECT}/api/pipelines`;
const route = (method: string, path: string, status: number, answer: unknown): Route => [
  method,
  new RegExp(`${API}${path}`),
  status,
  answer,
];

let server: FixtureServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** Runs the CLI in-process against the fixtures; `env` may use the fixture server's URL. */
async function cli(
  routes: Route[],
  args: string[],
  env: (url: string) => Record<string, string> = () => ({}),
) {
  server = await serveFixtures(routes);
  const { ctx, stdout, stderr } = testContext({
    env: {
      CODEARTS_ENDPOINT: server.url,
      CODEARTS_TOKEN: "MIIcontract",
      CODEARTS_PROJECT_ID: PROJECT,
      ...env(server.url),
    },
  });
  const code = await runCli(args, ctx, { version: "0.0.0-contract", binPath: "" });
  return { code, stdout: stdout(), stderr: stderr(), received: server.received };
}

describe("the contract fixtures", () => {
  it("each names its official page and matches its schema", () => {
    for (const name of FIXTURE_NAMES) {
      const fixture = loadFixture(name);
      expect(fixture.source, name).toMatch(/^https:\/\/support\.huaweicloud\.com\//);
      expect(validate(SCHEMAS[name], fixture.body), name).toEqual([]);
    }
  });
});

describe("the CLI against the published run detail", () => {
  it("status shows the run and exits 0 for COMPLETED", async () => {
    const result = await cli(
      [route("GET", `/${SUB}/pipeline-runs/detail`, 200, body("show-pipeline-run-detail"))],
      ["status", SUB],
    );
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("Sub-pipeline qqq #1");
    expect(result.stdout).toContain("COMPLETED");
  });
});

/** The ids of the log page's example request. */
const LOG_RUN = "9e91b1fd7ce743b7a1b7a2458bcf76c7";
const LOG_JOB = "6ce8600f396c4d5ba5290201ba9fd762";
const LOG_STEP = "7a1a7bb1b5e74d1c944d8b8971621033";

/**
 * The published run, moved to the ids of the log page's example request, with its job given one
 * FAILED step (shaped like the published entry step) so `logs --failed` has a step to show.
 */
function failedRun() {
  type Step = Record<string, unknown>;
  const run = structuredClone(body("show-pipeline-run-detail")) as {
    id: string;
    pipeline_id: string;
    status: string;
    stages: { pre: Step[]; jobs: { id: string; status: string; steps: Step[] }[] }[];
  };
  const [stage] = run.stages;
  const job = stage?.jobs[0];
  if (!stage || !job) throw new Error("the published run has no job");
  const step = {
    ...stage.pre[0],
    id: LOG_STEP,
    name: "Execute Shell",
    task: "official_shell_plugin",
    status: "FAILED",
  };
  Object.assign(run, { id: LOG_RUN, pipeline_id: BUILD, status: "FAILED" });
  Object.assign(job, { id: LOG_JOB, status: "FAILED", steps: [step] });
  return run;
}

describe("the CLI against the published step log (string offsets)", () => {
  it("logs --failed prints every line of a log served in two pages, asking from the server's end_offset", async () => {
    const published = body("show-pipeline-log") as { log: string; start_offset: string };
    const [firstLine = "", ...rest] = published.log.split(/(?<=\n)/);
    const firstPage = { has_more: true, start_offset: "6132", end_offset: "6250", log: firstLine };
    const lastPage = { ...(published as object), log: rest.join("") };
    const logPath = `/${BUILD}/pipeline-runs/${LOG_RUN}/jobs/${LOG_JOB}/steps/${LOG_STEP}/logs$`;
    const result = await cli(
      [
        route("GET", `/${BUILD}/pipeline-runs/detail`, 200, failedRun()),
        route("POST", logPath, 200, { pages: [firstPage, lastPage] }),
      ],
      ["logs", BUILD, "--failed"],
    );
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("Execute Shell (FAILED)");
    expect(result.stdout).toContain(published.log);
    const logRequests = result.received
      .filter((r) => r.path.endsWith("/logs"))
      .map((r) => JSON.parse(r.body));
    expect(logRequests).toEqual([
      { start_offset: 0, limit: 500, sort: "asc" },
      { start_offset: 6250, limit: 500, sort: "asc" },
    ]);
  });
});

describe("the CLI against the published list and latest-status answers", () => {
  const routes = () => [
    route("POST", "/list$", 200, body("list-pipelines")),
    route("POST", "/status$", 200, body("batch-show-pipelines-latest-status")),
  ];
  const rowOf = (stdout: string, name: string) =>
    stdout.split("\n").find((line) => line.startsWith(name)) ?? "";

  it("status --all names every pipeline, shows the never-run one as such, and exits 1 for the failed one", async () => {
    const result = await cli(routes(), ["status", "--all"]);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(1);
    expect(rowOf(result.stdout, "Sub-pipeline qqq")).toMatch(/#1\s+\S+ COMPLETED/);
    expect(rowOf(result.stdout, "build-and-test")).toMatch(/#12\s+\S+ FAILED/);
    expect(rowOf(result.stdout, "never-run")).toMatch(/NEVER_RUN/);
  });

  it("status with ids: a never-run pipeline is neutral (exit 0), and still named", async () => {
    const result = await cli(routes(), ["status", SUB, NEVER]);
    expect(result.code).toBe(0);
    expect(rowOf(result.stdout, "Sub-pipeline qqq")).toMatch(/COMPLETED/);
    expect(rowOf(result.stdout, "never-run")).toMatch(/NEVER_RUN/);
  });

  it("status with an id the project does not have exits 4, naming it", async () => {
    const result = await cli(routes(), ["status", SUB, UNKNOWN]);
    expect(result.code).toBe(4);
    expect(result.stdout).toBe("");
    expect(result.stderr).toMatch(
      new RegExp(`error: pipeline ${UNKNOWN} not found in project ${PROJECT}\\nhint: .*member`),
    );
  });

  it("status by name finds the pipeline through the list answer", async () => {
    const result = await cli(routes(), ["status", "build-and-test", "never-run"]);
    expect(result.code).toBe(1);
    expect(rowOf(result.stdout, "build-and-test")).toMatch(/FAILED/);
  });

  it("runs reads the published list of runs", async () => {
    const result = await cli(
      [route("POST", `/${BUILD}/pipeline-runs/list$`, 200, body("list-pipeline-runs"))],
      ["runs", BUILD],
    );
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/#12\s+\S+ FAILED/);
    expect(result.stdout).toMatch(/#11\s+\S+ COMPLETED/);
  });
});

describe("the CLI against the published IAM answers", () => {
  it("auth check with a password takes the token from X-Subject-Token", async () => {
    const token = loadFixture("iam-token-password");
    const result = await cli(
      [
        ["POST", /^\/v3\/auth\/tokens$/, token.status, token.body, token.headers],
        route("POST", "/list$", 200, body("list-pipelines")),
      ],
      ["auth", "check"],
      (url) => ({
        CODEARTS_TOKEN: "",
        CODEARTS_REGION: "cn-north-4",
        CODEARTS_DOMAIN: "IAMDomain",
        CODEARTS_USERNAME: "IAMUser",
        CODEARTS_PASSWORD: "secret-password",
        CODEARTS_IAM_ENDPOINT: url,
      }),
    );
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/3 pipelines visible/);
  });
});
