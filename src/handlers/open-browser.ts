import { spawn } from "node:child_process";
import type { Context } from "../core/context.js";

/**
 * Opens a URL in the user's browser when there is one to open: `$BROWSER` if set, else the
 * platform's opener (`open` on macOS, `xdg-open` under a Linux desktop session). On a server or in
 * CI there is none, and printing the URL is all we do. Returns whether a browser was started.
 */
export function openInBrowser(url: string, ctx: Context): boolean {
  const command =
    ctx.env.BROWSER ||
    (ctx.platform === "darwin"
      ? "open"
      : ctx.platform === "linux" && (ctx.env.DISPLAY || ctx.env.WAYLAND_DISPLAY)
        ? "xdg-open"
        : undefined);
  if (!command) return false;
  try {
    // Detached and ignored: the browser outlives us, and its output is not ours to show.
    const child = spawn(command, [url], { env: { ...ctx.env }, detached: true, stdio: "ignore" });
    child.on("error", () => {});
    child.unref();
    return true;
  } catch {
    return false;
  }
}
