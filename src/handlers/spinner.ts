import type { Ora } from "ora";
import type { Context } from "../core/context.js";

/** A fetch that answers within this long shows no spinner at all: no flash on a fast network. */
const SPINNER_DELAY_MS = 300;

/**
 * Runs `work` with an ora spinner on stderr when the terminal wants one (Terminal.spinner) and the
 * work takes a moment (a slow network, a project with many pipelines to look a name up in). Never
 * on stdout, never when piped, and it is gone before the caller prints anything.
 */
export async function withSpinner<T>(ctx: Context, text: string, work: () => Promise<T>): Promise<T> {
  if (!ctx.terminal.spinner) return work();
  let spinner: Ora | undefined;
  const done = new AbortController();
  // The injected sleep: a test's clock decides whether the work took "a moment".
  const shown = ctx.sleep(SPINNER_DELAY_MS, done.signal).then(
    async () => {
      const { default: ora } = await import("ora");
      if (done.signal.aborted) return;
      // discardStdin: false — the user's keystrokes (Ctrl-C) stay ours to handle. isEnabled and
      // color: the Terminal decided; ora's own checks read `process`. ora judges Unicode by the
      // platform alone; the locale decides here, as for every other glyph.
      spinner = ora({
        text,
        stream: ctx.io.err as NodeJS.WritableStream,
        discardStdin: false,
        isEnabled: true,
        color: ctx.terminal.colorLevel === 0 ? false : "cyan",
        spinner: ctx.terminal.unicode ? "dots" : "line",
      }).start();
    },
    () => {},
  );
  try {
    return await work();
  } finally {
    done.abort();
    await shown;
    spinner?.stop();
  }
}
