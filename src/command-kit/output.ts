import type { OutputFormat } from "../config/setting-table.js";
import { UsageError } from "../core/errors.js";

/**
 * The one output model. Each view says which formats it speaks; `-o/--output` and `--json` pick
 * one for every command, and the configured `output` applies wherever the view speaks it (a view
 * that does not falls back to its table). Choices that contradict each other are usage errors
 * (exit 2) naming both flags. Adding a format to a view is one entry here plus its renderer.
 */

/**
 * A format a view can be printed in: the configurable ones, and `text` for the views whose default
 * is prose rather than a table (logs, a credentials check). `text` is not a value of `output`.
 */
export type ViewFormat = OutputFormat | "text";

/** The formats of each view; the first is its default. */
export const VIEW_FORMATS = {
  /** One pipeline run: `status <pipeline>`, `run --watch`, `stop --watch`. */
  run: ["table", "json", "markdown", "junit"],
  /** The latest run of several pipelines: `status a b`, `status --all`. */
  pipelines: ["table", "json", "markdown"],
  /** One pipeline's recent runs: `runs`. */
  history: ["table", "json", "markdown"],
  /** A run just started: `run` without --watch. */
  started: ["table", "json"],
  /** A stop asked for: `stop` without --watch (its "table" is a line, as for a started run). */
  stopped: ["table", "json"],
  /** The logs of a run's steps: `logs`. */
  logs: ["text", "json"],
  /** Which identity and method worked: `auth check`. */
  identity: ["text", "json"],
  /** The effective settings: `config show`. */
  settings: ["table", "json"],
  /** The simulator's connection details: `simulate`. */
  simulator: ["table", "json"],
} as const satisfies Record<string, readonly ViewFormat[]>;

export type View = keyof typeof VIEW_FORMATS;
/** The formats view `V` speaks. */
export type FormatOf<V extends View> = (typeof VIEW_FORMATS)[V][number];

const VIEW_NAMES: Record<View, string> = {
  run: "a run",
  pipelines: "several pipelines",
  history: "a run list",
  started: "a started run (without --watch)",
  stopped: "a stop (without --watch)",
  logs: "logs",
  identity: "a credentials check",
  settings: "the settings",
  simulator: "the simulator",
};

export function speaks<V extends View>(view: V, format: ViewFormat): format is FormatOf<V> {
  return (VIEW_FORMATS[view] as readonly ViewFormat[]).includes(format);
}

/** Machine output: what a script reads, to which nothing else may be added on stdout. */
const MACHINE: readonly ViewFormat[] = ["json", "markdown", "junit"];

/**
 * The format asked for on the command line (undefined when none), after refusing what contradicts:
 * `--json` with another `-o`, a format the view does not speak, `--web` with machine output.
 */
export function requestedOutput<V extends View>(
  view: V,
  flags: Record<string, unknown>,
): FormatOf<V> | undefined {
  const output = flags.output as ViewFormat | undefined;
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
  // A JUnit report lists every step as a test case: it has no compact or step-less form.
  const trimmed = flags.compact ? "--compact" : flags.steps === false ? "--no-steps" : undefined;
  if (format === "junit" && trimmed) {
    throw new UsageError(
      `${trimmed} cannot be combined with ${flag}`,
      "a JUnit report lists every step: drop one of them",
    );
  }
  return format;
}

/**
 * The format to print in: the one asked for (already in settings), else the configured one if the
 * view speaks it, else the view's default.
 */
export function outputFor<V extends View>(view: V, configured: ViewFormat): FormatOf<V> {
  return speaks(view, configured) ? configured : (VIEW_FORMATS[view][0] as FormatOf<V>);
}

/** The formats several views speak together (`status`: one run, or several pipelines), for `--help`. */
export function formatsOf(views: readonly View[]): ViewFormat[] {
  return [...new Set(views.flatMap((view) => VIEW_FORMATS[view] as readonly ViewFormat[]))];
}

/** `run`/`stop`: --compact and --no-steps shape the run a watch shows; without --watch there is none. */
export function refuseRunViewWithoutWatch(flags: Record<string, unknown>, watch: unknown): void {
  const flag = flags.compact ? "--compact" : flags.steps === false ? "--no-steps" : undefined;
  if (flag && !watch) throw new UsageError(`${flag} only applies to a watch`, "add --watch");
}
