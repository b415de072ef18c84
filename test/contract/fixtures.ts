/**
 * The contract fixtures (test/contract/fixtures/*.json): the answers of the official API pages,
 * each with the page it comes from, and a tiny HTTP server that serves them to the real CLI.
 */
import { readFileSync } from "node:fs";
import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";

export interface Fixture {
  api: string;
  request: string;
  /** The official page the answer is taken from. */
  source: string;
  /** How the body was obtained from that page. */
  origin: string;
  status: number;
  headers?: Record<string, string>;
  body: unknown;
}

export const FIXTURE_NAMES = [
  "show-pipeline-run-detail",
  "list-pipelines",
  "list-pipeline-runs",
  "batch-show-pipelines-latest-status",
  "show-pipeline-log",
  "iam-token-password",
  "iam-projects",
  "run-pipeline",
  "stop-pipeline-run",
] as const;

export type FixtureName = (typeof FIXTURE_NAMES)[number];

export function loadFixture(name: FixtureName): Fixture {
  return JSON.parse(readFileSync(new URL(`./fixtures/${name}.json`, import.meta.url), "utf8"));
}

export interface Received {
  method: string;
  path: string;
  body: string;
}

/** Which answer a request gets: `[method, path pattern, status, body, headers?]`. */
export type Route = [string, RegExp, number, unknown, Record<string, string>?];

export interface FixtureServer {
  url: string;
  received: Received[];
  close: () => Promise<void>;
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = "";
    request.setEncoding("utf8");
    request.on("data", (chunk: string) => {
      text += chunk;
    });
    request.on("end", () => resolve(text));
    request.on("error", reject);
  });
}

/**
 * Answers each request with the first route that matches; a route whose body is an array of
 * answers (`{ pages: [...] }`) serves them in turn. Anything unrouted is a 404 the test will see.
 */
export async function serveFixtures(routes: Route[]): Promise<FixtureServer> {
  const received: Received[] = [];
  const served = new Map<Route, number>();
  const server = createServer(async (request, response) => {
    const body = await readBody(request);
    const path = request.url ?? "/";
    received.push({ method: request.method ?? "", path, body });
    const route = routes.find(([method, pattern]) => method === request.method && pattern.test(path));
    if (!route) {
      response.writeHead(404, { "Content-Type": "application/json" });
      response.end(JSON.stringify({ error_code: "APIGW.0101", error_msg: "not a route of this test" }));
      return;
    }
    const [, , status, answer, headers] = route;
    const count = served.get(route) ?? 0;
    served.set(route, count + 1);
    const pages = (answer as { pages?: unknown[] } | null)?.pages;
    const chosen = pages ? pages[Math.min(count, pages.length - 1)] : answer;
    response.writeHead(status, { "Content-Type": "application/json;charset=UTF-8", ...headers });
    response.end(JSON.stringify(chosen));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
