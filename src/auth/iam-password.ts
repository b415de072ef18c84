/**
 * An IAM user's password, exchanged for a token scoped to the region's project
 * (`POST /v3/auth/tokens`). The token is cached on disk and reused across runs until
 * five minutes before it expires, so most runs make no IAM call at all.
 */

import type { Authenticator } from "../api/authenticator.js";
import type { Credentials } from "./credentials.js";
import { iamError, iamUrl, parseJsonBody, requireIamTarget, unexpectedIamAnswer } from "./iam-call.js";
import type { AuthDependencies } from "./index.js";
import { openTokenCache } from "./token-cache.js";

type PasswordCredentials = Extract<Credentials, { kind: "password" }>;

/** A token is not used in its last minutes: a slow command or a clock off by a little must not outlive it. */
export const TOKEN_REUSE_MARGIN_MS = 5 * 60 * 1000;

interface HeldToken {
  token: string;
  /** Epoch ms; absent when IAM did not say when the token expires (then it lives for this session only). */
  reuseUntil?: number;
}

function formatTime(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");
}

export function passwordAuthenticator(
  credentials: PasswordCredentials,
  deps: AuthDependencies,
): Authenticator {
  const { http, ctx } = deps;
  const { domain, username, password } = credentials;
  const target = requireIamTarget(deps.settings, "signing in with an IAM user's password");
  const cache = openTokenCache(ctx);
  // The password's fingerprint is part of the key: a changed or wrong password never reuses a token.
  let cacheKey: Promise<string[]> | undefined;
  const key = () =>
    (cacheKey ??= cache
      .fingerprint(password.value)
      .then((fingerprint) => [
        "iam-token",
        target.endpoint.href,
        domain.value,
        username.value,
        target.region,
        fingerprint,
      ]));
  let held: HeldToken | undefined;
  let pending: Promise<HeldToken> | undefined;
  let renewed = false;

  async function fetchToken(): Promise<HeldToken> {
    const action = `could not sign in to IAM as user ${username.value} in account ${domain.value}`;
    const body = JSON.stringify({
      auth: {
        identity: {
          methods: ["password"],
          password: {
            user: { domain: { name: domain.value }, name: username.value, password: password.value },
          },
        },
        scope: { project: { name: target.region } },
      },
    });
    const response = await http.send({
      method: "POST",
      url: iamUrl(target.endpoint, "/v3/auth/tokens"),
      headers: { "Content-Type": "application/json;charset=utf8" },
      body,
    });
    if (response.status < 200 || response.status >= 300) {
      throw iamError(
        action,
        response,
        `check the account name (${domain.source}), the user name (${username.source}) and the password (${password.source})`,
      );
    }
    const token = response.headers["x-subject-token"];
    if (!token) throw unexpectedIamAnswer(action, response, "the answer has no X-Subject-Token header");
    const document = parseJsonBody(response) as { token?: { expires_at?: unknown } } | undefined;
    const expiresAt = Date.parse(String(document?.token?.expires_at));
    if (Number.isNaN(expiresAt)) return { token };
    const fresh = { token, reuseUntil: expiresAt - TOKEN_REUSE_MARGIN_MS };
    await cache.set(await key(), { value: token, expiresAt: fresh.reuseUntil });
    return fresh;
  }

  async function cachedOrFetched(): Promise<HeldToken> {
    const cached = deps.fresh ? undefined : await cache.get(await key());
    return cached ? { token: cached.value, reuseUntil: cached.expiresAt } : fetchToken();
  }

  /** Concurrent requests wait for the same token; a failure is not kept. */
  function replaceHeld(source: () => Promise<HeldToken>): Promise<HeldToken> {
    pending ??= source().then(
      (token) => {
        held = token;
        pending = undefined;
        return token;
      },
      (error: unknown) => {
        pending = undefined;
        throw error;
      },
    );
    return pending;
  }

  const isUsable = (token: HeldToken) => token.reuseUntil === undefined || ctx.now() < token.reuseUntil;

  return {
    async headersFor() {
      const token = held && isUsable(held) ? held : await replaceHeld(cachedOrFetched);
      return { "X-Auth-Token": token.token };
    },
    async renew() {
      // A token refused although it looked valid (revoked, or the cache is stale): one fresh token per session.
      if (renewed) return false;
      renewed = true;
      held = undefined;
      await cache.delete(await key());
      await replaceHeld(fetchToken);
      return true;
    },
    refusalHint: `the service refused a fresh token for IAM user ${username.value}; check that the user may use CodeArts in this region (${domain.source}, ${username.source})`,
    describe() {
      const who = `IAM user ${username.value} in account ${domain.value} (password from ${password.source})`;
      if (held === undefined) return `${who}, no token fetched yet`;
      return held.reuseUntil === undefined
        ? `${who}, token for this session only`
        : `${who}, token cached until ${formatTime(held.reuseUntil)}`;
    },
  };
}
