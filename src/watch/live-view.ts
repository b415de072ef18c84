import type { OutputStream } from "../core/context.js";
import type { RunView } from "../model/run.js";
import { statusKind } from "../model/status.js";
import { formatDuration } from "../render/time-format.js";
import { sanitizeText } from "../text/sanitize.js";
import { describeFailure } from "./line-log.js";
import type { PollFailure, RunUpdate, WatchObserver } from "./poll-loop.js";
import { separator, statusSymbol } from "./summary.js";
import { type FrameWriter, fitLine } from "./terminal.js";
import { activeItems, pathLabel } from "./transitions.js";

/**
 * The live view on a terminal: the status table with a few lines below it — a spinner beside what
 * is running, the wait of a paused run, the last polling problem, and when the view was updated and
 * will poll next. `tick` redraws between polls so the spinner turns and the countdown counts. The
 * spinner is drawn here rather than with ora: ora owns one line of its own and redraws on its own
 * timer, which would fight the frame for the cursor.
 *
 * The frame always fits the screen: when the whole of it would not, the spinner lines go and the
 * table is asked to fit what is left (see render/run-fit.ts); `resize` re-fits at once. Every line
 * is cut to the width, so each takes one row.
 */

const SPINNER = { unicode: "⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏", ascii: "-\\|/" };
const MAX_ACTIVE_SHOWN = 3;

export interface LiveViewOptions {
  now: () => number;
  unicode: boolean;
  /** The status table for a run, sized to the terminal's current width; with `fit`, that many rows at most. */
  renderRun: (run: RunView, fit?: { rows: number }) => string;
  /** The terminal's size now; a size that is not known is not fitted to. */
  columns: () => number | undefined;
  rows: () => number | undefined;
}

function linesOf(text: string): string[] {
  return text.replace(/\n$/, "").split("\n");
}

export class LiveView implements WatchObserver {
  private run: RunView | undefined;
  private updatedAt: number | undefined;
  private nextPollAt: number | undefined;
  private problem: string | undefined;
  private turn = 0;

  constructor(
    private readonly frames: FrameWriter,
    private readonly out: OutputStream,
    private readonly options: LiveViewOptions,
  ) {}

  update({ run, final, nextPollAt }: RunUpdate): void {
    this.run = run;
    this.updatedAt = this.options.now();
    this.nextPollAt = nextPollAt;
    this.problem = undefined;
    if (!final) this.draw();
  }

  failure(failure: PollFailure): void {
    this.problem = describeFailure(failure, this.options.now());
    this.nextPollAt = failure.nextPollAt;
    this.draw();
  }

  /** The frame shows the wait for as long as it lasts; nothing to add once. */
  waiting(): void {}

  /** Between polls: turn the spinner, count down. */
  tick(): void {
    this.turn += 1;
    this.draw();
  }

  /** The terminal changed size: fit the frame to it now rather than at the next tick. */
  resize(): void {
    this.draw();
  }

  /** Back on the normal screen: the whole last table (it stays in the scrollback), then the summary. */
  finish(summary: string): void {
    this.frames.release();
    if (this.run) this.out.write(this.options.renderRun(this.run));
    this.out.write(`${summary}\n`);
    this.frames.restore();
  }

  restore(): void {
    this.frames.restore();
  }

  private draw(): void {
    const { columns, rows, renderRun, unicode } = this.options;
    const width = columns();
    const height = rows();
    const cut = (line: string) => fitLine(line, width, unicode);
    const status = this.statusLines();
    const table = this.run ? [...linesOf(renderRun(this.run)), ""] : [];
    const whole = [...table, ...this.spinnerLines(), ...status];
    if (!height || whole.length <= height) {
      this.frames.draw(whole.map(cut));
      return;
    }
    const room = height - status.length;
    const fitted = this.run && room > 0 ? linesOf(renderRun(this.run, { rows: room })) : [];
    // Whatever the table answered, never more lines than the screen has.
    this.frames.draw([...fitted.slice(0, Math.max(0, room)), ...status].slice(-height).map(cut));
  }

  /** A spinner beside what is running. */
  private spinnerLines(): string[] {
    if (!this.run) return [];
    const { unicode } = this.options;
    const frames = SPINNER[unicode ? "unicode" : "ascii"];
    const spinner = frames[this.turn % frames.length] ?? "*";
    const active = activeItems(this.run);
    const lines = active.slice(0, MAX_ACTIVE_SHOWN).map((path) => `${spinner} ${pathLabel(path, unicode)}`);
    if (active.length > MAX_ACTIVE_SHOWN) lines.push(`  (+${active.length - MAX_ACTIVE_SHOWN} more)`);
    return lines;
  }

  /** The wait, the last problem and the status line: kept however short the screen. */
  private statusLines(): string[] {
    const { unicode, now } = this.options;
    const lines: string[] = [];
    if (this.run && statusKind(this.run.status) === "waiting") {
      lines.push(
        `${statusSymbol(this.run.status, unicode)} the run is ${sanitizeText(this.run.status)}: waiting (a manual review or a paused stage); still watching`,
      );
    }
    if (this.problem) lines.push(`! ${this.problem}`);
    const at = now();
    const updated =
      this.updatedAt === undefined ? "no answer yet" : `updated ${formatDuration(at - this.updatedAt)} ago`;
    const next =
      this.nextPollAt === undefined || this.nextPollAt <= at
        ? `polling${unicode ? "…" : "..."}`
        : `next poll in ${formatDuration(this.nextPollAt - at + 999)}`;
    const sep = separator(unicode);
    lines.push(`${updated}${sep}${next}${sep}Ctrl-C to stop`);
    return lines;
  }
}
