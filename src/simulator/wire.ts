/** How the simulator reads a request body and writes an answer: whole, dripped, or as a fault. */
import type { IncomingMessage, ServerResponse } from "node:http";
import { setTimeout as delay } from "node:timers/promises";
import type { FaultSpec } from "./faults.js";
import { codeArtsError, ErrorCodes, type SimResponse } from "./responses.js";

const MAX_BODY_BYTES = 1024 * 1024;
const DEFAULT_RETRY_AFTER_S = 1;
const DRIP_BYTES = 16;
const DRIP_INTERVAL_MS = 100;

const HTML_502 = `<html>
<head><title>502 Bad Gateway</title></head>
<body>
<center><h1>502 Bad Gateway</h1></center>
<hr><center>nginx</center>
</body>
</html>
`;

export function readBody(request: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) request.destroy(new Error("request body too large"));
      else chunks.push(chunk);
    });
    request.on("end", () => resolve(Buffer.concat(chunks)));
    request.on("error", reject);
  });
}

export function send(
  response: ServerResponse,
  answer: SimResponse,
  body: string | Buffer = answer.body,
): void {
  response.writeHead(answer.status, { ...answer.headers, "Content-Length": Buffer.byteLength(body) });
  response.end(body);
}

/** Sends the body a few bytes at a time, slowly: a connection that never stalls long enough to time out. */
export async function drip(
  response: ServerResponse,
  answer: SimResponse,
  signal: AbortSignal,
): Promise<void> {
  const body = Buffer.from(answer.body);
  response.writeHead(answer.status, { ...answer.headers, "Content-Length": body.length });
  for (let at = 0; at < body.length && !signal.aborted && !response.destroyed; at += DRIP_BYTES) {
    response.write(body.subarray(at, at + DRIP_BYTES));
    await delay(DRIP_INTERVAL_MS, undefined, { signal }).catch(() => undefined);
  }
  response.end();
}

export function faultAnswer(fault: FaultSpec): SimResponse | undefined {
  switch (fault.kind) {
    case "503":
      return codeArtsError(503, ErrorCodes.backendUnavailable, "Backend unavailable");
    case "429":
      return {
        ...codeArtsError(
          429,
          ErrorCodes.throttled,
          "The throttling threshold has been reached: policy user over ratelimit",
        ),
        headers: {
          "Content-Type": "application/json;charset=UTF-8",
          "Retry-After": String(fault.retryAfterSeconds ?? DEFAULT_RETRY_AFTER_S),
        },
      };
    case "error-200":
      return codeArtsError(200, ErrorCodes.systemBusy, "System busy, please try again later.");
    case "html-502":
      return { status: 502, headers: { "Content-Type": "text/html" }, body: HTML_502 };
    default:
      return undefined;
  }
}
