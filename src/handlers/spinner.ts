import type { Ora } from "ora";
import type { Context } from "../core/context.js";

/** A fetch that answers within this long shows no spinner at all: no flash on a fast network. */
const SPINNER_DELAY_MS = 300;

/**
 * Runs `work` with an ora spinner on stderr when stderr is a terminal and the work takes a moment
 * (a slow network, a project with many pipelines to look a name up in). Never on stdout, never when
 * piped, and it is gone before the caller prints anything.
 */
export async function withSpinner<T>(ctx: Context, text: string, work: () => Promise<T>): Promise<T> {
  if (!ctx.io.stderrIsTTY) return work();
  let spinner: Ora | undefined;
  let done = false;
  const timer = setTimeout(async () => {
    const [{ default: ora }, { supportsUnicode }] = await Promise.all([
      import("ora"),
      import("../render/style.js"),
    ]);
    if (done) return;
    // discardStdin: false — the user's keystrokes (Ctrl-C) stay ours to handle.
    // ora judges Unicode by the platform alone; the locale decides here, as for every other glyph.
    spinner = ora({
      text,
      stream: ctx.io.err as NodeJS.WritableStream,
      discardStdin: false,
      spinner: supportsUnicode(ctx.env) ? "dots" : "line",
    }).start();
  }, SPINNER_DELAY_MS);
  try {
    return await work();
  } finally {
    done = true;
    clearTimeout(timer);
    spinner?.stop();
  }
}
