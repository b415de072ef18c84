import { ApiError } from "../core/errors.js";
import { ExitCode } from "../core/exit-codes.js";
import { sanitizeText } from "../text/sanitize.js";

/**
 * A request that got no answer, as one ApiError. Only what may heal by itself (a timeout, a refused
 * or reset connection, a DNS server that is busy) is transient and retried; a host name that does
 * not exist, TLS spoken to a plain-http server or a refused certificate will be the same on every
 * try, so they fail at once with the cause and the fix.
 */

/** "1 ms", "250 ms", "30 s", "1.5 s": never "0 s" for a short --request-timeout. */
export function formatTimeout(ms: number): string {
  if (ms < 1000) return `${Math.max(1, Math.round(ms))} ms`;
  return `${Number((ms / 1000).toFixed(1))} s`;
}

const ENDPOINT_SETTINGS =
  "--endpoint or --iam-endpoint, CODEARTS_ENDPOINT, CODEARTS_IAM_ENDPOINT or the config";

// OpenSSL's answer when the other side's first bytes are not a TLS record: it speaks plain http.
const NOT_TLS = new Set(["ERR_SSL_WRONG_VERSION_NUMBER", "ERR_SSL_PACKET_LENGTH_TOO_LONG"]);

function isCertificateRefusal(code: string): boolean {
  return /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|UNABLE_TO_GET_ISSUER|HOSTNAME_MISMATCH/.test(code);
}

/** Node's error code, on the error or (for some undici errors) on its cause. */
function errorCode(error: unknown): string | undefined {
  for (const candidate of [error, (error as { cause?: unknown }).cause]) {
    const code = (candidate as { code?: unknown } | undefined)?.code;
    if (typeof code === "string" && code !== "UND_ERR_SOCKET") return code;
  }
  return undefined;
}

/** Failures that repeat on every try: what went wrong and how to fix it; undefined for others. */
function finalFailure(code: string | undefined, error: unknown, url: URL): ApiError | undefined {
  const host = url.host;
  const fail = (message: string, hint: string) =>
    new ApiError(message, ExitCode.ApiFailure, { transient: false }, hint);
  if (code === "ENOTFOUND") {
    return fail(
      `could not reach ${host}: no such host (DNS has no address for ${url.hostname})`,
      `check the host name in the endpoint (${ENDPOINT_SETTINGS}), or the spelling of --region`,
    );
  }
  if (code !== undefined && NOT_TLS.has(code)) {
    return fail(
      `could not reach ${host}: it does not speak TLS, so https:// cannot work there (${code})`,
      `the server at ${host} speaks plain http: check the port, or use http://${host} if it is a local simulator or proxy (plain http is allowed only for loopback addresses)`,
    );
  }
  if (code !== undefined && isCertificateRefusal(code)) {
    const detail = error instanceof Error ? sanitizeText(error.message).slice(0, 200) : code;
    return fail(
      `could not reach ${host}: its TLS certificate was refused (${detail}; ${code})`,
      `check the host name in the endpoint (${ENDPOINT_SETTINGS}); behind a TLS-inspecting proxy, give Node its CA with NODE_EXTRA_CA_CERTS=/path/to/ca.pem`,
    );
  }
  if (code?.startsWith("ERR_SSL_") || code?.startsWith("ERR_TLS_")) {
    return fail(
      `could not reach ${host}: the TLS handshake failed (${code})`,
      `check that ${host} is the CodeArts endpoint and speaks https (${ENDPOINT_SETTINGS})`,
    );
  }
  return undefined;
}

/** `timedOut`: the transport's own verdict (only src/api/http.ts knows undici's error classes). */
export function networkFailure(error: unknown, url: URL, timeoutMs: number, timedOut: boolean): ApiError {
  const host = url.host;
  if (timedOut) {
    return new ApiError(
      `no complete answer from ${host} within ${formatTimeout(timeoutMs)}`,
      ExitCode.ApiFailure,
      { transient: true },
      "the service or the network is slow or down; try again later, or give more time with --request-timeout",
    );
  }
  const code = errorCode(error);
  const final = finalFailure(code, error, url);
  if (final) return final;
  const reason =
    code === "ECONNREFUSED"
      ? "connection refused"
      : code === "EAI_AGAIN"
        ? "the host name could not be looked up for now (DNS: EAI_AGAIN)"
        : code === "ECONNRESET" || (error as { code?: unknown }).code === "UND_ERR_SOCKET"
          ? "the connection was closed before an answer arrived"
          : sanitizeText(code ?? (error instanceof Error ? error.message : String(error)));
  return new ApiError(
    `could not reach ${host}: ${reason}`,
    ExitCode.ApiFailure,
    { transient: true },
    "check the endpoint (--endpoint, --region) and your network",
  );
}
