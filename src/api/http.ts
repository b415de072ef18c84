import { Agent, errors as undiciErrors } from "undici";
import { ApiError, CliError } from "../core/errors.js";
import { ExitCode } from "../core/exit-codes.js";
import { networkFailure } from "./network-failure.js";

/**
 * The one HTTP transport: a keep-alive undici agent (one connection reused across calls, which the
 * watch mode relies on), timeouts for connect/headers/body and a deadline for the whole request,
 * a bound on the answer's size, and a --debug trace that never shows credentials.
 */

export interface HttpRequest {
  method: "GET" | "POST" | "PUT";
  url: URL;
  headers: Record<string, string>;
  body?: string;
  /** A POST that only reads (list, query) and may be retried like a GET. */
  idempotent?: boolean;
  /**
   * A request that changes something, but may be sent again after a 429 with Retry-After: the
   * service refused it, so it did nothing (starting a run).
   */
  retryWhenRefused?: boolean;
}

export interface HttpResponse {
  status: number;
  headers: Record<string, string | undefined>;
  body: Buffer;
}

export interface HttpClient {
  send(request: HttpRequest): Promise<HttpResponse>;
  close(): Promise<void>;
}

export interface HttpClientOptions {
  /** Deadline for one request, from connecting to the last byte. */
  timeoutMs: number;
  /** Answers larger than this are refused rather than read into memory. */
  maxBodyBytes: number;
  /** Aborted when the user interrupts. */
  signal: AbortSignal;
  now: () => number;
  debug?: (line: string) => void;
}

const SECRET_HEADERS = new Set(["x-auth-token", "authorization", "x-security-token", "x-subject-token"]);

function describeHeaders(headers: Record<string, string>): string {
  return Object.entries(headers)
    .map(([name, value]) => `${name}: ${SECRET_HEADERS.has(name.toLowerCase()) ? "<redacted>" : value}`)
    .join(", ");
}

function flattenHeaders(
  raw: Record<string, string | string[] | undefined>,
): Record<string, string | undefined> {
  const flat: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(raw)) {
    flat[name.toLowerCase()] = Array.isArray(value) ? value.join(", ") : value;
  }
  return flat;
}

function isTimeout(error: unknown): boolean {
  return (
    error instanceof undiciErrors.HeadersTimeoutError ||
    error instanceof undiciErrors.BodyTimeoutError ||
    error instanceof undiciErrors.ConnectTimeoutError ||
    (error instanceof Error && error.name === "TimeoutError")
  );
}

async function readBounded(body: AsyncIterable<Buffer>, maxBytes: number, url: URL): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    size += chunk.length;
    if (size > maxBytes) {
      throw new ApiError(
        `the answer from ${url.host} is larger than ${Math.round(maxBytes / 1024 / 1024)} MiB; refusing to read it`,
        ExitCode.ApiFailure,
        {},
        "no run document is that large: check that the endpoint is the CodeArts API, not a proxy or another service",
      );
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

export function createHttpClient(options: HttpClientOptions): HttpClient {
  const { maxBodyBytes, signal, now, debug } = options;
  // undici reads a timeout of 0 as "none": a tiny --request-timeout must still be one.
  const timeoutMs = Math.max(1, Math.round(options.timeoutMs));
  const agent = new Agent({
    connectTimeout: timeoutMs,
    headersTimeout: timeoutMs,
    bodyTimeout: timeoutMs,
    keepAliveTimeout: 30_000,
  });

  return {
    async send(request) {
      const { url } = request;
      const startedAt = now();
      debug?.(`→ ${request.method} ${url.href} (${describeHeaders(request.headers)})`);
      const deadline = AbortSignal.any([signal, AbortSignal.timeout(timeoutMs)]);
      try {
        const response = await agent.request({
          origin: url.origin,
          path: `${url.pathname}${url.search}`,
          method: request.method,
          headers: request.headers,
          body: request.body,
          signal: deadline,
        });
        const body = await readBounded(response.body, maxBodyBytes, url);
        const headers = flattenHeaders(response.headers);
        debug?.(
          `← ${response.statusCode} in ${now() - startedAt} ms, ${body.length} bytes, request id ${headers["x-request-id"] ?? "-"}`,
        );
        return { status: response.statusCode, headers, body };
      } catch (error) {
        if (signal.aborted) throw new CliError("interrupted", ExitCode.Interrupted);
        if (error instanceof CliError) throw error;
        debug?.(`✗ ${request.method} ${url.href} failed after ${now() - startedAt} ms: ${String(error)}`);
        const cause = deadline.aborted ? deadline.reason : error;
        throw networkFailure(cause, url, timeoutMs, isTimeout(cause));
      }
    },
    close: () => agent.close(),
  };
}
