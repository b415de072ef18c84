import { describe, expect, it } from "vitest";
import { renderStatus } from "../../src/handlers/status-view.js";
import type { RunView } from "../../src/model/run.js";
import { renderRunTable } from "../../src/render/index.js";
import { displayWidth } from "../../src/text/text-width.js";
import { testContext } from "../helpers/context.js";
import { detectedTerminal } from "../helpers/terminal.js";
import { block, loadRun, RICH_NOW } from "./helpers.js";

/**
 * How wide `status` draws: into a pipe nothing is cut or wrapped (one row per line, for grep)
 * unless COLUMNS is set; on a narrow terminal the tree is stacked instead of squeezed.
 */

const rich = loadRun("run-detail-rich.json");
const LONG_MESSAGE =
  "npm test exited with code 1 after running the whole integration suite against the staging database: 3 tests failed";
const longNamed: RunView = {
  ...rich,
  stages: rich.stages.map((stage, i) =>
    i !== 1
      ? stage
      : {
          ...stage,
          jobs: stage.jobs.map((job, j) =>
            j !== 0
              ? job
              : {
                  ...job,
                  name: "Unit tests with a name far longer than any table column would ever give it room for",
                  message: LONG_MESSAGE,
                },
          ),
        },
  ),
};

function statusText(run: RunView, columns: number | undefined, env: Record<string, string> = {}): string {
  const { ctx } = testContext({
    env,
    now: () => RICH_NOW,
    terminal: detectedTerminal(env, {
      stdoutIsTTY: columns !== undefined,
      columns: () => columns,
    }).withoutColor(),
  });
  return renderStatus(run, "table", { compact: false, steps: true }, "orders", ctx);
}

describe("status into a pipe", () => {
  it("never cuts or wraps: the whole failure message is on its failed row, so grep finds it", () => {
    const lines = statusText(longNamed, undefined).split("\n");
    const hits = lines.filter((line) => line.includes("3 tests failed"));
    expect(hits).toHaveLength(1);
    expect(hits[0]).toMatch(
      /^✗ FAILED\s+├─ Unit tests with a name far longer .* room for \(parallel\)\s+4m 50s\s+/,
    );
    expect(hits[0]).toContain(LONG_MESSAGE);
    expect(lines.join("\n")).not.toContain("…");
  });

  it("keeps a message's own line breaks as continuation lines under its row", () => {
    const text = statusText(rich, undefined);
    expect(text).toContain("  npm ERR! Test failed.  See above for more details.\n");
    expect(text).toMatch(/\n {13}│ {72}3 failing tests:\n/);
  });

  it("honours COLUMNS when it is set explicitly", () => {
    const text = statusText(longNamed, undefined, { COLUMNS: "100" });
    for (const line of text.split("\n").filter((line) => !line.startsWith("Link"))) {
      expect(displayWidth(line), line).toBeLessThanOrEqual(100);
    }
    expect(text).toContain("…");
    expect(statusText(longNamed, undefined, { COLUMNS: "wide" })).toContain(LONG_MESSAGE);
  });
});

describe("status on a narrow terminal", () => {
  it("stacks the tree below 60 columns: symbol and name, then status, duration and message under it", () => {
    const text = statusText({ ...rich, stages: rich.stages.slice(1, 2) }, 40);
    expect(text.split("\n\n")[1]).toBe(block`
✗ Test
  FAILED · 4m 50s
  ✗ Unit tests (parallel)
    FAILED · 4m 50s
    Step "Run unit tests" failed
    ✗ Run unit tests
      FAILED · 4m 46s
      npm ERR! Test failed.  See above
      for more details.
      3 failing tests:
        OrderService > refunds a
      cancelled order
        OrderService > rejects a
      negative amount
        PaymentGateway > retries on 503
  ✓ Lint (parallel)
    COMPLETED · 52s
    ✓ ESLint
      COMPLETED · 50s`);
    for (const line of text.split("\n").filter((line) => !line.startsWith("Link"))) {
      expect(displayWidth(line), line).toBeLessThanOrEqual(40);
    }
  });

  it("wraps a name too long for the line instead of cutting it", () => {
    const text = statusText(longNamed, 40);
    expect(text).toContain(
      "  ✗ Unit tests with a name far longer\n    than any table column would ever\n    give it room for (parallel)\n",
    );
    const tree = text.split("\n\n").slice(1, -1).join("\n\n");
    expect(tree).not.toContain("…");
  });

  it("keeps the table at 60 columns and above, and below it when nothing has to be cut", () => {
    expect(statusText(rich, 60)).toMatch(/^STATUS\s+NAME\s+DURATION\s+MESSAGE$/m);
    const short = { ...rich, stages: [{ ...rich.stages[3], dependsOn: [], jobs: [] }] } as RunView;
    const narrow = renderRunTable(short, {
      colorLevel: 0,
      columns: 50,
      timeStyle: "iso",
      now: RICH_NOW,
      unicode: true,
    });
    expect(narrow).toContain("STATUS  NAME    DURATION  STARTED\n○ INIT  Deploy  -         -\n");
  });
});
