import { statusKind } from "../model/status.js";

/**
 * How long an item took, or for one still going, how long it has been going. "Still going" is
 * measured on `clock`: the server's clock when the answer carries it, so a skewed local clock
 * does not show a job running for minus three minutes.
 */
export function elapsedMs(
  item: { status: string; startTime?: number; endTime?: number },
  clock: number,
): number | undefined {
  if (item.startTime === undefined) return undefined;
  if (item.endTime !== undefined) return item.endTime - item.startTime;
  const kind = statusKind(item.status);
  return kind === "running" || kind === "waiting" ? clock - item.startTime : undefined;
}
