import { expect, test } from "vitest";
import { displayWidth, truncateToWidth, wrapToWidth } from "../../src/text/text-width.js";

test("display width counts wide characters twice and combining marks not at all", () => {
  expect(displayWidth("Build")).toBe(5);
  expect(displayWidth("构建阶段")).toBe(8);
  expect(displayWidth("e\u0301")).toBe(1);
  expect(displayWidth("✓ ├─")).toBe(4);
  expect(displayWidth("🚀")).toBe(2);
});

test("truncation keeps within the width and marks the cut", () => {
  expect(truncateToWidth("Deploy to staging", 20, "…")).toBe("Deploy to staging");
  expect(truncateToWidth("Deploy to staging", 10, "…")).toBe("Deploy to…");
  expect(truncateToWidth("Deploy to staging", 10, "...")).toBe("Deploy...");
  expect(truncateToWidth("构建阶段构建阶段", 7, "…")).toBe("构建阶…");
  expect(truncateToWidth("abc", 0, "…")).toBe("");
});

test("wrapping breaks on spaces, keeps line breaks and indentation, and never drops text", () => {
  expect(wrapToWidth("npm ERR! Test failed.\n  OrderService > refunds\n\n", 16)).toEqual([
    "npm ERR! Test",
    "failed.",
    "  OrderService >",
    "refunds",
  ]);
  expect(wrapToWidth("see https://example.com/a/very/long/path", 12)).toEqual([
    "see",
    "https://exam",
    "ple.com/a/ve",
    "ry/long/path",
  ]);
  expect(wrapToWidth("构建失败构建失败", 5)).toEqual(["构建", "失败", "构建", "失败"]);
});

test("a megabyte word wraps at a narrow width without overflowing the stack", () => {
  const lines = wrapToWidth("x".repeat(1024 * 1024), 40);
  expect(lines).toHaveLength(Math.ceil((1024 * 1024) / 40));
  expect(lines.every((line) => line.length <= 40)).toBe(true);
});
