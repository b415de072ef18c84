/** The bench's results as a markdown table (printed, and pasted into docs/performance.md) and as JSON. */
import type { ScalingFigure, TableFigure } from "./render.js";
import type { StartupFigure } from "./startup.js";
import type { WatchFigure } from "./watch.js";

export interface BenchResults {
  date: string;
  node: string;
  cpus: string;
  quick: boolean;
  startup: StartupFigure;
  table: TableFigure;
  scaling: ScalingFigure;
  watch: WatchFigure[];
}

/** Per-step cost may grow this much from the smallest run to the largest and still count as linear. */
export const LINEAR_GROWTH_LIMIT = 1.5;
const MB = 1024 * 1024;

const ms = (value: number) => `${value.toFixed(value < 10 ? 1 : 0)} ms`;
const mb = (bytes: number) => `${(bytes / MB).toFixed(1)} MB`;
const met = (ok: boolean) => (ok ? "yes" : "**no**");

function row(cells: string[]): string {
  return `| ${cells.join(" | ")} |`;
}

const WATCH_NAMES: Record<WatchFigure["mode"], string> = {
  lines: "c. `--watch` (piped lines)",
  "json-lines": "d. `--watch --json-lines`",
  unchanged: "e. `--watch` of an unchanged 10,000-step run",
};

function watchRows(figure: WatchFigure): string[][] {
  const name = WATCH_NAMES[figure.mode];
  const sign = figure.rssGrowthBytes >= 0 ? "+" : "−";
  return [
    [
      `${name}, ${figure.polls} polls in ${figure.seconds.toFixed(0)} s: TCP connections`,
      String(figure.connections),
      "1",
      met(figure.connections === 1),
    ],
    [
      `${name}: resident memory, poll 1 → 50 → last`,
      `${mb(figure.rssStartBytes)} → ${mb(figure.rssWarmBytes)} → ${mb(figure.rssEndBytes)} (${sign}${mb(Math.abs(figure.rssGrowthBytes))} after poll 50)`,
      "< 10 MB growth",
      met(figure.rssGrowthBytes < 10 * MB),
    ],
    [
      `${name}: CPU per poll (${(figure.documentBytes / 1024).toFixed(0)} KB document)`,
      ms(figure.cpuMsPerPoll),
      "—",
      "",
    ],
  ];
}

export function markdownTable(results: BenchResults): string {
  const { startup, table, scaling } = results;
  const points = scaling.points;
  const rows = [
    ["figure", "measured", "target", "met"],
    ["---", "---", "---", "---"],
    [
      "a. `status <id> --json` vs a bare `node:http` GET (median)",
      `${ms(startup.cliMs)} vs ${ms(startup.floorMs)} = ${startup.ratio.toFixed(2)}×`,
      "≤ 1.15×",
      met(startup.ratio <= 1.15),
    ],
    ["   for scale: `node -e 0`", ms(startup.bareNodeMs), "", ""],
    [
      "a. `codearts-run --version` vs `node -e 0`",
      `${ms(startup.versionMs)} vs ${ms(startup.bareNodeMs)} = ${startup.versionRatio.toFixed(2)}×`,
      "≤ 1.1×",
      met(startup.versionRatio <= 1.1),
    ],
    [
      `b. \`status\` table vs \`--json\`, ${table.steps.toLocaleString("en")} steps, piped`,
      `${ms(table.tableMs)} vs ${ms(table.jsonMs)} = ${table.ratio.toFixed(2)}×`,
      "≤ 1.5×",
      met(table.ratio <= 1.5),
    ],
    [
      `b. table render in-process, ${points.map((p) => `${p.steps / 1000}k`).join(" / ")} steps`,
      points.map((p) => `${ms(p.renderMs)} (${p.microsPerStep.toFixed(1)} µs/step)`).join(" / "),
      "≤ 10 µs/step",
      met(points.every((p) => p.microsPerStep <= 10)),
    ],
    [
      `b. per-step cost, ${(points.at(-1)?.steps ?? 0) / 1000}k vs ${(points[0]?.steps ?? 0) / 1000}k`,
      `${scaling.growth.toFixed(2)}×`,
      `≤ ${LINEAR_GROWTH_LIMIT}×`,
      met(scaling.growth <= LINEAR_GROWTH_LIMIT),
    ],
    ...results.watch.flatMap(watchRows),
  ];
  return rows.map(row).join("\n");
}
