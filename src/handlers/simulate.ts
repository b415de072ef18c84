/**
 * `codearts-run simulate`: serve the built-in CodeArts simulator until interrupted, and
 * tell a newcomer how to point the CLI at it.
 */
import type { Context } from "../core/context.js";
import { UsageError } from "../core/errors.js";
import { ExitCode } from "../core/exit-codes.js";
import {
  DEFAULT_SEED,
  FAULT_KINDS,
  type FaultSpec,
  isFaultKind,
  isLoopbackHost,
  type RunningSimulator,
  startSimulator,
} from "../simulator/index.js";
import { sanitizeText } from "../text/sanitize.js";

export interface SimulateOptions {
  port?: number;
  host?: string;
  json?: boolean;
  speed?: number;
  seed?: number;
  faults?: string[];
}

/**
 * `--fault` syntax: `<kind>[=<value>][*<times>][:<pipeline>]`
 *   kind      503 | 429 | slow | drop | truncated | error-200 | html-502 | drift | stall | start-lost
 *   =value    429: Retry-After seconds (default 1); slow: delay in ms (default 2000)
 *   *times    only the first <times> matching requests (default: all)
 *   :pipeline only requests about this pipeline, by name or id (default: every request)
 * Examples: `503`, `429:web`, `429=5:web`, `slow=2000:api`, `503*2`, `drop*1:demo`.
 */
const FAULT_SYNTAX = /^([a-z0-9-]+)(?:=(\d+))?(?:\*(\d+))?(?::([A-Za-z0-9_-]+))?$/;
const FAULT_HINT = `write --fault <kind>[=<value>][*<times>][:<pipeline>], e.g. 503, 429:web, slow=2000:api, 503*2; kinds: ${FAULT_KINDS.join(", ")}`;

export function parseFaultSpec(text: string): FaultSpec {
  const match = FAULT_SYNTAX.exec(text.trim());
  if (!match) throw new UsageError(`cannot read the fault "${sanitizeText(text)}"`, FAULT_HINT);
  const [, kind = "", value, times, pipeline] = match;
  if (!isFaultKind(kind))
    throw new UsageError(`unknown fault kind "${kind}" in "${sanitizeText(text)}"`, FAULT_HINT);
  const spec: FaultSpec = { kind };
  if (value !== undefined) {
    if (kind === "429") spec.retryAfterSeconds = Number(value);
    else if (kind === "slow") spec.delayMs = Number(value);
    else throw new UsageError(`the fault "${kind}" takes no =value (in "${sanitizeText(text)}")`, FAULT_HINT);
  }
  if (times !== undefined) {
    if (Number(times) < 1)
      throw new UsageError(`*times must be at least 1 (in "${sanitizeText(text)}")`, FAULT_HINT);
    spec.times = Number(times);
  }
  if (pipeline !== undefined) spec.pipeline = pipeline;
  return spec;
}

function describeFault(spec: FaultSpec): string {
  const value = spec.retryAfterSeconds ?? spec.delayMs;
  return [
    spec.kind,
    value === undefined ? "" : `=${value}`,
    spec.times === undefined ? "" : `*${spec.times}`,
    spec.pipeline === undefined ? "" : `:${spec.pipeline}`,
  ].join("");
}

async function start(options: SimulateOptions, faults: FaultSpec[]): Promise<RunningSimulator> {
  try {
    return await startSimulator({
      host: options.host,
      port: options.port ?? 0,
      speed: options.speed,
      seed: options.seed,
      faults,
    });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "EADDRINUSE" || code === "EACCES") {
      throw new UsageError(
        `cannot listen on port ${options.port}: ${code === "EADDRINUSE" ? "it is in use" : "permission denied"}`,
        "pick another with --port, or --port 0 for any free port",
      );
    }
    if (error instanceof Error && /unknown pipeline|speed must/i.test(error.message)) {
      throw new UsageError(
        error.message,
        "run `codearts-run simulate` without faults to see the pipeline names",
      );
    }
    throw error;
  }
}

function humanSummary(sim: RunningSimulator, faults: FaultSpec[], speed: number, seed: number): string {
  const example = sim.pipeline("web");
  const width = Math.max(...sim.pipelines.map((p) => p.name.length));
  const { credentials: c } = sim;
  return [
    `CodeArts simulator listening on ${sim.url} (speed ${speed}x, seed ${seed})`,
    "",
    `  endpoint    ${sim.url}`,
    `  token       ${sim.token}`,
    `  project id  ${sim.projectId}`,
    `  AK / SK     ${c.ak} / ${c.sk}  (simulator only)`,
    `  IAM login   domain ${c.domain}, user ${c.user}, password ${c.password}, region ${c.region}`,
    "",
    "Pipelines:",
    ...sim.pipelines.map((p) => `  ${p.id}  ${p.name.padEnd(width)}  ${p.description}`),
    "",
    `Faults: ${faults.length === 0 ? "none" : faults.map(describeFault).join(", ")}`,
    "",
    "Try it from another terminal:",
    `  export CODEARTS_ENDPOINT=${sim.url} CODEARTS_TOKEN=${sim.token} CODEARTS_PROJECT_ID=${sim.projectId}`,
    `  codearts-run status ${example.id}`,
    "",
    "Press Ctrl-C to stop.",
    "",
  ].join("\n");
}

function jsonSummary(sim: RunningSimulator, faults: FaultSpec[], speed: number, seed: number): string {
  return `${JSON.stringify({
    url: sim.url,
    token: sim.token,
    projectId: sim.projectId,
    credentials: sim.credentials,
    pipelines: sim.pipelines.map((p) => ({ ...p, latestRunId: p.latestRunId ?? null })),
    faults,
    speed,
    seed,
  })}\n`;
}

function untilAborted(signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) resolve();
    else signal.addEventListener("abort", () => resolve(), { once: true });
  });
}

export async function runSimulate(options: SimulateOptions, ctx: Context): Promise<number> {
  const host = options.host ?? "127.0.0.1";
  if (!isLoopbackHost(host)) {
    throw new UsageError(
      `the simulator only listens on a loopback address, not "${sanitizeText(host)}"`,
      "use --host 127.0.0.1 (the default), ::1 or localhost",
    );
  }
  const faults = (options.faults ?? []).map(parseFaultSpec);
  const speed = options.speed ?? 1;
  const seed = options.seed ?? DEFAULT_SEED;
  const sim = await start({ ...options, host, speed, seed }, faults);
  ctx.io.out.write(
    options.json ? jsonSummary(sim, faults, speed, seed) : humanSummary(sim, faults, speed, seed),
  );
  await untilAborted(ctx.signal);
  await sim.close();
  return ExitCode.Interrupted;
}
