import { expect, test } from "vitest";
import { formatDuration, formatIso, formatRelative, formatTimestamp } from "../../src/render/time-format.js";

test.each([
  [0, "0s"],
  [999, "0s"],
  [45_000, "45s"],
  [60_000, "1m 00s"],
  [192_000, "3m 12s"],
  [3_599_000, "59m 59s"],
  [3_840_000, "1h 04m"],
  [23 * 3_600_000 + 59 * 60_000, "23h 59m"],
  [27 * 3_600_000, "1d 3h"],
  [(12 * 24 + 3) * 3_600_000 + 48 * 60_000, "12d 3h"],
  [8835 * 3_600_000 + 48 * 60_000, "368d 3h"],
  [-5_000, "0s"],
])("formatDuration(%i) is %s", (ms, expected) => {
  expect(formatDuration(ms)).toBe(expected);
});

const NOW = Date.UTC(2026, 0, 31, 12);

test.each([
  [NOW + 5_000, "just now"],
  [NOW - 59_000, "just now"],
  [NOW - 60_000, "1 minute ago"],
  [NOW - 3 * 60_000, "3 minutes ago"],
  [NOW - 3_600_000, "1 hour ago"],
  [NOW - 23 * 3_600_000, "23 hours ago"],
  [NOW - 2 * 86_400_000, "2 days ago"],
  [NOW - 40 * 86_400_000, "on 2025-12-22"],
])("formatRelative(%i) is %s", (epochMs, expected) => {
  expect(formatRelative(epochMs, NOW)).toBe(expected);
});

test("ISO timestamps are UTC to the second", () => {
  expect(formatIso(1674207197123)).toBe("2023-01-20T09:33:17Z");
  expect(formatTimestamp(1674207197000, "iso", NOW)).toBe("2023-01-20T09:33:17Z");
  expect(formatTimestamp(undefined, "relative", NOW)).toBe("-");
});
