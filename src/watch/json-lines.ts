import type { OutputStream } from "../core/context.js";
import type { RunView } from "../model/run.js";
import { Notes } from "./line-log.js";
import type { PollFailure, RunUpdate, WatchObserver, WatchOutcome } from "./poll-loop.js";

/**
 * `--json-lines`: one JSON object per change on stdout, then one `end` event; trouble and waits go
 * to stderr as notes. Statuses are as sent; names are the sanitised labels of the status table.
 */

function time(now: number): string {
  return new Date(now).toISOString();
}

export class JsonLines implements WatchObserver {
  private readonly notes: Notes;

  constructor(
    private readonly out: OutputStream,
    err: OutputStream,
    private readonly now: () => number,
  ) {
    this.notes = new Notes(err, { now, unicode: false });
  }

  update({ events, run }: RunUpdate): void {
    for (const event of events) {
      const { level, path, from, to, durationMs, message } = event;
      this.write({ type: level, runId: run.id, path, from: from ?? null, to, durationMs, message });
    }
  }

  failure(failure: PollFailure): void {
    this.notes.failure(failure);
  }

  waiting(run: RunView): void {
    this.notes.waiting(run);
  }

  end(outcome: WatchOutcome): void {
    const run = outcome.last?.run;
    this.write({
      type: "end",
      reason: outcome.reason,
      runId: run?.id,
      status: run?.status ?? null,
      exitCode: outcome.exitCode,
    });
  }

  private write(event: Record<string, unknown>): void {
    this.out.write(`${JSON.stringify({ ...event, time: time(this.now()) })}\n`);
  }
}
