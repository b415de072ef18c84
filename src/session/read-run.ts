import { ApiError } from "../core/errors.js";
import { ExitCode } from "../core/exit-codes.js";
import { NotARunDocumentError, normaliseRun, type RunView } from "../model/run.js";
import { sanitizeText } from "../text/sanitize.js";

/**
 * The run-detail answer as a RunView, or an API error when the answer is not a run at all, or not
 * the run asked for: another run's status must never decide the exit code. An answer without an id
 * cannot be checked and is taken as it is (the run views show "-" for the id).
 */
export function readRun(document: unknown, requestId: string | undefined, askedRunId?: string): RunView {
  const where = requestId ? ` (request id ${sanitizeText(requestId)})` : "";
  let run: RunView;
  try {
    run = normaliseRun(document);
  } catch (error) {
    if (!(error instanceof NotARunDocumentError)) throw error;
    throw new ApiError(
      `could not read the pipeline run: ${error.message}${where}`,
      ExitCode.ApiFailure,
      { requestId },
      "the service answered with something other than a run; try again, or look at it with --json",
    );
  }
  if (askedRunId !== undefined && run.id !== undefined && run.id !== askedRunId) {
    throw new ApiError(
      `asked for run ${askedRunId}, the service answered with run ${sanitizeText(run.id).slice(0, 64)}${where}`,
      ExitCode.ApiFailure,
      // Asking again would get the same wrong run: a watch stops at once.
      { requestId, transient: false },
      "the service ignored pipeline_run_id: check that the endpoint is the CodeArts API and not a proxy that drops the query, or report it with --debug output",
    );
  }
  return run;
}
