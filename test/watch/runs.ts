import { normaliseRun, type RunView } from "../../src/model/run.js";
import type { PolledRun } from "../../src/watch/poll-loop.js";

/** Small run documents for watch tests: `stage("Build", "RUNNING", job("Compile", "RUNNING", step(...)))`. */

type Fields = Record<string, unknown>;

export const RUN_ID = "0123456789abcdef0123456789abcdef";

export function step(name: string, status: string, extra: Fields = {}): Fields {
  return { name, status, ...extra };
}

export function job(name: string, status: string, ...steps: Fields[]): Fields {
  return { name, status, steps };
}

export function stage(name: string, status: string, ...jobs: Fields[]): Fields {
  return { name, status, jobs };
}

export function runDocument(status: string, stages: Fields[] = [], extra: Fields = {}): Fields {
  return { id: RUN_ID, name: "web", run_number: 7, status, stages, ...extra };
}

export function polled(status: string, stages: Fields[] = [], extra: Fields = {}): PolledRun {
  const document = runDocument(status, stages, extra);
  return { run: normaliseRun(document), raw: Buffer.from(JSON.stringify(document)) };
}

export function run(status: string, stages: Fields[] = [], extra: Fields = {}): RunView {
  return polled(status, stages, extra).run;
}
