import { ExitCode, type ExitCodeValue } from "../core/exit-codes.js";
import { sanitizeText } from "../text/sanitize.js";

/**
 * The status taxonomy. CodeArts reports a run, stage, job or step status as a string; new values
 * appear over time (reference §6), so everything here works on any string and has a neutral
 * answer for the unknown ones.
 */
export type StatusKind =
  | "success"
  | "failed"
  | "running"
  | "waiting" // paused or suspended, e.g. for a manual review
  | "pending" // not started yet
  | "canceled"
  | "skipped"
  | "unknown";

const KIND_BY_STATUS: Readonly<Record<string, StatusKind>> = {
  COMPLETED: "success",
  FAILED: "failed",
  ASYNC_FAILED: "failed",
  RUNNING: "running",
  ASYNC_RUNNING: "running",
  REDISPATCH: "running",
  PAUSED: "waiting",
  SUSPEND: "waiting",
  INIT: "pending",
  QUEUED: "pending",
  CANCELED: "canceled",
  SKIPPED: "skipped",
  IGNORED: "skipped",
  UNSELECTED: "skipped",
};

export function statusKind(status: string): StatusKind {
  return KIND_BY_STATUS[status] ?? "unknown";
}

/** Run statuses the API reference lists (`runs --status` and its completion); others are still sent, with a warning. */
export const KNOWN_RUN_STATUSES: readonly string[] = [
  "COMPLETED",
  "RUNNING",
  "FAILED",
  "CANCELED",
  "PAUSED",
  "SUSPEND",
  "IGNORED",
];

/** Run statuses after which the run will not change again. */
const TERMINAL_RUN_STATUSES = new Set(["COMPLETED", "FAILED", "ASYNC_FAILED", "CANCELED", "IGNORED"]);

export function isTerminalRunStatus(status: string): boolean {
  return TERMINAL_RUN_STATUSES.has(status);
}

/**
 * The one predicate that turns a run's status into the exit-code contract, shared by one-shot
 * `status` and (later) watch mode. A run that is not finished, or whose status we do not know,
 * is "the query worked" (0) in one-shot mode: the caller decides whether to warn or keep waiting.
 */
export function exitCodeForRunStatus(status: string): ExitCodeValue {
  switch (status) {
    case "COMPLETED":
      return ExitCode.Ok;
    case "FAILED":
    case "ASYNC_FAILED":
      return ExitCode.RunFailed;
    case "CANCELED":
    case "IGNORED":
      return ExitCode.RunNotSuccessful;
    default:
      return ExitCode.Ok;
  }
}

/** The one-line warning for a run status newer than this version, already safe for a terminal. */
export function unknownStatusWarning(status: string): string {
  return `warning: the run has a status this version does not know ("${sanitizeText(status)}"); treating it as not finished\n`;
}
