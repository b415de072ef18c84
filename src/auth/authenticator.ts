import type { Credentials } from "../config/settings.js";

/**
 * Adds credentials to a request. The API client only knows this interface; a token, AK/SK signing
 * and the IAM password exchange each implement it.
 */
export interface Authenticator {
  /** Headers that authorise this exact request (a signature covers method, URL and body). */
  headersFor(request: {
    method: string;
    url: URL;
    headers: Record<string, string>;
    body?: string;
  }): Promise<Record<string, string>>;
  /**
   * Called when the service answers 401. Returns true when fresh credentials were obtained and the
   * request is worth one retry (an expired cached IAM token); absent when nothing can be renewed.
   */
  renew?: () => Promise<boolean>;
  /** Which identity and method, for `auth check` and --debug; never a secret. */
  describe: () => string;
  /** How to fix credentials the service refused (HTTP 401), naming where they came from. */
  refusalHint: string;
}

export function tokenAuthenticator(credentials: Extract<Credentials, { kind: "token" }>): Authenticator {
  const token = credentials.token.value;
  return {
    headersFor: async () => ({ "X-Auth-Token": token }),
    describe: () => `IAM token from ${credentials.token.source}`,
    refusalHint: `the token from ${credentials.token.source} may have expired (tokens last 24 h) or be for another region; get a new one`,
  };
}
