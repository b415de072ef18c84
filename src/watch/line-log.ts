import type { OutputStream } from "../core/context.js";
import type { RunView } from "../model/run.js";
import { statusKind } from "../model/status.js";
import { formatDuration, formatIso } from "../render/time-format.js";
import { sanitizeText } from "../text/sanitize.js";
import type { PollFailure, RunUpdate, WatchObserver } from "./poll-loop.js";
import { runTitle, stateOf, statusSymbol } from "./summary.js";
import { pathLabel, type WatchEvent } from "./transitions.js";

/**
 * The watch as a CI log reads it: one timestamped line per change, never an escape code, never the
 * tree again. A run already over at the first answer is printed whole instead (by `printRun`),
 * as one-shot `status` would.
 */

export interface LineLogOptions {
  now: () => number;
  unicode: boolean;
  intervalMs: number;
  /** The whole run, for a run that was already over when the watch started; absent: say nothing. */
  printRun?: (run: RunView) => string;
}

function whatHappened(event: WatchEvent): string {
  const to = sanitizeText(event.to);
  const from = event.from === undefined ? undefined : statusKind(event.from);
  switch (statusKind(event.to)) {
    case "running":
      if (from === undefined || from === "pending") return "started";
      return from === "waiting" ? "resumed" : `is now ${to}`;
    case "waiting":
      return `${to}, waiting`;
    case "success":
    case "failed":
    case "canceled":
    case "skipped": {
      const duration = event.durationMs === undefined ? "" : ` in ${formatDuration(event.durationMs)}`;
      return `${to}${duration}${event.message === undefined ? "" : `: ${event.message}`}`;
    }
    default:
      return `is now ${to}`;
  }
}

/** "✓ step Build › Check out code COMPLETED in 8s" (no timestamp). */
export function describeEvent(event: WatchEvent, run: RunView, unicode: boolean): string {
  const subject =
    event.level === "run"
      ? `run ${runTitle(run, unicode)}`
      : `${event.level} ${pathLabel(event.path, unicode)}`;
  return `${statusSymbol(event.to, unicode)} ${subject} ${whatHappened(event)}`;
}

export function describeFailure(failure: PollFailure, now: number): string {
  const wait = formatDuration(Math.max(0, failure.nextPollAt - now) + 999);
  return `could not poll (failure ${failure.failures} of ${failure.maxFailures}): ${sanitizeText(failure.error.message)}; next poll in ${wait}`;
}

export function describeWaiting(run: RunView, now: number, unicode: boolean): string {
  return `${stateOf(run, { unicode, now })}: waiting (a manual review or a paused stage); still watching, Ctrl-C to stop`;
}

export class LineLog implements WatchObserver {
  constructor(
    private readonly out: OutputStream,
    private readonly options: LineLogOptions,
  ) {}

  update({ run, events, first, final }: RunUpdate): void {
    const { unicode, intervalMs } = this.options;
    if (first && final) {
      if (this.options.printRun) this.out.write(this.options.printRun(run));
      return;
    }
    if (first) {
      const id = run.id === undefined ? "" : ` (run ${sanitizeText(run.id)})`;
      this.line(`watching ${runTitle(run, unicode)}${id}, polling every ${intervalMs / 1000}s or more`);
    }
    for (const event of events) this.line(describeEvent(event, run, unicode));
  }

  failure(failure: PollFailure): void {
    this.line(`! ${describeFailure(failure, this.options.now())}`);
  }

  waiting(run: RunView): void {
    const { now, unicode } = this.options;
    this.line(`${statusSymbol(run.status, unicode)} ${describeWaiting(run, now(), unicode)}`);
  }

  private line(text: string): void {
    this.out.write(`${formatIso(this.options.now())}  ${text}\n`);
  }
}

/** For output that must stay clean (--json-lines): only trouble and waits, on stderr. */
export class Notes implements WatchObserver {
  constructor(
    private readonly err: OutputStream,
    private readonly options: { now: () => number; unicode: boolean },
  ) {}

  update(): void {}

  failure(failure: PollFailure): void {
    this.err.write(`note: ${describeFailure(failure, this.options.now())}\n`);
  }

  waiting(run: RunView): void {
    this.err.write(`note: ${describeWaiting(run, this.options.now(), this.options.unicode)}\n`);
  }
}
