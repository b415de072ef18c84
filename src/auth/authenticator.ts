import type { Credentials } from "../config/settings.js";

/**
 * Adds credentials to a request. A token is a header; AK/SK signing and IAM password exchange
 * (a later issue) plug in here without the API client changing.
 */
export interface Authenticator {
  headersFor(request: { method: string; url: URL; body?: string }): Promise<Record<string, string>>;
}

export function createAuthenticator(credentials: Credentials): Authenticator {
  const token = credentials.token.value;
  return { headersFor: async () => ({ "X-Auth-Token": token }) };
}
