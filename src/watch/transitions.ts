import type { RunView } from "../model/run.js";
import { type StatusKind, statusKind } from "../model/status.js";
import { visibleRows } from "../render/run-tree.js";
import { sanitizeText } from "../text/sanitize.js";

/**
 * What changed between two answers about the same run: one event per item (the run, a stage, a job
 * or a step) whose status changed or that appeared already under way. Labels come from the same
 * tree the status table draws ("entry: …" steps included), already sanitised.
 */

export type ItemLevel = "run" | "stage" | "job" | "step";

export interface ItemPath {
  stage?: string;
  job?: string;
  step?: string;
}

export interface WatchEvent {
  level: ItemLevel;
  path: ItemPath;
  /** Undefined: the item was not seen before. */
  from?: string;
  to: string;
  /** Server-side duration of a finished item. */
  durationMs?: number;
  /** The server's message on a finished item (failures mostly), single line, sanitised. */
  message?: string;
}

interface Item {
  key: string;
  level: ItemLevel;
  path: ItemPath;
  depth: number;
  status: string;
  message?: string;
  startTime?: number;
  endTime?: number;
}

const FINISHED_KINDS: ReadonlySet<StatusKind> = new Set(["success", "failed", "canceled", "skipped"]);

export function isFinishedKind(status: string): boolean {
  return FINISHED_KINDS.has(statusKind(status));
}

function pathOf(labels: string[], level: ItemLevel): ItemPath {
  const [stage, second, third] = labels;
  if (level === "stage") return { stage };
  if (level === "job") return { stage, job: second };
  // Entry and exit steps hang off the stage directly; job steps are one level deeper.
  return third === undefined ? { stage, step: second } : { stage, job: second, step: third };
}

/** The run first, then every stage, job and step in tree order, each with a stable key. */
function itemsOf(run: RunView): Item[] {
  const { status, startTime, endTime } = run;
  const items: Item[] = [{ key: "run", level: "run", path: {}, depth: -1, status, startTime, endTime }];
  const labels: string[] = [];
  const seen = new Map<string, number>();
  for (const { node, depth } of visibleRows(run, { showSteps: true })) {
    labels.length = depth;
    labels.push(node.label);
    const level: ItemLevel = node.kind;
    // Two siblings may share a name: the n-th of them keeps its own key.
    const base = JSON.stringify(labels);
    const occurrence = seen.get(base) ?? 0;
    seen.set(base, occurrence + 1);
    items.push({
      key: `${base}#${occurrence}`,
      level,
      path: pathOf(labels, level),
      depth,
      status: node.status,
      message: node.message === undefined ? undefined : sanitizeText(node.message),
      startTime: node.startTime,
      endTime: node.endTime,
    });
  }
  return items;
}

function eventFor(item: Item, from: string | undefined): WatchEvent {
  const event: WatchEvent = { level: item.level, path: item.path, from, to: item.status };
  if (isFinishedKind(item.status)) {
    if (item.startTime !== undefined && item.endTime !== undefined) {
      event.durationMs = item.endTime - item.startTime;
    }
    if (item.message !== undefined) event.message = item.message;
  }
  return event;
}

function changed(item: Item, before: Map<string, string> | undefined): WatchEvent | undefined {
  const from = before?.get(item.key);
  if (from === item.status) return undefined;
  // Work not yet started is noise when first seen; it shows up when it starts.
  if (from === undefined && statusKind(item.status) === "pending") return undefined;
  return eventFor(item, from);
}

/**
 * The events that take `previous` to `next` (previous undefined: the first answer, so everything
 * already under way or done). Ordered as a log reads best: an item's start comes before its
 * children's events, its end after them, so "job started … step finished … job finished".
 */
export function detectTransitions(previous: RunView | undefined, next: RunView): WatchEvent[] {
  const before = previous && new Map(itemsOf(previous).map((item) => [item.key, item.status]));
  const events: WatchEvent[] = [];
  const closing: Array<{ depth: number; event: WatchEvent }> = [];
  const flushTo = (depth: number) => {
    for (let top = closing.at(-1); top !== undefined && top.depth >= depth; top = closing.at(-1)) {
      events.push(top.event);
      closing.pop();
    }
  };
  for (const item of itemsOf(next)) {
    flushTo(item.depth);
    const event = changed(item, before);
    if (event === undefined) continue;
    if (isFinishedKind(item.status)) closing.push({ depth: item.depth, event });
    else events.push(event);
  }
  flushTo(Number.NEGATIVE_INFINITY);
  return events;
}

/** "Test › Unit tests › Run tests" ("Test > Unit tests > Run tests" in ASCII): an item's path for people. */
export function pathLabel(path: ItemPath, unicode: boolean): string {
  return [path.stage, path.job, path.step].filter((part) => part !== undefined).join(unicode ? " › " : " > ");
}

/** The first stage, job or step that FAILED, for --fail-fast and summaries. */
export function firstFailure(run: RunView): ItemPath | undefined {
  const failed = itemsOf(run).filter((item) => item.level !== "run" && statusKind(item.status) === "failed");
  // The deepest failure says most: a step rather than its job and stage.
  return failed.sort((a, b) => b.depth - a.depth)[0]?.path;
}

function descendants(items: Item[], index: number): Item[] {
  const depth = items[index]?.depth ?? 0;
  const end = items.findIndex((item, i) => i > index && item.depth <= depth);
  return items.slice(index + 1, end === -1 ? undefined : end);
}

/** The innermost items that are running or waiting: where the run is now. */
export function activeItems(run: RunView): ItemPath[] {
  const items = itemsOf(run).filter((item) => item.level !== "run");
  const active = (item: Item) => ["running", "waiting"].includes(statusKind(item.status));
  return items
    .filter((item, index) => active(item) && !descendants(items, index).some(active))
    .map((item) => item.path);
}
