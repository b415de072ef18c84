import type { Authenticator } from "../api/authenticator.js";
import type { HttpClient } from "../api/http.js";
import type { Context } from "../core/context.js";
import { akskAuthenticator } from "./aksk.js";
import type { Credentials, IamSettings } from "./credentials.js";
import { passwordAuthenticator } from "./iam-password.js";
import { tokenAuthenticator } from "./token.js";

export type { Authenticator } from "../api/authenticator.js";

/** What the AK/SK and password authenticators need besides the credentials. */
export interface AuthDependencies {
  /** Only the IAM settings: auth is never handed the whole resolved Settings. */
  settings: IamSettings;
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
