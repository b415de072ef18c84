/**
 * Huawei Cloud "SDK-HMAC-SHA256" AK/SK request signing (the scheme of the official SDKs).
 * Pure functions, no I/O: the CLI uses them to sign, the simulator to verify.
 */
import { createHash, createHmac } from "node:crypto";

export const SIGNING_ALGORITHM = "SDK-HMAC-SHA256";

export interface SigningCredentials {
  ak: string;
  sk: string;
  /** Temporary credentials carry a security token, sent (and signed) as X-Security-Token. */
  securityToken?: string;
}

export interface RequestToSign {
  method: string;
  url: URL;
  /** Headers the request will carry; every one of them is signed. */
  headers: Record<string, string>;
  body?: string | Uint8Array;
}

export interface ParsedAuthorization {
  access: string;
  signedHeaders: string[];
  signature: string;
}

/** RFC 3986 encoding: unreserved characters kept, everything else as upper-case %XX of its UTF-8 bytes. */
export function rfc3986Encode(value: string): string {
  return encodeURIComponent(value).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

function decodeLeniently(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

/**
 * Each path segment is decoded then re-encoded (as the SDKs do), so a path that arrives
 * already percent-encoded signs the same as the raw one. The trailing "/" is for signing only.
 */
export function canonicalUri(pathname: string): string {
  const encoded = pathname
    .split("/")
    .map((segment) => rfc3986Encode(decodeLeniently(segment)))
    .join("/");
  return encoded.endsWith("/") ? encoded : `${encoded}/`;
}

/** Keys sorted, values of a repeated key sorted, both encoded; "" when there is no query. */
export function canonicalQuery(searchParams: URLSearchParams): string {
  const valuesByKey = new Map<string, string[]>();
  for (const [key, value] of searchParams) {
    const values = valuesByKey.get(key) ?? [];
    values.push(value);
    valuesByKey.set(key, values);
  }
  return [...valuesByKey.keys()]
    .sort()
    .flatMap((key) =>
      (valuesByKey.get(key) ?? []).sort().map((value) => `${rfc3986Encode(key)}=${rfc3986Encode(value)}`),
    )
    .join("&");
}

/** Lower-cased header names, sorted. */
export function signedHeaderNames(headers: Record<string, string>): string[] {
  return Object.keys(headers)
    .map((name) => name.toLowerCase())
    .sort();
}

/** `name:value\n` for every signed header (values trimmed), sorted by name. */
export function canonicalHeaders(headers: Record<string, string>, signed: string[]): string {
  const byLowerName = new Map(
    Object.entries(headers).map(([name, value]) => [name.toLowerCase(), value.trim()]),
  );
  return signed.map((name) => `${name}:${byLowerName.get(name) ?? ""}\n`).join("");
}

export function payloadHash(body: string | Uint8Array | undefined): string {
  return createHash("sha256")
    .update(body ?? "")
    .digest("hex");
}

export function canonicalRequest(request: RequestToSign, signed: string[]): string {
  return [
    request.method.toUpperCase(),
    canonicalUri(request.url.pathname),
    canonicalQuery(request.url.searchParams),
    canonicalHeaders(request.headers, signed),
    signed.join(";"),
    payloadHash(request.body),
  ].join("\n");
}

export function stringToSign(canonical: string, sdkDate: string): string {
  const hashed = createHash("sha256").update(canonical).digest("hex");
  return `${SIGNING_ALGORITHM}\n${sdkDate}\n${hashed}`;
}

export function signature(sk: string, toSign: string): string {
  return createHmac("sha256", sk).update(toSign).digest("hex");
}

/** `YYYYMMDDTHHMMSSZ` in UTC. */
export function formatSdkDate(date: Date): string {
  return date
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.\d{3}/, "");
}

/** The inverse of formatSdkDate; undefined when the text is not in that format. */
export function parseSdkDate(text: string): Date | undefined {
  const match = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(text);
  if (!match) return undefined;
  const [, y, mo, d, h, mi, s] = match;
  const ms = Date.parse(`${y}-${mo}-${d}T${h}:${mi}:${s}Z`);
  return Number.isNaN(ms) ? undefined : new Date(ms);
}

function hasHeader(headers: Record<string, string>, name: string): boolean {
  return Object.keys(headers).some((key) => key.toLowerCase() === name);
}

/**
 * The headers to add to `request` so that it is signed: X-Sdk-Date, host (unless present),
 * X-Security-Token (temporary credentials) and Authorization.
 */
export function signRequest(
  request: RequestToSign,
  credentials: SigningCredentials,
  date: Date,
): Record<string, string> {
  const added: Record<string, string> = { "X-Sdk-Date": formatSdkDate(date) };
  if (!hasHeader(request.headers, "host")) added.host = request.url.host;
  if (credentials.securityToken !== undefined) added["X-Security-Token"] = credentials.securityToken;
  const headers = { ...request.headers, ...added };
  const signed = signedHeaderNames(headers);
  const toSign = stringToSign(
    canonicalRequest({ ...request, headers }, signed),
    added["X-Sdk-Date"] as string,
  );
  added.Authorization = `${SIGNING_ALGORITHM} Access=${credentials.ak}, SignedHeaders=${signed.join(";")}, Signature=${signature(credentials.sk, toSign)}`;
  return added;
}

/** Reads `SDK-HMAC-SHA256 Access=…, SignedHeaders=…, Signature=…`; undefined when it is anything else. */
export function parseAuthorization(header: string): ParsedAuthorization | undefined {
  const prefix = `${SIGNING_ALGORITHM} `;
  if (!header.startsWith(prefix)) return undefined;
  const fields = new Map<string, string>();
  for (const part of header.slice(prefix.length).split(",")) {
    const eq = part.indexOf("=");
    if (eq > 0) fields.set(part.slice(0, eq).trim(), part.slice(eq + 1).trim());
  }
  const access = fields.get("Access");
  const signedHeaders = fields.get("SignedHeaders");
  const sig = fields.get("Signature");
  if (!access || !signedHeaders || !sig) return undefined;
  return { access, signedHeaders: signedHeaders.split(";"), signature: sig };
}
