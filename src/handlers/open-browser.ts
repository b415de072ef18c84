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
  return command !== undefined && ctx.launch(command, [url], ctx.env);
}
