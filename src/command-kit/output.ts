import type { OutputFormat } from "../config/setting-table.js";
import { UsageError } from "../core/errors.js";

/**
 * The one output model. Each view says which formats it speaks; `-o/--output` and `--json` pick
 * one for every command, and the configured `output` applies wherever the view speaks it (a view
 * that does not falls back to its table). Choices that contradict each other are usage errors
 * (exit 2) naming both flags. Adding a format to a view is one entry here plus its renderer.
 */

export const VIEW_FORMATS = {
  /** One pipeline run: `status <pipeline>`, `run --watch`, `stop --watch`. */
  run: ["table", "json", "markdown", "junit"],
  /** The latest run of several pipelines: `status a b`, `status --all`. */
  pipelines: ["table", "json", "markdown"],
  /** One pipeline's recent runs: `runs`. */
  history: ["table", "json", "markdown"],
  /** A run just started: `run` without --watch. */
  started: ["table", "json"],
  /** The effective settings: `config show`. */
  settings: ["table", "json"],
  /** The simulator's connection details: `simulate`. */
  simulator: ["table", "json"],
} as const satisfies Record<string, readonly OutputFormat[]>;

export type View = keyof typeof VIEW_FORMATS;

const VIEW_NAMES: Record<View, string> = {
  run: "a run",
  pipelines: "several pipelines",
  history: "a run list",
  started: "a started run (without --watch)",
  settings: "the settings",
  simulator: "the simulator",
};

export function speaks(view: View, format: OutputFormat): boolean {
  return (VIEW_FORMATS[view] as readonly OutputFormat[]).includes(format);
}

/** Machine output: what a script reads, to which nothing else may be added on stdout. */
const MACHINE: readonly OutputFormat[] = ["json", "markdown", "junit"];

/**
 * The format asked for on the command line (undefined when none), after refusing what contradicts:
 * `--json` with another `-o`, a format the view does not speak, `--web` with machine output.
 */
export function requestedOutput(view: View, flags: Record<string, unknown>): OutputFormat | undefined {
  const output = flags.output as OutputFormat | undefined;
  if (flags.json && output !== undefined && output !== "json") {
    throw new UsageError(
      `--json cannot be combined with --output ${output}`,
      "--json is short for --output json: give one of them",
    );
  }
  const format = flags.json ? "json" : output;
  const flag = flags.json ? "--json" : `--output ${format}`;
  if (format !== undefined && !speaks(view, format)) {
    throw new UsageError(
      `${flag} is not a format ${VIEW_NAMES[view]} can be printed in`,
      `choose one of: ${VIEW_FORMATS[view].join(", ")}`,
    );
  }
  if (flags.web && format !== undefined && MACHINE.includes(format)) {
    throw new UsageError(
      `--web cannot be combined with ${flag}`,
      "--web prints the run's address; drop it to print the run itself",
    );
  }
  return format;
}

/** The format to print in: the one asked for (already in settings), else the configured one if the view speaks it. */
export function outputFor(view: View, configured: OutputFormat): OutputFormat {
  return speaks(view, configured) ? configured : "table";
}
