import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FAULT_KINDS, type FaultKind, type RunningSimulator } from "../../src/simulator/index.js";
import type { Schema } from "../contract/schema.js";
import { validate } from "../contract/schema.js";
import {
  codeArtsErrorAnswer,
  iamErrorAnswer,
  iamProjectsAnswer,
  iamTokenAnswer,
  latestStatusAnswer,
  listPipelinesAnswer,
  listRunsAnswer,
  runDetailAnswer,
  runPipelineAnswer,
  stepLogAnswer,
  stopRunAnswer,
} from "../contract/schemas.js";
import {
  type Answer,
  authed,
  call,
  type Doc,
  detailPath,
  post,
  signedCall,
  startTestSimulator,
  T0,
} from "./http.js";

/**
 * The simulator may only answer in the shapes the SDK models describe: every read API, for every
 * built-in scenario at several moments of its timeline, and under every fault.
 */

let sim: RunningSimulator;
let clock: Awaited<ReturnType<typeof startTestSimulator>>["clock"];

beforeAll(async () => {
  ({ sim, clock } = await startTestSimulator());
});
afterAll(() => sim.close());

interface Checked {
  what: string;
  differences: string[];
}

function check(what: string, schema: Schema, answer: Answer): Checked {
  let body: unknown;
  try {
    body = JSON.parse(answer.body);
  } catch {
    return { what, differences: [`not JSON (HTTP ${answer.status})`] };
  }
  return { what, differences: validate(schema, body).map((d) => `${d.path}: ${d.problem}`) };
}

function failures(checked: Checked[]): string[] {
  return checked.flatMap((c) => c.differences.map((d) => `${c.what} ${d}`));
}

const base = () => `/v5/${sim.projectId}/api/pipelines`;

/** Every read answer the simulator gives now, checked. */
async function tour(): Promise<Checked[]> {
  const checked: Checked[] = [];
  const list = await post(sim, `${base()}/list`, { offset: 0, limit: 100 });
  checked.push(check("list pipelines", listPipelinesAnswer, list));
  const ids = sim.pipelines.map((p) => p.id);
  checked.push(check("latest status", latestStatusAnswer, await post(sim, `${base()}/status`, ids)));
  for (const pipeline of sim.pipelines) {
    const runs = await post(sim, `${base()}/${pipeline.id}/pipeline-runs/list`, { offset: 0, limit: 100 });
    checked.push(check(`list runs of ${pipeline.name}`, listRunsAnswer, runs));
    for (const run of JSON.parse(runs.body).pipeline_runs as Doc[]) {
      const answer = await authed(sim, detailPath(sim, pipeline.id, run.pipeline_run_id));
      checked.push(check(`run detail of ${pipeline.name} #${run.run_number}`, runDetailAnswer, answer));
    }
    const latest = await authed(sim, detailPath(sim, pipeline.id));
    if (latest.status !== 200) {
      checked.push(check(`run detail of ${pipeline.name} (never ran)`, codeArtsErrorAnswer, latest));
      continue;
    }
    const document = JSON.parse(latest.body);
    for (const stage of document.stages as Doc[]) {
      for (const job of stage.jobs as Doc[]) {
        for (const step of job.steps as Doc[]) {
          const path = `${base()}/${pipeline.id}/pipeline-runs/${document.id}/jobs/${job.id}/steps/${step.id}/logs`;
          const page = await post(sim, path, { start_offset: 0, limit: 3, sort: "asc" });
          checked.push(check(`step log of ${pipeline.name}/${step.name}`, stepLogAnswer, page));
        }
      }
    }
  }
  return checked;
}

describe("the simulator's answers match the SDK models", () => {
  it("in every scenario, from the start of the timeline to long after", async () => {
    const seen: Checked[] = [];
    for (const offset of [0, 30_000, 5 * 60_000, 3 * 60 * 60_000]) {
      clock.set(T0 + offset);
      seen.push(...(await tour()));
    }
    clock.set(T0);
    expect(failures(seen)).toEqual([]);
    // The tour covered every API at least once, including step logs and a pipeline that never ran.
    const kinds = new Set(seen.map((c) => c.what.replace(/ of .*/, "")));
    expect([...kinds].sort()).toEqual([
      "latest status",
      "list pipelines",
      "list runs",
      "run detail",
      "step log",
    ]);
    expect(seen.some((c) => c.what.endsWith("(never ran)"))).toBe(true);
  });

  it("when a run is started (with variables) and stopped, and for the started run's detail", async () => {
    const web = sim.pipeline("web").id;
    const started = await post(sim, `${base()}/${web}/run`, {
      description: "schema tour",
      variables: [{ name: "env", value: "staging" }],
    });
    const runId = JSON.parse(started.body).pipeline_run_id as string;
    const checked = [
      check("start a run", runPipelineAnswer, started),
      check("run detail of the started run", runDetailAnswer, await authed(sim, detailPath(sim, web, runId))),
      check(
        "stop the started run",
        stopRunAnswer,
        await post(sim, `${base()}/${web}/pipeline-runs/${runId}/stop`, {}),
      ),
      check("run detail of the stopped run", runDetailAnswer, await authed(sim, detailPath(sim, web, runId))),
    ];
    expect(failures(checked)).toEqual([]);
  });

  it("in every shape of error the CodeArts routes and IAM give", async () => {
    const unknown = "0".repeat(32);
    const checked = [
      check("unknown pipeline", codeArtsErrorAnswer, await authed(sim, detailPath(sim, unknown))),
      check("bad parameter", codeArtsErrorAnswer, await post(sim, `${base()}/list`, { limit: 500 })),
      check("no token", codeArtsErrorAnswer, await call(sim, detailPath(sim, sim.pipeline("web").id))),
      check(
        "wrong password",
        iamErrorAnswer,
        await call(sim, "/v3/auth/tokens", { method: "POST", body: passwordBody("wrong") }),
      ),
    ];
    expect(failures(checked)).toEqual([]);
  });

  it("for IAM: a password token and the projects list", async () => {
    const token = await call(sim, "/v3/auth/tokens", {
      method: "POST",
      body: passwordBody(sim.credentials.password),
    });
    expect(token.status).toBe(201);
    const projects = await signedCall(sim, `/v3/projects?name=${sim.credentials.region}`, new Date(T0));
    expect(projects.status).toBe(200);
    expect(
      failures([
        check("IAM token", iamTokenAnswer, token),
        check("IAM projects", iamProjectsAnswer, projects),
      ]),
    ).toEqual([]);
  });
});

function passwordBody(password: string): string {
  const { domain, user, region } = sim.credentials;
  return JSON.stringify({
    auth: {
      identity: {
        methods: ["password"],
        password: { user: { domain: { name: domain }, name: user, password } },
      },
      scope: { project: { name: region } },
    },
  });
}

/**
 * What each fault leaves to check. A fault either keeps the answer's shape (the answer must match
 * its schema), answers with an error body (which must match the error schema), or is off the
 * contract on purpose: a broken transport or a hostile body that no real answer has.
 */
const FAULT_SHAPES: Record<FaultKind, "answer" | "error" | "off-contract"> = {
  "503": "error",
  "429": "error",
  "error-200": "error",
  slow: "answer",
  drip: "answer",
  drift: "answer",
  escapes: "answer",
  "huge-strings": "answer",
  // Only a start request loses its answer; the read APIs checked here answer as usual.
  "start-lost": "answer",
  // An HTML page from a gateway, a dropped or cut connection, a stalled body: no JSON to check.
  "html-502": "off-contract",
  drop: "off-contract",
  truncated: "off-contract",
  stall: "off-contract",
  // Hostile bodies that test the client's defences, never the service's shape.
  "wrong-types": "off-contract",
  "deep-nesting": "off-contract",
  "invalid-utf8": "off-contract",
  oversized: "off-contract",
};

describe("the simulator's answers under faults", () => {
  it("has decided, for every fault kind, what its answers must look like", () => {
    expect(Object.keys(FAULT_SHAPES).sort()).toEqual([...FAULT_KINDS].sort());
  });

  for (const kind of FAULT_KINDS.filter((k) => FAULT_SHAPES[k] !== "off-contract")) {
    it(`${kind}: ${FAULT_SHAPES[kind] === "error" ? "an error body" : "the answer"} in the documented shape`, async () => {
      clock.set(T0);
      // A small pipeline keeps the slow faults quick; `docs` has one run.
      const pipeline = sim.pipeline("docs");
      sim.setFaults([{ kind, delayMs: 1, retryAfterSeconds: 0 }]);
      try {
        // `drip` sends 16 bytes every 100 ms: only a small answer (an empty run list) is checked.
        const detail = kind === "drip" ? undefined : await authed(sim, detailPath(sim, pipeline.id));
        const listed = kind === "drip" ? sim.pipeline("empty") : pipeline;
        const runs = await post(sim, `${base()}/${listed.id}/pipeline-runs/list`, { limit: 1 });
        const error = FAULT_SHAPES[kind] === "error";
        const checked = [check("list runs", error ? codeArtsErrorAnswer : listRunsAnswer, runs)];
        if (detail) checked.push(check("run detail", error ? codeArtsErrorAnswer : runDetailAnswer, detail));
        expect(failures(checked)).toEqual([]);
      } finally {
        sim.setFaults([]);
      }
    });
  }
});
