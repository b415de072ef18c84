/** Durations and timestamps for people: "3m 12s", "3 minutes ago", "2023-01-20T09:33:17Z". */

export type TimeStyle = "relative" | "iso";

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** `45s`, `3m 12s`, `1h 04m`, `12d 3h`; a negative span (clock skew) reads as `0s`. */
export function formatDuration(ms: number): string {
  const seconds = Math.floor(Math.max(0, ms) / SECOND);
  if (seconds < 60) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes}m ${String(seconds % 60).padStart(2, "0")}s`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return `${hours}h ${String(minutes % 60).padStart(2, "0")}m`;
  return `${Math.floor(hours / 24)}d ${hours % 24}h`;
}

/** ISO-8601 in UTC to the second: `2023-01-20T09:33:17Z`. */
export function formatIso(epochMs: number): string {
  return `${new Date(epochMs).toISOString().slice(0, 19)}Z`;
}

function plural(count: number, unit: string): string {
  return `${count} ${unit}${count === 1 ? "" : "s"} ago`;
}

/** "just now", "3 minutes ago", "5 hours ago", "12 days ago"; older than 30 days: "on 2023-01-20". */
export function formatRelative(epochMs: number, now: number): string {
  const ago = now - epochMs;
  if (ago < MINUTE) return "just now";
  if (ago < HOUR) return plural(Math.floor(ago / MINUTE), "minute");
  if (ago < DAY) return plural(Math.floor(ago / HOUR), "hour");
  if (ago < 30 * DAY) return plural(Math.floor(ago / DAY), "day");
  return `on ${formatIso(epochMs).slice(0, 10)}`;
}

export function formatTimestamp(epochMs: number | undefined, style: TimeStyle, now: number): string {
  if (epochMs === undefined) return "-";
  return style === "iso" ? formatIso(epochMs) : formatRelative(epochMs, now);
}
