import { ApiError } from "../errors.js";
import { ExitCode } from "../exit-codes.js";
import { NotARunDocumentError, normaliseRun, type RunView } from "../model/run.js";
import { sanitizeText } from "../render/sanitize.js";

/** The run-detail answer as a RunView, or an API error when the answer is not a run at all. */
export function readRun(document: unknown, requestId: string | undefined): RunView {
  try {
    return normaliseRun(document);
  } catch (error) {
    if (!(error instanceof NotARunDocumentError)) throw error;
    throw new ApiError(
      `could not read the pipeline run: ${error.message}${requestId ? ` (request id ${sanitizeText(requestId)})` : ""}`,
      ExitCode.ApiFailure,
      { requestId },
      "the service answered with something other than a run; try again, or look at it with --json",
    );
  }
}
