import { describe, expect, it } from "vitest";
import { parseDuration } from "../../src/watch/duration.js";

describe("parseDuration (--timeout)", () => {
  it.each([
    ["90", 90_000],
    ["30s", 30_000],
    ["30m", 1_800_000],
    ["1h", 3_600_000],
    ["1h30m", 5_400_000],
    ["1.5h", 5_400_000],
    ["0.5s", 500],
  ])("reads %s", (text, ms) => {
    expect(parseDuration(text)).toBe(ms);
  });

  it.each(["", "0", "0s", "-5m", "5 m", "5d", "m", "1h30"])("refuses %j", (text) => {
    expect(parseDuration(text)).toBeUndefined();
  });
});
