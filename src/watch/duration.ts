/** `--timeout` values: `90` (seconds), `30s`, `30m`, `1h`, `1h30m`, `1.5h`. */

const UNIT_MS: Readonly<Record<string, number>> = { h: 3_600_000, m: 60_000, s: 1_000 };
const DURATION = /^(?:\d+(?:\.\d+)?[hms])+$/;
const PART = /(\d+(?:\.\d+)?)([hms])/g;

/** Milliseconds, or undefined when `text` is not a duration greater than zero. */
export function parseDuration(text: string): number | undefined {
  const value = text.trim().toLowerCase();
  let ms: number;
  if (/^\d+(?:\.\d+)?$/.test(value)) ms = Number(value) * 1000;
  else if (DURATION.test(value)) {
    ms = 0;
    for (const [, amount, unit] of value.matchAll(PART)) ms += Number(amount) * (UNIT_MS[unit ?? "s"] ?? 0);
  } else return undefined;
  return ms > 0 && Number.isFinite(ms) ? Math.round(ms) : undefined;
}
