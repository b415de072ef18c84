import type { Authenticator } from "../api/authenticator.js";
import type { Credentials } from "./credentials.js";

/** A ready IAM token, sent as is. */
export function tokenAuthenticator(credentials: Extract<Credentials, { kind: "token" }>): Authenticator {
  const token = credentials.token.value;
  return {
    headersFor: async () => ({ "X-Auth-Token": token }),
    describe: () => `IAM token from ${credentials.token.source}`,
    refusalHint: `the token from ${credentials.token.source} may have expired (tokens last 24 h) or be for another region; get a new one`,
  };
}
