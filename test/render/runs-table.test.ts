import { describe, expect, it } from "vitest";
import { normaliseRunSummary } from "../../src/model/run-summary.js";
import { type RunsTableOptions, renderRunsTable } from "../../src/render/runs-table.js";
import { block, showSgr } from "./helpers.js";

const NOW = Date.UTC(2026, 10, 28, 12);
const MINUTE = 60_000;

const RUNS = [
  {
    pipeline_run_id: "d6f83ccaec1a68e201a73e7e94f12c9c",
    status: "RUNNING",
    run_number: 26,
    trigger_type: "Manual",
    build_params: { target_branch: "main", source_branch: null, commit_id: "14955c1aa0b", tag: null },
    start_time: NOW - 4 * MINUTE,
    end_time: 0,
  },
  {
    pipeline_run_id: "509ad4c96f0b338f0246f5f02a24b766",
    status: "FAILED",
    run_number: 25,
    trigger_type: "MergeRequest",
    build_params: { target_branch: "main", source_branch: "feature/refunds", commit_id: "8f3c2a1d9b7e" },
    start_time: NOW - 3 * 60 * MINUTE,
    end_time: NOW - 3 * 60 * MINUTE + 233_000,
  },
  {
    pipeline_run_id: "921b50c9eec83f92da3d1d1032d41349",
    status: "COMPLETED",
    run_number: 24,
    trigger_type: "Scheduler",
    build_params: { target_branch: null, tag: "v1.4.0", commit_id: "990ea05775" },
    start_time: String(NOW - 2 * 24 * 60 * MINUTE),
    end_time: String(NOW - 2 * 24 * 60 * MINUTE + 303_000),
  },
  { pipeline_run_id: "0fce2c8b6e70410a4a1b2f76d19e1b59", status: "\u001b[2JNEW_STATE", build_params: null },
].map(normaliseRunSummary);

const PIPED: RunsTableOptions = {
  colorLevel: 0,
  columns: undefined,
  timeStyle: "iso",
  now: NOW,
  unicode: true,
};

describe("renderRunsTable", () => {
  it("piped: ISO times, every column whole, server text cleaned", () => {
    expect(renderRunsTable(RUNS, PIPED)).toBe(block`
RUN  STATUS       TRIGGER       SOURCE           STARTED               DURATION  RUN ID
#26  ● RUNNING    Manual        main             2026-11-28T11:56:00Z  4m 00s    d6f83ccaec1a68e201a73e7e94f12c9c
#25  ✗ FAILED     MergeRequest  feature/refunds  2026-11-28T09:00:00Z  3m 53s    509ad4c96f0b338f0246f5f02a24b766
#24  ✓ COMPLETED  Scheduler     tag v1.4.0       2026-11-26T12:00:00Z  5m 03s    921b50c9eec83f92da3d1d1032d41349
-    ? NEW_STATE  -             -                -                     -         0fce2c8b6e70410a4a1b2f76d19e1b59
`);
  });

  it("on a narrow terminal: relative times, ASCII symbols, SOURCE then TRIGGER cut, the run id never", () => {
    const table = renderRunsTable(RUNS.slice(0, 3), {
      ...PIPED,
      timeStyle: "relative",
      unicode: false,
      columns: 92,
    });
    expect(table).toBe(block`
RUN  STATUS       TRIGGER  SOURCE  STARTED        DURATION  RUN ID
#26  * RUNNING    Manual   main    4 minutes ago  4m 00s    d6f83ccaec1a68e201a73e7e94f12c9c
#25  x FAILED     Merg...  fea...  3 hours ago    3m 53s    509ad4c96f0b338f0246f5f02a24b766
#24  + COMPLETED  Sche...  tag...  2 days ago     5m 03s    921b50c9eec83f92da3d1d1032d41349
`);
    expect(
      Math.max(
        ...table
          .trimEnd()
          .split("\n")
          .map((line) => line.length),
      ),
    ).toBeLessThanOrEqual(92);
  });

  it("colours the heading and each status by its kind", () => {
    const [first] = renderRunsTable(RUNS.slice(1, 2), { ...PIPED, colorLevel: 1 })
      .split("\n")
      .slice(1);
    expect(showSgr(first ?? "")).toBe(
      "#25  {31}{1}✗ FAILED{22}{39}  MergeRequest  feature/refunds  2026-11-28T09:00:00Z  3m 53s    509ad4c96f0b338f0246f5f02a24b766",
    );
  });

  const NAMED = RUNS.slice(0, 2).map((run, i) => ({
    ...run,
    pipelineName: ["web", "orders-service-nightly-integration"][i],
  }));
  const TERMINAL = { ...PIPED, timeStyle: "relative" } as const;

  // Goldens of the table as it was before narrow terminals were stacked: wide terminals keep it, byte for byte.
  it.each([
    [
      100,
      block`
PIPELINE  RUN  STATUS     TRIGGER  SOURCE  STARTED        DURATION  RUN ID
web       #26  ● RUNNING  Manual   main    4 minutes ago  4m 00s    d6f83ccaec1a68e201a73e7e94f12c9c
orders-…  #25  ✗ FAILED   MergeR…  featu…  3 hours ago    3m 53s    509ad4c96f0b338f0246f5f02a24b766
`,
    ],
    [
      160,
      block`
PIPELINE                            RUN  STATUS     TRIGGER       SOURCE           STARTED        DURATION  RUN ID
web                                 #26  ● RUNNING  Manual        main             4 minutes ago  4m 00s    d6f83ccaec1a68e201a73e7e94f12c9c
orders-service-nightly-integration  #25  ✗ FAILED   MergeRequest  feature/refunds  3 hours ago    3m 53s    509ad4c96f0b338f0246f5f02a24b766
`,
    ],
  ])("at %i columns, several pipelines keep the table", (columns, expected) => {
    expect(renderRunsTable(NAMED, { ...TERMINAL, columns, withPipeline: true })).toBe(expected);
  });

  it("at 100 columns, a pipeline's runs keep the table", () => {
    expect(renderRunsTable(RUNS.slice(0, 3), { ...TERMINAL, columns: 100 })).toBe(block`
RUN  STATUS       TRIGGER       SOURCE     STARTED        DURATION  RUN ID
#26  ● RUNNING    Manual        main       4 minutes ago  4m 00s    d6f83ccaec1a68e201a73e7e94f12c9c
#25  ✗ FAILED     MergeRequest  feature/…  3 hours ago    3m 53s    509ad4c96f0b338f0246f5f02a24b766
#24  ✓ COMPLETED  Scheduler     tag v1.4…  2 days ago     5m 03s    921b50c9eec83f92da3d1d1032d41349
`);
  });

  it("stacks each run when the table cannot fit: symbol, pipeline and number, the rest indented", () => {
    const text = renderRunsTable(NAMED, { ...TERMINAL, columns: 40, withPipeline: true });
    expect(text).toBe(block`
● web #26
  RUNNING · 4m 00s · 4 minutes ago
  Manual · main
  d6f83ccaec1a68e201a73e7e94f12c9c
✗ orders-service-nightly-integration #25
  FAILED · 3m 53s · 3 hours ago
  MergeRequest · feature/refunds
  509ad4c96f0b338f0246f5f02a24b766
`);
  });

  it("stacked on a very narrow terminal: fields move to the next line whole, only what is wider than a line is cut", () => {
    const text = renderRunsTable(
      [...NAMED, RUNS[3]].filter((run) => run !== undefined),
      {
        ...TERMINAL,
        unicode: false,
        columns: 30,
        withPipeline: true,
      },
    );
    expect(text).toBe(block`
* web #26
  RUNNING - 4m 00s
  4 minutes ago
  Manual - main
  d6f83ccaec1a68e201a73e7e9...
x orders-service-nightly-in...
  FAILED - 3m 53s
  3 hours ago
  MergeRequest
  feature/refunds
  509ad4c96f0b338f0246f5f02...
? -  NEW_STATE
  0fce2c8b6e70410a4a1b2f76d...
`);
    for (const line of text.trimEnd().split("\n")) expect(line.length, line).toBeLessThanOrEqual(30);
  });

  it("below 60 columns stacks even a table that would fit with its cells cut", () => {
    const text = renderRunsTable(RUNS.slice(0, 1), { ...TERMINAL, columns: 59 });
    expect(text.split("\n")[0]).toBe("● #26  RUNNING · 4m 00s · 4 minutes ago");
  });

  it("stacked, colours the symbol and status word by the run's status", () => {
    const [title] = renderRunsTable(RUNS.slice(1, 2), {
      ...TERMINAL,
      colorLevel: 1,
      columns: 40,
    }).split("\n");
    expect(showSgr(title ?? "")).toBe(
      "{31}{1}✗{22}{39} {1}#25{22}  {31}{1}FAILED{22}{39} · 3m 53s · 3 hours ago",
    );
  });
});
