import { statusKind } from "../model/status.js";

/**
 * How long an item worked, or for one still going, how long it has been going. "Still going" is
 * measured on `clock`: the server's clock when the answer carries it, so a skewed local clock
 * does not show a job running for minus three minutes. Time spent PAUSED (`pauseMs`, e.g. waiting
 * for a manual review) is not work, so it is left out.
 */
export function elapsedMs(
  item: { status: string; startTime?: number; endTime?: number; pauseMs?: number },
  clock: number,
): number | undefined {
  if (item.startTime === undefined) return undefined;
  const pause = item.pauseMs ?? 0;
  if (item.endTime !== undefined) return Math.max(0, item.endTime - item.startTime - pause);
  const kind = statusKind(item.status);
  return kind === "running" || kind === "waiting" ? Math.max(0, clock - item.startTime - pause) : undefined;
}
