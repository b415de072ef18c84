import { stripVTControlCharacters } from "node:util";
import type { OutputStream } from "../context.js";
import { displayWidth } from "../render/text-width.js";

/**
 * Drawing a frame over the previous one on a terminal, without flicker: the whole frame is built
 * first and written in one go, inside a synchronized-update bracket (ignored by terminals that do
 * not know it). The cursor goes back to the top of the previous frame (CR, cursor up) and each line
 * is erased just before it is rewritten; whatever is left below a shorter frame is erased at the
 * end. Never a full-screen clear, so the scrollback above stays intact.
 */

export const HIDE_CURSOR = "\u001b[?25l";
export const SHOW_CURSOR = "\u001b[?25h";
export const BEGIN_SYNC = "\u001b[?2026h";
export const END_SYNC = "\u001b[?2026l";
export const ERASE_LINE = "\u001b[2K";
export const ERASE_DOWN = "\u001b[J";

export function cursorUp(rows: number): string {
  // CSI 0 A moves one row on most terminals: never send it.
  return rows > 0 ? `\r\u001b[${rows}A` : "\r";
}

/** How many terminal rows `lines` take at `columns` wide (long lines wrap). */
function rowsOf(lines: string[], columns: number | undefined): number {
  return lines.reduce((rows, line) => {
    const width = displayWidth(stripVTControlCharacters(line));
    return rows + (columns && columns > 0 ? Math.max(1, Math.ceil(width / columns)) : 1);
  }, 0);
}

export class FrameWriter {
  private previous: string[] = [];
  private cursorHidden = false;

  constructor(
    private readonly out: OutputStream,
    private readonly columns: () => number | undefined,
  ) {}

  /** Draws `frame` (lines, without trailing newline) in place of the previous one. */
  draw(frame: string[]): void {
    // Measured at today's width: after a resize the old lines may wrap onto more rows.
    const up = cursorUp(rowsOf(this.previous, this.columns()));
    const hide = this.cursorHidden ? "" : HIDE_CURSOR;
    this.cursorHidden = true;
    const body = frame.map((line) => `${ERASE_LINE}${line}\n`).join("");
    this.out.write(
      `${BEGIN_SYNC}${hide}${this.previous.length > 0 ? up : ""}${body}${ERASE_DOWN}${END_SYNC}`,
    );
    this.previous = frame;
  }

  /** Leaves the last frame in the scrollback: the next output starts below it. */
  release(): void {
    this.previous = [];
  }

  /** Shows the cursor again if we hid it; safe to call any number of times. */
  restore(): void {
    if (!this.cursorHidden) return;
    this.cursorHidden = false;
    this.out.write(SHOW_CURSOR);
  }
}
