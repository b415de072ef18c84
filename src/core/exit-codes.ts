/**
 * The exit-code contract. Every command, one-shot or watching, ends with one of these,
 * so a shell script or CI step can tell "the run failed" from "I could not find out".
 */
export const ExitCode = {
  /** The run COMPLETED, or the query worked and the run is not finished (no watch). */
  Ok: 0,
  /** The run FAILED. */
  RunFailed: 1,
  /** Usage or configuration error: bad flag or id, missing credentials, unreadable config. */
  Usage: 2,
  /** Authentication or permission refused (401, 403, IAM refusal). */
  Auth: 3,
  /** Not found: project, pipeline or run. */
  NotFound: 4,
  /** The API or network failed (5xx, timeout, unreadable answer). */
  ApiFailure: 5,
  /** The run ended without success but did not fail: CANCELED or IGNORED. */
  RunNotSuccessful: 6,
  /** A watch timed out before the run finished. */
  WatchTimeout: 7,
  /** The output could not be written: stdout is full, closed (other than a reader leaving) or failing. */
  OutputFailed: 8,
  /** The terminal hung up (SIGHUP): ended like an interrupt, told apart as shells do (128 + 1). */
  HangUp: 129,
  /** Interrupted by Ctrl-C or SIGTERM. */
  Interrupted: 130,
} as const;

export type ExitCodeValue = (typeof ExitCode)[keyof typeof ExitCode];

/** The entry point aborts with the signal's name as the reason: SIGHUP ends with 129, the others 130. */
export function interruptExitCode(signal: AbortSignal): ExitCodeValue {
  const reason: unknown = signal.reason;
  return reason instanceof Error && reason.message === "SIGHUP" ? ExitCode.HangUp : ExitCode.Interrupted;
}

/** The table printed in `--help` and kept in step with the README. */
export const EXIT_CODE_HELP = `Exit codes:
  0    the run COMPLETED, or it is still going (without --watch)
  1    the run FAILED
  2    usage or configuration error (bad flag or id, missing credentials)
  3    authentication or permission refused (401, 403)
  4    not found: project, pipeline or run
  5    the API or network failed (5xx, timeout, unreadable answer)
  6    the run ended without success but did not fail (CANCELED, IGNORED)
  7    a watch timed out before the run finished
  8    the output could not be written (disk full, I/O error on stdout)
  129  the terminal hung up (SIGHUP)
  130  interrupted (Ctrl-C, SIGTERM)`;
