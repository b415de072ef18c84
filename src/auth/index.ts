import type { HttpClient } from "../api/http.js";
import type { Credentials, Settings } from "../config/settings.js";
import type { Context } from "../core/context.js";
import { akskAuthenticator } from "./aksk.js";
import { type Authenticator, tokenAuthenticator } from "./authenticator.js";
import { passwordAuthenticator } from "./iam-password.js";

export type { Authenticator } from "./authenticator.js";

/** What the AK/SK and password authenticators need besides the credentials. */
export interface AuthDependencies {
  settings: Settings;
  /** The session's HTTP client, reused for IAM calls. */
  http: HttpClient;
  ctx: Context;
  /** Nothing is answered from the token cache (`auth check`): the credentials themselves are tried. */
  fresh?: boolean;
}

export function createAuthenticator(credentials: Credentials, deps: AuthDependencies): Authenticator {
  switch (credentials.kind) {
    case "token":
      return tokenAuthenticator(credentials);
    case "aksk":
      return akskAuthenticator(credentials, deps);
    case "password":
      return passwordAuthenticator(credentials, deps);
  }
}
