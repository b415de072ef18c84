/**
 * The HTTP server: reads a request, lets the faults have their way, checks who is calling,
 * and answers through IAM or CodeArts routes. Every answer carries a unique X-Request-Id.
 */
import { randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { setTimeout as delay } from "node:timers/promises";
import { AuthGate, type SimCredentials } from "./auth.js";
import { realClock, type SimClock, scenarioNow } from "./clock.js";
import { FaultBook, type FaultSpec } from "./faults.js";
import { HOSTILE_KINDS, type HostileKind, hostileBody } from "./hostile.js";
import { issueToken, listProjects } from "./iam.js";
import { codeArtsError, ErrorCodes, type SimResponse } from "./responses.js";
import { findPipeline, matchCodeArtsRoute, pipelineIdInPath } from "./routes.js";
import { matchStartStopRoute, type StartRecord } from "./start-stop.js";
import { type SyntheticRunOptions, syntheticPipeline } from "./synthetic.js";
import { statusAt } from "./timeline.js";
import { drip, faultAnswer, readBody, send } from "./wire.js";
import { buildWorld, visibleRuns, type World } from "./world.js";

export interface SimulatorOptions {
  /** Default "127.0.0.1"; anything not loopback is refused. */
  host?: string;
  /** Default 0: any free port. */
  port?: number;
  /** Default: real time. */
  clock?: SimClock;
  /** Scenario time runs this many times faster than the clock (default 1). */
  speed?: number;
  /** Deterministic ids and data (default DEFAULT_SEED). */
  seed?: number;
  faults?: FaultSpec[];
  /**
   * Serve at most this many items per page (pipelines, runs, log lines), whatever the client asks
   * for: the pages document no maximum, so a real server may do the same.
   */
  maxPageItems?: number;
  /** Adds the pipeline "synthetic" with one run of this shape (see synthetic.ts); for `npm run bench`. */
  synthetic?: SyntheticRunOptions;
}

export interface SimPipeline {
  id: string;
  name: string;
  description: string;
  latestRunId: string | undefined;
}

export interface RunningSimulator {
  url: string;
  token: string;
  projectId: string;
  credentials: SimCredentials;
  pipelines: SimPipeline[];
  /** The pipeline with this built-in name; throws when there is none. */
  pipeline(name: string): SimPipeline;
  /** The status of the pipeline's latest run now (undefined: no runs yet), as the detail API reports it. */
  latestRunStatus(idOrName: string): string | undefined;
  setFaults(faults: FaultSpec[]): void;
  /** Every start request received (even one whose answer was lost), oldest first. */
  startRequests(): StartRecord[];
  stats(): { connections: number; requests: number };
  close(): Promise<void>;
}

export const DEFAULT_SEED = 20250114;
const DEFAULT_SLOW_MS = 2000;

function isHostileKind(kind: string): kind is HostileKind {
  return (HOSTILE_KINDS as readonly string[]).includes(kind);
}

const LOOPBACK_HOSTS = new Set(["127.0.0.1", "localhost", "::1"]);

export function isLoopbackHost(host: string): boolean {
  return LOOPBACK_HOSTS.has(host) || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

function credentialsFor(world: World): SimCredentials {
  const { ids } = world;
  return {
    ak: ids("ak").slice(0, 20).toUpperCase(),
    sk: `${ids("sk")}${ids("sk:b").slice(0, 8)}`,
    domain: "codearts-sim",
    user: "newcomer",
    password: "try-codearts-run",
    iamProjectId: ids("iam-project"),
    region: world.region,
    forbiddenToken: `MIIsim${ids("token:forbidden")}${ids("token:forbidden:b")}`,
  };
}

export async function startSimulator(options: SimulatorOptions = {}): Promise<RunningSimulator> {
  const host = options.host ?? "127.0.0.1";
  if (!isLoopbackHost(host)) {
    throw new Error(`The simulator only listens on loopback (127.0.0.1, ::1, localhost), not "${host}"`);
  }
  const speed = options.speed ?? 1;
  if (!(speed > 0)) throw new Error(`speed must be a positive number, not ${speed}`);
  const clock = options.clock ?? realClock;
  const extra = options.synthetic ? [syntheticPipeline(options.synthetic)] : [];
  const world = buildWorld(options.seed ?? DEFAULT_SEED, { t0: clock.now(), speed }, extra);
  const credentials = credentialsFor(world);
  const token = `MIIsim${world.ids("token:configured")}${world.ids("token:configured:b")}`;
  const gate = new AuthGate(token, credentials, clock, world.ids);
  const faults = new FaultBook((idOrName) => findPipeline(world, idOrName)?.id);
  faults.replace(options.faults ?? []);

  const starts: StartRecord[] = [];
  const lifetime = new AbortController();
  let connections = 0;
  let requests = 0;

  function route(request: IncomingMessage, url: URL, body: Buffer, drift: boolean): SimResponse {
    const method = request.method ?? "GET";
    if (method === "POST" && url.pathname === "/v3/auth/tokens") return issueToken(gate, body, clock.now());
    const isProjects = method === "GET" && url.pathname === "/v3/projects";
    const codeArts =
      matchCodeArtsRoute(method, url.pathname) ?? matchStartStopRoute(method, url.pathname, starts);
    if (!isProjects && !codeArts) {
      return codeArtsError(
        404,
        ErrorCodes.apiNotFound,
        "The API does not exist or has not been published in the environment.",
      );
    }
    const caller = gate.identify({ method, rawUrl: request.url ?? "/", headers: request.headers, body });
    if (caller.kind === "refused") {
      return codeArtsError(
        401,
        ErrorCodes.badAuthentication,
        `Incorrect IAM authentication information: ${caller.reason}`,
      );
    }
    if (!codeArts) return listProjects(gate, url.searchParams);
    if (caller.kind === "forbidden") {
      return codeArtsError(
        403,
        ErrorCodes.noPermission,
        "You do not have permission to access this project.",
      );
    }
    return codeArts.handle(
      {
        world,
        query: url.searchParams,
        body,
        clockNow: clock.now(),
        drift,
        maxPageItems: options.maxPageItems,
      },
      codeArts.params,
    );
  }

  async function serve(request: IncomingMessage, response: ServerResponse): Promise<void> {
    requests += 1;
    response.setHeader("X-Request-Id", randomBytes(16).toString("hex"));
    // The simulated service's own clock, as a real server's Date header is (Node would send the host's).
    response.setHeader("Date", new Date(clock.now()).toUTCString());
    const body = await readBody(request);
    const url = new URL(request.url ?? "/", "http://simulator.invalid");
    const isRunDetail = request.method === "GET" && url.pathname.endsWith("/pipeline-runs/detail");
    const isStart = request.method === "POST" && /\/api\/pipelines\/[^/]+\/run$/.test(url.pathname);
    const fault = faults.take(pipelineIdInPath(url.pathname), isRunDetail, isStart);
    if (fault?.kind === "drop") {
      request.socket.destroy();
      return;
    }
    if (fault?.kind === "slow")
      await delay(fault.delayMs ?? DEFAULT_SLOW_MS, undefined, { signal: lifetime.signal });
    const injected = fault ? faultAnswer(fault) : undefined;
    if (injected) return send(response, injected);
    const answer = route(request, url, body, fault?.kind === "drift");
    // The run has started; only its answer is lost on the way back.
    if (fault?.kind === "start-lost") {
      return send(
        response,
        codeArtsError(504, ErrorCodes.gatewayTimeout, "The backend did not answer in time."),
      );
    }
    if (fault?.kind === "truncated")
      return send(response, answer, answer.body.slice(0, Math.floor(answer.body.length / 2)));
    if (fault && isHostileKind(fault.kind) && answer.status === 200) {
      return send(response, answer, hostileBody(fault.kind, answer.body));
    }
    if (fault?.kind === "drip") return drip(response, answer, lifetime.signal);
    if (fault?.kind === "stall") {
      // Headers promise the whole body, then nothing more comes until the client gives up.
      response.writeHead(answer.status, {
        ...answer.headers,
        "Content-Length": Buffer.byteLength(answer.body),
      });
      response.write(answer.body.slice(0, 1));
      return;
    }
    send(response, answer);
  }

  const server = createServer((request, response) => {
    serve(request, response).catch(() => {
      if (!response.headersSent && !lifetime.signal.aborted) {
        send(response, codeArtsError(500, ErrorCodes.systemBusy, "Internal error in the simulator."));
      } else {
        response.destroy();
      }
    });
  });
  // Like a real gateway, keep idle connections longer than a watch waits between polls.
  server.keepAliveTimeout = 65_000;
  const sockets = new Set<Socket>();
  server.on("connection", (socket) => {
    connections += 1;
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const address = server.address() as AddressInfo;
  const urlHost = address.family === "IPv6" ? `[${address.address}]` : address.address;
  const startScenario = world.frame.t0;

  const pipelines: SimPipeline[] = world.pipelines.map((p) => ({
    id: p.id,
    name: p.name,
    description: p.description,
    latestRunId: p.runs.filter((r) => r.startAt <= startScenario).at(-1)?.id,
  }));

  return {
    url: `http://${urlHost}:${address.port}`,
    token,
    projectId: world.projectId,
    credentials,
    pipelines,
    pipeline(name) {
      const found = pipelines.find((p) => p.name === name);
      if (!found) throw new Error(`No built-in pipeline named "${name}"`);
      return found;
    },
    latestRunStatus(idOrName) {
      const pipeline = findPipeline(world, idOrName);
      if (!pipeline) throw new Error(`No pipeline "${idOrName}" in the simulator`);
      const now = scenarioNow(world.frame, clock.now());
      const run = visibleRuns(pipeline, now).at(-1);
      return run ? statusAt(run.span, now - run.startAt) : undefined;
    },
    setFaults: (specs) => faults.replace(specs),
    startRequests: () => [...starts],
    stats: () => ({ connections, requests }),
    close: () =>
      new Promise<void>((resolve) => {
        lifetime.abort();
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
      }),
  };
}
