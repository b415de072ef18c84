/**
 * Adds credentials to a request. The API client owns and only knows this interface; src/auth/
 * implements it (a token, AK/SK signing and the IAM password exchange).
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
