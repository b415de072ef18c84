import { describe, expect, test } from "vitest";
import { renderRunMarkdown } from "../../src/render/index.js";
import { EXAMPLE_NOW, loadRun, RICH_NOW } from "./helpers.js";

// Expected lines are string literals: the tree's non-breaking spaces (\u00a0) stay visible here.
describe("renderRunMarkdown", () => {
  test("the reference page's example run", () => {
    const output = renderRunMarkdown(loadRun("run-detail-example.json"), {
      timeStyle: "iso",
      now: EXAMPLE_NOW,
    });
    expect(output).toBe(
      [
        "### Sub-pipeline qqq #1 · ✓ COMPLETED",
        "",
        '- **Trigger:** Manual · branch master · 990ea05 "Creating a Dockerfile"',
        "- **Executor:** Beta environment account",
        "- **Started:** 2023-01-20T09:33:17Z",
        "- **Duration:** 0s",
        "",
        "| Status | Name | Duration | Started | Message |",
        "| --- | --- | --- | --- | --- |",
        "| ✓ COMPLETED | **Phase\\_1** | 0s | 2023-01-20T09:33:17Z | |",
        "| ✓ COMPLETED | ├─\u00a0entry: official\\_devcloud\\_autoTrigger | 0s | 2023-01-20T09:33:17Z | |",
        "| ✓ COMPLETED | └─\u00a0Creating a Job | 0s | 2023-01-20T09:33:17Z | not found steps |",
        "",
        "- **Stages:** 1",
        "- **Jobs:** 1",
        "- **Steps:** 1",
        "",
      ].join("\n"),
    );
  });

  test("a failed run, compact, with the next commands in a shell block", () => {
    const run = { ...loadRun("run-detail-rich.json"), status: "FAILED" };
    const output = renderRunMarkdown(run, {
      timeStyle: "iso",
      now: RICH_NOW,
      compact: true,
      nextCommands: ["codearts-run status --run 7f1c0e9a4b2d4e6f8a0b1c2d3e4f5a6b"],
    });
    expect(output).toBe(
      [
        "### orders-service-ci #12 · ✗ FAILED",
        "",
        '- **Trigger:** Push · branch feature/refunds · 8f3c2a1 "Handle refunds for cancelled orders"',
        "- **Executor:** Li Wei",
        "- **Started:** 2026-01-01T00:00:00Z",
        "- **Duration:** -",
        "- **Link:** <https://devcloud.cn-north-4.huaweicloud.com/cicd/project/6428c2e2b4b64affa14ec80896695c49/pipeline/detail/3b9e1f7c2a5d4c8e9f0a1b2c3d4e5f60/7f1c0e9a4b2d4e6f8a0b1c2d3e4f5a6b>",
        "",
        "| Status | Name | Duration | Started | Message |",
        "| --- | --- | --- | --- | --- |",
        "| ✓ COMPLETED | **Build** | 4m 05s | 2026-01-01T00:00:00Z | |",
        "| » SKIPPED | └─\u00a0Publish docs _(after Compile (Maven))_ | - | - | Condition not met: branch is not main |",
        "| **✗ FAILED** | **Test** _(parallel)_ | 4m 50s | 2026-01-01T00:04:10Z | |",
        '| **✗ FAILED** | └─\u00a0**Unit tests** _(parallel)_ | 4m 50s | 2026-01-01T00:04:10Z | Step "Run unit tests" failed |',
        "| **✗ FAILED** | ·\u00a0\u00a0└─\u00a0**Run unit tests** | 4m 46s | 2026-01-01T00:04:12Z | npm ERR! Test failed.  See above for more details.<br>3 failing tests:<br>  OrderService &gt; refunds a cancelled order<br>  OrderService &gt; rejects a negative amount<br>  PaymentGateway &gt; retries on 503 |",
        "| ● RUNNING | **Security scan** _(parallel)_ | 15m 50s | 2026-01-01T00:04:10Z | |",
        "| ● RUNNING | ├─\u00a0Code check _(parallel)_ | 15m 49s | 2026-01-01T00:04:11Z | |",
        "| ● RUNNING | │\u00a0\u00a0├─\u00a0CodeArts Check | 15m 48s | 2026-01-01T00:04:12Z | |",
        "| ? DEFERRED | │\u00a0\u00a0└─\u00a0Upload report | - | - | |",
        "| ○ INIT | └─\u00a0exit: official\\_manual\\_review | - | - | |",
        "| ○ INIT | **Deploy** _(after Test, Security scan)_ | - | - | |",
        "| ○ INIT | └─\u00a0Deploy to staging | - | - | |",
        "",
        "- **Stages:** 4 (1 failed, 1 running)",
        "- **Jobs:** 8 (1 failed, 1 running, 1 skipped)",
        "- **Steps:** 10 (1 failed, 1 running)",
        "",
        "Next steps:",
        "",
        "```sh",
        "codearts-run status --run 7f1c0e9a4b2d4e6f8a0b1c2d3e4f5a6b",
        "```",
        "",
      ].join("\n"),
    );
  });

  test("no tree cell starts with whitespace, which GitHub trims (NBSP included) and so flattens the tree", () => {
    const output = renderRunMarkdown(loadRun("run-detail-rich.json"), { timeStyle: "iso", now: RICH_NOW });
    const nameCells = output
      .split("\n")
      .filter((line) => line.startsWith("| ") && !line.startsWith("| Status") && !line.startsWith("| ---"))
      .map((line) => (line.split(" | ")[1] ?? "").replace(/^ +/, ""));
    expect(nameCells.length).toBeGreaterThan(10);
    for (const cell of nameCells) expect(cell).toBe(cell.trimStart());
    // A step under the last job of its stage: indented one level, visibly.
    expect(nameCells).toContain("·\u00a0\u00a0└─\u00a0ESLint");
  });
});
