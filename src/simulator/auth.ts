/**
 * Who may call the simulator, checked like the API gateway does: an IAM token in
 * X-Auth-Token (the configured one or one issued by POST /v3/auth/tokens, 24 h), or an
 * SDK-HMAC-SHA256 signature made with the AK/SK and dated within 15 minutes of the clock.
 */
import { timingSafeEqual } from "node:crypto";
import type { IncomingHttpHeaders } from "node:http";
import {
  canonicalRequest,
  parseAuthorization,
  parseSdkDate,
  signature,
  stringToSign,
} from "../auth/signer.js";
import type { SimClock } from "./clock.js";
import type { IdSource } from "./ids.js";

export interface SimCredentials {
  ak: string;
  sk: string;
  domain: string;
  user: string;
  password: string;
  iamProjectId: string;
  region: string;
  /** A valid token of a user without permission on the project: CodeArts answers 403. */
  forbiddenToken: string;
}

export const TOKEN_LIFETIME_MS = 24 * 60 * 60 * 1000;
const SIGNATURE_TOLERANCE_MS = 15 * 60 * 1000;

export type Caller = { kind: "authorized" } | { kind: "forbidden" } | { kind: "refused"; reason: string };

export interface RequestFacts {
  method: string;
  rawUrl: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

export interface TokenIssue {
  token: string;
  expiresAt: number;
}

export class AuthGate {
  private readonly expiryByToken = new Map<string, number>();
  private issuedCount = 0;
  readonly domainId: string;
  readonly userId: string;

  constructor(
    readonly token: string,
    readonly credentials: SimCredentials,
    private readonly clock: SimClock,
    private readonly ids: IdSource,
  ) {
    this.domainId = ids("domain");
    this.userId = ids(`user:${credentials.user}`);
  }

  /** A new token, valid 24 h; earlier ones stay valid (as with IAM). */
  issueToken(): TokenIssue {
    this.issuedCount += 1;
    const token = `MIIsim${this.ids(`token:issued:${this.issuedCount}`)}${this.ids(`token:issued:${this.issuedCount}:b`)}`;
    const expiresAt = this.clock.now() + TOKEN_LIFETIME_MS;
    this.expiryByToken.set(token, expiresAt);
    return { token, expiresAt };
  }

  identify(request: RequestFacts): Caller {
    const authorization = header(request.headers, "authorization");
    if (authorization !== undefined) return this.checkSignature(request, authorization);
    const token = header(request.headers, "x-auth-token");
    if (token === undefined) return refused("no X-Auth-Token or Authorization header");
    if (token === this.token) return { kind: "authorized" };
    if (token === this.credentials.forbiddenToken) return { kind: "forbidden" };
    const expiresAt = this.expiryByToken.get(token);
    if (expiresAt === undefined) return refused("the token is not valid");
    if (expiresAt <= this.clock.now()) return refused("the token has expired");
    return { kind: "authorized" };
  }

  private checkSignature(request: RequestFacts, authorization: string): Caller {
    const parsed = parseAuthorization(authorization);
    if (!parsed) return refused("unsupported Authorization header");
    if (parsed.access !== this.credentials.ak) return refused("the access key does not exist");
    const sdkDate = header(request.headers, "x-sdk-date");
    const date = sdkDate === undefined ? undefined : parseSdkDate(sdkDate);
    if (sdkDate === undefined || !date) return refused("X-Sdk-Date is missing or malformed");
    if (Math.abs(date.getTime() - this.clock.now()) > SIGNATURE_TOLERANCE_MS) {
      return refused("the request date is more than 15 minutes off the server time");
    }
    const signed: Record<string, string> = {};
    for (const name of parsed.signedHeaders) {
      const value = header(request.headers, name);
      if (value === undefined) return refused(`signed header ${name} is missing`);
      signed[name] = value;
    }
    const url = new URL(request.rawUrl, `http://${header(request.headers, "host") ?? "localhost"}`);
    const canonical = canonicalRequest(
      { method: request.method, url, headers: signed, body: request.body },
      parsed.signedHeaders,
    );
    const expected = Buffer.from(signature(this.credentials.sk, stringToSign(canonical, sdkDate)));
    const given = Buffer.from(parsed.signature);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) {
      return refused("the signature does not match");
    }
    return { kind: "authorized" };
  }
}

function refused(reason: string): Caller {
  return { kind: "refused", reason };
}

function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value.join(",") : value;
}
