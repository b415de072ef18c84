import xtermHeadless from "@xterm/headless";

/**
 * A real terminal emulator (xterm.js, headless) for tests of what a live view leaves on the screen
 * and in the scrollback. `\n` is taken as a terminal driver passes it on (CR LF), as from a pty.
 */
export class Emulator {
  readonly term: InstanceType<typeof xtermHeadless.Terminal>;
  private pending: Promise<void> = Promise.resolve();

  constructor(columns: number, rows: number) {
    this.term = new xtermHeadless.Terminal({
      cols: columns,
      rows,
      scrollback: 10_000,
      convertEol: true,
      allowProposedApi: true,
    });
  }

  /**
   * An output stream whose writes go to the emulator, in order, with the cursor methods of Node's
   * tty.WriteStream that ora moves its spinner with.
   */
  stream() {
    const write = (chunk: string | Uint8Array) => {
      const text = typeof chunk === "string" ? chunk : Buffer.from(chunk).toString("utf8");
      this.pending = this.pending.then(() => new Promise<void>((resolve) => this.term.write(text, resolve)));
      return true;
    };
    const emulator = this;
    return {
      isTTY: true,
      get columns() {
        return emulator.columns;
      },
      write,
      cursorTo: (x: number) => write(`\u001b[${x + 1}G`),
      moveCursor: (dx: number, dy: number) =>
        write(
          `${dx < 0 ? `\u001b[${-dx}D` : dx > 0 ? `\u001b[${dx}C` : ""}${dy < 0 ? `\u001b[${-dy}A` : dy > 0 ? `\u001b[${dy}B` : ""}`,
        ),
      clearLine: (direction: -1 | 0 | 1) =>
        write(`\u001b[${direction === 1 ? 0 : direction === -1 ? 1 : 2}K`),
    };
  }

  /** Waits until everything written so far has been processed. */
  async settled(): Promise<void> {
    await this.pending;
  }

  resize(columns: number, rows: number): void {
    this.term.resize(columns, rows);
  }

  get columns(): number {
    return this.term.cols;
  }

  get rows(): number {
    return this.term.rows;
  }

  /** Whether the alternate screen (a full-screen view) is showing. */
  onAlternateScreen(): boolean {
    return this.term.buffer.active.type === "alternate";
  }

  /** The rows on screen now, as wide as the screen (a line keeps cells past a shrink), trailing blanks trimmed. */
  screen(): string[] {
    const buffer = this.term.buffer.active;
    return Array.from({ length: this.term.rows }, (_, i) =>
      (buffer.getLine(buffer.viewportY + i)?.translateToString(true, 0, this.term.cols) ?? "").trimEnd(),
    );
  }

  /** Every line of the normal screen's buffer, scrollback first, trailing blank lines dropped. */
  normalBuffer(): string[] {
    const buffer = this.term.buffer.normal;
    const lines = Array.from({ length: buffer.length }, (_, i) =>
      (buffer.getLine(i)?.translateToString(true) ?? "").trimEnd(),
    );
    while (lines.length > 0 && lines.at(-1) === "") lines.pop();
    return lines;
  }

  /** The lines that scrolled off the top of the normal screen. */
  scrollback(): string[] {
    return this.normalBuffer().slice(0, this.term.buffer.normal.baseY);
  }
}
