import { ExitCode, type ExitCodeValue } from "./core/exit-codes.js";

/**
 * What to do when writing our output fails. A reader that leaves early (`| head -1`) closes the
 * pipe: EPIPE is their choice, not an error, and the exit code stays what it was. Anything else
 * (`> /dev/full`, an I/O error) means the answer was lost: one `error:` line on stderr and exit 8,
 * never a stack trace, and never 1, which means only "the run FAILED".
 */

export interface OutputFailure {
  exitCode: ExitCodeValue;
  /** What to write on stderr; empty when there is nothing to say or nowhere to say it. */
  report: string;
}

const REASONS: Readonly<Record<string, string>> = {
  ENOSPC: "no space left on the device",
  EIO: "an input/output error",
  EBADF: "it is closed",
  EAGAIN: "it is not ready for writing",
  ECONNRESET: "the other end reset the connection",
};

export function outputFailure(
  error: NodeJS.ErrnoException,
  stream: "stdout" | "stderr",
  exitCodeSoFar: number | undefined,
): OutputFailure {
  if (error.code === "EPIPE")
    return { exitCode: (exitCodeSoFar ?? ExitCode.Ok) as ExitCodeValue, report: "" };
  // stderr itself failed: there is nowhere left to say why.
  if (stream === "stderr") return { exitCode: ExitCode.OutputFailed, report: "" };
  const reason = (error.code && REASONS[error.code]) ?? "the write failed";
  return {
    exitCode: ExitCode.OutputFailed,
    report:
      `error: could not write to standard output: ${reason}${error.code ? ` (${error.code})` : ""}\n` +
      "hint: check where the output goes (a full disk, a closed file); the command's result was lost\n",
  };
}
