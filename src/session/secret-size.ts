import type { Credentials } from "../config/settings.js";
import { UsageError } from "../core/errors.js";

/**
 * IAM tokens are a few KB and keys far less; a credential over 16 KB is a wrong file or variable
 * (a log, a certificate bundle). Sent, it would come back as HTTP 431 "headers too large", so it is
 * refused before any request, by where it came from and its size, never its content.
 */
export const MAX_SECRET_BYTES = 16 * 1024;

export function refuseOversizedSecrets(credentials: Credentials): void {
  for (const value of Object.values(credentials)) {
    if (typeof value !== "object") continue;
    const bytes = Buffer.byteLength(value.value, "utf8");
    if (bytes > MAX_SECRET_BYTES) {
      throw new UsageError(
        `${value.source} is ${Math.ceil(bytes / 1024)} KB; no credential is larger than ${MAX_SECRET_BYTES / 1024} KB`,
        "check that it holds only the credential itself (an IAM token is a few KB), not a file or log around it",
      );
    }
  }
}
