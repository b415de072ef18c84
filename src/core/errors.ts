import { ExitCode, type ExitCodeValue } from "./exit-codes.js";

/**
 * An error the user can act on: `message` says what went wrong, `hint` how to fix it.
 * The CLI prints both on stderr and exits with `exitCode`; never a stack trace unless --debug.
 */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: ExitCodeValue,
    readonly hint?: string,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** Bad flag, id or configuration: exit 2. */
export class UsageError extends CliError {
  constructor(message: string, hint?: string) {
    super(message, ExitCode.Usage, hint);
  }
}

/** What the API told us about a failed call, kept for messages and --debug. */
export interface ApiErrorDetails {
  httpStatus?: number;
  errorCode?: string;
  errorMessage?: string;
  requestId?: string;
  /** A network failure or timeout: worth retrying. */
  transient?: boolean;
  /** The answer's Retry-After header, as sent (seconds or an HTTP date). */
  retryAfter?: string;
}

/** The service answered with an error, or could not be reached or understood. */
export class ApiError extends CliError {
  constructor(
    message: string,
    exitCode: ExitCodeValue,
    readonly details: ApiErrorDetails = {},
    hint?: string,
  ) {
    super(message, exitCode, hint);
  }
}

/**
 * Whether polling again may help: an API or network failure, unless it is known to be the same on
 * every try (an unknown host, TLS to a plain-http server, an answer about another run).
 */
export function mayHealByItself(error: CliError): boolean {
  return (
    error.exitCode === ExitCode.ApiFailure &&
    !(error instanceof ApiError && error.details.transient === false)
  );
}
