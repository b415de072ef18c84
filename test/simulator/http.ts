/** Test helpers: a simulator on port 0 with a manual clock, and raw HTTP calls to it. */
import { request as httpRequest, type IncomingHttpHeaders } from "node:http";
import { signRequest } from "../../src/auth/signer.js";
import {
  createManualClock,
  type RunningSimulator,
  type SimulatorOptions,
  startSimulator,
} from "../../src/simulator/index.js";

export const T0 = Date.UTC(2026, 0, 15, 9, 30, 0);

export interface Answer {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

export interface CallOptions {
  method?: string;
  headers?: Record<string, string>;
  body?: string;
  /** Give up after this many ms (rejects with "timeout"). */
  timeoutMs?: number;
}

export async function startTestSimulator(options: SimulatorOptions = {}) {
  const clock = createManualClock(T0);
  const sim = await startSimulator({ clock, ...options });
  return { sim, clock };
}

/** One request on a fresh connection; rejects when the socket fails before a full answer. */
export function call(sim: RunningSimulator, path: string, options: CallOptions = {}): Promise<Answer> {
  const url = new URL(path, sim.url);
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      url,
      { method: options.method ?? "GET", headers: { Connection: "close", ...options.headers }, agent: false },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("end", () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString("utf8"),
          }),
        );
        res.on("error", reject);
        res.on("aborted", () => reject(new Error("aborted")));
      },
    );
    if (options.timeoutMs !== undefined) {
      req.setTimeout(options.timeoutMs, () => req.destroy(new Error("timeout")));
    }
    req.on("error", reject);
    req.end(options.body);
  });
}

export function authed(sim: RunningSimulator, path: string, options: CallOptions = {}): Promise<Answer> {
  return call(sim, path, { ...options, headers: { "X-Auth-Token": sim.token, ...options.headers } });
}

export function post(sim: RunningSimulator, path: string, body: unknown): Promise<Answer> {
  return authed(sim, path, {
    method: "POST",
    body: JSON.stringify(body),
    headers: { "Content-Type": "application/json" },
  });
}

/** A request signed with AK/SK at `date`; `sk` lets a test sign with the wrong key. */
export function signedCall(
  sim: RunningSimulator,
  path: string,
  date: Date,
  overrides: { ak?: string; sk?: string; method?: string; body?: string } = {},
): Promise<Answer> {
  const url = new URL(path, sim.url);
  const method = overrides.method ?? "GET";
  const headers = { "Content-Type": "application/json" };
  const added = signRequest(
    { method, url, headers, body: overrides.body },
    { ak: overrides.ak ?? sim.credentials.ak, sk: overrides.sk ?? sim.credentials.sk },
    date,
  );
  return call(sim, path, { method, headers: { ...headers, ...added }, body: overrides.body });
}

export function detailPath(sim: RunningSimulator, pipelineId: string, runId?: string): string {
  const base = `/v5/${sim.projectId}/api/pipelines/${pipelineId}/pipeline-runs/detail`;
  return runId === undefined ? base : `${base}?pipeline_run_id=${runId}`;
}

export function idOf(sim: RunningSimulator, name: string): string {
  return sim.pipeline(name).id;
}

// biome-ignore lint/suspicious/noExplicitAny: run documents are walked loosely in tests
export type Doc = any;

export async function detail(sim: RunningSimulator, name: string, runId?: string): Promise<Doc> {
  const answer = await authed(sim, detailPath(sim, idOf(sim, name), runId));
  if (answer.status !== 200) throw new Error(`detail of ${name}: ${answer.status} ${answer.body}`);
  return JSON.parse(answer.body);
}

/** "Build:COMPLETED Test:RUNNING …", the stages of a document at a glance. */
export function stageLine(document: Doc): string {
  return document.stages.map((stage: Doc) => `${stage.name}:${stage.status}`).join(" ");
}

export function allSteps(document: Doc): Doc[] {
  return document.stages.flatMap((stage: Doc) => [
    ...(stage.pre ?? []),
    ...stage.jobs.flatMap((job: Doc) => job.steps ?? []),
    ...(stage.post ?? []),
  ]);
}
