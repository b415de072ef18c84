import { stripVTControlCharacters } from "node:util";
import type { OutputStream } from "../core/context.js";
import { terminalRestore } from "../core/terminal-restore.js";
import { displayWidth, ellipsisFor, truncateToWidth } from "../text/text-width.js";

/**
 * Drawing live frames on a terminal. The frames go to the alternate screen (as `top` or `less` do):
 * drawn in place there, nothing a frame shows can reach the scrollback, not even when a resize
 * reflows the screen, and the normal screen comes back untouched when the view ends. Each frame is
 * built first and written in one go, inside a synchronized-update bracket (ignored by terminals that
 * do not know it): cursor home, each line erased just before it is rewritten, the rest of the
 * screen erased below. The caller keeps frames within the screen (see LiveView).
 */

export const HIDE_CURSOR = "\u001b[?25l";
export const SHOW_CURSOR = "\u001b[?25h";
export const BEGIN_SYNC = "\u001b[?2026h";
export const END_SYNC = "\u001b[?2026l";
export const ERASE_LINE = "\u001b[2K";
export const ERASE_DOWN = "\u001b[J";
export const CURSOR_HOME = "\u001b[H";
/** Saves the cursor, switches to the alternate screen and clears it (xterm's mode 1049). */
export const ENTER_ALT_SCREEN = "\u001b[?1049h";
/** Back to the normal screen as it was, cursor included. */
export const LEAVE_ALT_SCREEN = "\u001b[?1049l";

/**
 * One line cut to the screen's width, so it takes one row. A line that fits keeps its colours; one
 * that must be cut loses them (a cut through an escape sequence would garble the screen).
 */
export function fitLine(line: string, columns: number | undefined, unicode: boolean): string {
  if (!columns) return line;
  const plain = stripVTControlCharacters(line);
  return displayWidth(plain) <= columns ? line : truncateToWidth(plain, columns, ellipsisFor(unicode));
}

export class FrameWriter {
  private onAltScreen = false;
  private cursorHidden = false;

  constructor(private readonly out: OutputStream) {}

  /** Draws `frame` (lines, without newlines) over the previous one. */
  draw(frame: string[]): void {
    const enter = this.onAltScreen ? "" : ENTER_ALT_SCREEN;
    const hide = this.cursorHidden ? "" : HIDE_CURSOR;
    this.onAltScreen = true;
    this.cursorHidden = true;
    terminalRestore.sequence = LEAVE_ALT_SCREEN + SHOW_CURSOR;
    // No newline after the last line: a frame as tall as the screen must not scroll it.
    const body = frame.map((line) => `${ERASE_LINE}${line}`).join("\r\n");
    this.out.write(`${BEGIN_SYNC}${enter}${hide}${CURSOR_HOME}${body}${ERASE_DOWN}${END_SYNC}`);
  }

  /** Back to the normal screen, as it was before the first frame; what follows is printed there. */
  release(): void {
    if (!this.onAltScreen) return;
    this.onAltScreen = false;
    this.out.write(LEAVE_ALT_SCREEN);
  }

  /** The normal screen and the cursor back if we took them; safe to call any number of times. */
  restore(): void {
    this.release();
    if (this.cursorHidden) {
      this.cursorHidden = false;
      this.out.write(SHOW_CURSOR);
    }
    terminalRestore.sequence = "";
  }
}
