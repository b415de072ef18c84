import { type Command, InvalidArgumentError, Option } from "commander";
import { flagAttribute, SETTINGS } from "../config/setting-table.js";
import { UsageError } from "../core/errors.js";
import type { GlobalOptions } from "../session/session.js";
import { parseDuration } from "../watch/duration.js";
import { DEFAULT_INTERVAL_MS, MIN_INTERVAL_MS } from "../watch/schedule.js";
import { formatsOf, type View } from "./output.js";

/**
 * The flags several commands share, declared once: the global settings flags (from the settings
 * table), the output choice, --watch and its flags, and the CI report files.
 */

export function positiveSeconds(value: string): number {
  const seconds = Number(value);
  if (!Number.isFinite(seconds) || seconds <= 0) {
    throw new InvalidArgumentError("give a number of seconds greater than 0, e.g. 30");
  }
  return seconds * 1000;
}

function intervalSeconds(value: string): number {
  const ms = Math.round(Number(value) * 1000);
  if (!Number.isFinite(ms) || ms < MIN_INTERVAL_MS) {
    throw new InvalidArgumentError(`give a number of seconds, at least ${MIN_INTERVAL_MS / 1000}, e.g. 5`);
  }
  return ms;
}

function watchDuration(value: string): number {
  const ms = parseDuration(value);
  if (ms === undefined) throw new InvalidArgumentError("give a duration such as 90s, 30m, 1h or 1h30m");
  return ms;
}

/** How a setting's flag value is read, for the settings whose value is not plain text. */
const FLAG_PARSERS: Readonly<Record<string, (value: string) => unknown>> = {
  requestTimeout: positiveSeconds,
};

/** The program's flags: one per settings-table row that has a flag, then those that are not settings. */
export function addGlobalOptions(program: Command): Command {
  program.option("--config <file>", "read settings from this file instead of searching for .codeartsrc");
  for (const row of SETTINGS) {
    if (!row.flag) continue;
    const from = row.env.length > 0 ? ` (default: ${row.env[0]})` : "";
    const option = new Option(row.flag, `${row.flagDescription ?? row.description}${from}`);
    const parse = FLAG_PARSERS[row.key];
    if (parse) option.argParser(parse);
    program.addOption(option);
  }
  return program
    .option("--token-stdin", "read an IAM token from standard input")
    .option("--password-stdin", "read the IAM user's password from standard input")
    .option("--debug", "show requests, timings and stack traces on stderr (credentials redacted)")
    .option("--no-color", "never colour the output")
    .option("--no-ci-integration", "no GitHub Actions / GitLab CI annotations, groups or step summary");
}

/** The global flags as commander collected them, in the shape the handlers take. */
export function globalOptions(command: Command): GlobalOptions {
  const o = command.optsWithGlobals();
  const setting = (key: string) => {
    const row = SETTINGS.find((candidate) => candidate.key === key);
    const attribute = row && flagAttribute(row);
    return attribute === undefined ? undefined : o[attribute];
  };
  // Every settings-table flag under its attribute too, so a new row's flag reaches the settings
  // (src/session/session.ts reads them by the table) with no line here.
  const settingFlags = Object.fromEntries(
    SETTINGS.flatMap((row) => {
      const attribute = flagAttribute(row);
      return attribute === undefined ? [] : [[attribute, o[attribute]]];
    }),
  );
  return {
    ...settingFlags,
    config: o.config,
    profile: setting("defaultProfile"),
    region: setting("region"),
    project: setting("projectId"),
    endpoint: setting("endpoint"),
    iamEndpoint: setting("iamEndpoint"),
    iamProject: setting("iamProjectId"),
    tokenStdin: Boolean(o.tokenStdin),
    passwordStdin: Boolean(o.passwordStdin),
    requestTimeoutMs: setting("requestTimeout"),
    debug: Boolean(o.debug),
    ciIntegration: o.ciIntegration !== false,
  };
}

/**
 * `-o/--output` and `--json`, the same for every command that prints a view, offering the formats
 * its views speak (the first is the default). `configured: false`: the command does not read the
 * config file's `output` (the simulator).
 */
export function addOutputOptions(
  command: Command,
  views: readonly View[],
  jsonText: string,
  { configured = true } = {},
): Command {
  const formats = formatsOf(views);
  const from = configured ? `${formats[0]}, or \`output\` in the config` : formats[0];
  return command
    .addOption(
      // commander lists the choices after the description.
      new Option("-o, --output <format>", `output format (default: ${from})`).choices(formats),
    )
    .option("--json", jsonText);
}

/** --compact / --no-steps: how much of one run's tree to show (`status`, `run --watch`, `stop --watch`). */
export function addRunViewOptions(command: Command): Command {
  return command
    .option("--compact", "show only what did not complete, with its parents")
    .option("--no-steps", "hide steps; show stages and jobs only");
}

/** What --compact / --no-steps asked for, as the run view takes it. */
export function runViewFlags(o: Record<string, unknown>): { compact: boolean; steps: boolean } {
  return { compact: Boolean(o.compact), steps: o.steps !== false };
}

/** --watch and its flags; `several`: the command can watch several pipelines (status). */
export function addWatchOptions(command: Command, { several = false } = {}): Command {
  return command
    .option("-w, --watch", "follow the run until it ends; the exit code is its outcome")
    .option("--interval <seconds>", "with --watch: seconds between polls (default 3)", intervalSeconds)
    .option(
      "--timeout <duration>",
      "with --watch: stop after this long (e.g. 30m, 1h) with exit 7",
      watchDuration,
    )
    .option(
      "--fail-fast",
      `with --watch: stop with exit 1 as soon as any stage, job or step FAILED${several ? " (several pipelines: any run)" : ""}`,
    )
    .option(
      "--quiet",
      "with --watch: print nothing until the end (no progress, no retry notes), then the result; errors still go to stderr",
    )
    .option("--json-lines", "with --watch: one JSON event per change on stdout, then an end event");
}

/** --summary-file / --junit-file. */
export function addReportOptions(command: Command): Command {
  return command
    .option("--summary-file <path>", "also write the run as markdown (what -o markdown prints) to this file")
    .option("--junit-file <path>", "also write the run as a JUnit XML report to this file");
}

/** The report files asked for. */
export function reportFlags(o: Record<string, unknown>): { summaryFile?: string; junitFile?: string } {
  return { summaryFile: o.summaryFile as string | undefined, junitFile: o.junitFile as string | undefined };
}

/** How a flag is spelled on the command line, from commander's attribute name. */
export function flagSpelling(name: string): string {
  if (name === "steps") return "--no-steps";
  return `--${name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
}

export interface WatchOptions {
  intervalMs: number;
  timeoutMs?: number;
  failFast: boolean;
  quiet: boolean;
  jsonLines: boolean;
}

/** The watch flags, checked together; undefined without --watch. */
export function watchOptions(o: Record<string, unknown>): WatchOptions | undefined {
  const watchOnly = ["interval", "timeout", "failFast", "quiet", "jsonLines"] as const;
  if (!o.watch) {
    const stray = watchOnly.find((name) => o[name] !== undefined);
    if (stray) throw new UsageError(`${flagSpelling(stray)} only applies to a watch`, "add --watch");
    return undefined;
  }
  if (o.jsonLines && (o.json || o.output !== undefined)) {
    const other = o.json ? "--json" : `--output ${String(o.output)}`;
    throw new UsageError(`--json-lines cannot be combined with ${other}`, "choose one output");
  }
  // --quiet prints nothing until the end; --json-lines is a line per change: they contradict.
  if (o.jsonLines && o.quiet) {
    throw new UsageError(
      "--json-lines cannot be combined with --quiet",
      "--json-lines prints each change as it happens, --quiet only the end: choose one",
    );
  }
  return {
    intervalMs: (o.interval as number | undefined) ?? DEFAULT_INTERVAL_MS,
    timeoutMs: o.timeout as number | undefined,
    failFast: Boolean(o.failFast),
    quiet: Boolean(o.quiet),
    jsonLines: Boolean(o.jsonLines),
  };
}
