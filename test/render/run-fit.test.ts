import { describe, expect, test } from "vitest";
import { renderRunTable } from "../../src/render/index.js";
import { renderRunFitted, terminalRows } from "../../src/render/run-fit.js";
import { loadRun, RICH_NOW } from "./helpers.js";

const rich = loadRun("run-detail-rich.json");
const lines = (text: string) => text.replace(/\n$/, "").split("\n");

describe("renderRunFitted", () => {
  test.each([40, 80, 120])("never takes more rows than it is given, at %i columns", (columns) => {
    const options = { colorLevel: 3, columns, timeStyle: "iso", now: RICH_NOW, unicode: true } as const;
    const full = renderRunTable(rich, options);
    const fullRows = terminalRows(lines(full), columns);
    for (const rows of [1, 2, 3, 5, 8, 13, 21, fullRows - 1, fullRows, fullRows + 1]) {
      const fitted = renderRunFitted(rich, options, rows);
      expect(terminalRows(lines(fitted), columns)).toBeLessThanOrEqual(rows);
      if (rows >= fullRows) expect(fitted).toBe(full);
    }
  });

  test("keeps the title, what failed or runs with its parents, and counts what it leaves out", () => {
    const options = { colorLevel: 0, columns: 100, timeStyle: "iso", now: RICH_NOW, unicode: true } as const;
    const fitted = lines(renderRunFitted({ ...rich, status: "RUNNING" }, options, 14));
    expect(fitted[0]).toMatch(/^orders-service-ci #12 /);
    expect(fitted.join("\n")).toMatch(/✗ FAILED +└─ Run unit tests +4m 46s/);
    expect(fitted).toContain("… 11 more (completed)");
    expect(fitted).toContain("… 4 more (3 not started, 1 skipped)");
    expect(fitted.at(-1)).toMatch(/^Stages 4 \(1 failed, 1 running\) · Jobs 8 .+ · Steps 10 /);
  });

  test("uses the room it has: the whole header, then what runs next, then what finished last", () => {
    const options = { colorLevel: 0, columns: 100, timeStyle: "iso", now: RICH_NOW, unicode: true } as const;
    const running = { ...rich, status: "RUNNING" };
    const short = lines(renderRunFitted(running, options, 14));
    const roomy = lines(renderRunFitted(running, options, 26));
    expect(short.some((line) => line.startsWith("Trigger "))).toBe(false);
    expect(roomy.some((line) => line.startsWith("Trigger "))).toBe(true);
    expect(roomy.join("\n")).toMatch(/○ INIT +Deploy \(after Test, Security scan\)/);
    expect(roomy).toContain("… 9 more (completed)");
    expect(terminalRows(roomy, 100)).toBeGreaterThan(terminalRows(short, 100));
    expect(terminalRows(roomy, 100)).toBeLessThanOrEqual(26);
  });
});
