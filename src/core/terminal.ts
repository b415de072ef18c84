/**
 * What the terminal can do, decided once at start from the real process (src/main.ts) and handed to
 * every renderer and watch view through the Context. Nothing else in src/ looks at TTY flags, sizes,
 * NO_COLOR, FORCE_COLOR, TERM, the locale or CI: a test builds a Terminal with the values it wants.
 */

export type ColorLevel = 0 | 1 | 2 | 3;

type Env = Readonly<Record<string, string | undefined>>;

export interface Terminal {
  /** Colours stdout may carry: 0 none, 1 basic, 2 256 colours, 3 truecolor. */
  readonly colorLevel: ColorLevel;
  /** Box drawing and status symbols, or their ASCII stand-ins. */
  readonly unicode: boolean;
  /** The width to draw for; undefined when piped (nothing is cut or wrapped for grep). */
  width(): number | undefined;
  /** The screen's height; undefined when piped or not known. */
  rows(): number | undefined;
  /** Relative times ("3m ago") for a person at a terminal, ISO-8601 for pipes and files. */
  readonly timeStyle: "relative" | "iso";
  /** Stdout is a terminal a person reads. */
  readonly interactive: boolean;
  /** Stdin is a terminal: the user can be asked a question. */
  readonly canPrompt: boolean;
  /** A CI system runs us (CI set to anything but "", "false" or "0"): a log is being written. */
  readonly ci: boolean;
  /** A view redrawn in place (the live watch): an interactive terminal that is not CI and not TERM=dumb. */
  readonly live: boolean;
  /** A spinner on stderr: stdout and stderr are terminals, not CI, not TERM=dumb. */
  readonly spinner: boolean;
  /** Calls `listener` whenever the screen is resized; returns how to stop listening. */
  onResize(listener: () => void): () => void;
  /** The same terminal with colour off (`--no-color`, applied once the flags are parsed). */
  withoutColor(): Terminal;
}

/** What the entry point reads off the process: the streams' TTY flags and the screen's size. */
export interface TerminalDevice {
  stdinIsTTY: boolean;
  stdoutIsTTY: boolean;
  stderrIsTTY: boolean;
  /** The columns the terminal reports (0 or undefined when it reports none). */
  columns: () => number | undefined;
  rows: () => number | undefined;
  onResize?: (listener: () => void) => () => void;
}

/** The values a Terminal is made of; `terminal()` adds the behaviour. */
export interface TerminalValues extends Omit<Terminal, "width" | "rows" | "onResize" | "withoutColor"> {
  width: () => number | undefined;
  rows: () => number | undefined;
  onResize?: (listener: () => void) => () => void;
}

export function terminal(values: TerminalValues): Terminal {
  const { onResize } = values;
  return {
    ...values,
    onResize: (listener) => onResize?.(listener) ?? (() => {}),
    withoutColor: () => terminal({ ...values, colorLevel: 0 }),
  };
}

/** FORCE_COLOR as chalk reads it: "" / "true" → 1, "false" / "0" → 0, "1".."3" → that level. */
function forcedColorLevel(value: string): ColorLevel {
  if (value === "" || value === "true") return 1;
  if (value === "false") return 0;
  const level = Number.parseInt(value, 10);
  if (Number.isNaN(level)) return 1;
  return Math.max(0, Math.min(level, 3)) as ColorLevel;
}

function terminalColorLevel(env: Env): ColorLevel {
  const colorTerm = env.COLORTERM?.toLowerCase();
  if (colorTerm === "truecolor" || colorTerm === "24bit") return 3;
  if (env.TERM?.includes("256")) return 2;
  return 1;
}

/**
 * Precedence, most specific first: FORCE_COLOR (set on purpose to colour piped output, e.g. CI logs
 * that render ANSI), then NO_COLOR (a standing user preference), then TERM=dumb, then whether stdout
 * is a terminal. `--no-color` overrides them all (Terminal.withoutColor).
 */
export function decideColorLevel(env: Env, stdoutIsTTY: boolean): ColorLevel {
  if (env.FORCE_COLOR !== undefined) return forcedColorLevel(env.FORCE_COLOR);
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== "") return 0;
  if (env.TERM === "dumb") return 0;
  return stdoutIsTTY ? terminalColorLevel(env) : 0;
}

/**
 * Box-drawing and status symbols need a UTF-8 terminal. The locale decides (LC_ALL, then LC_CTYPE,
 * then LANG, as the C library reads them); with no locale set at all we assume a modern UTF-8
 * terminal (Windows Terminal, for one, sets none).
 */
export function supportsUnicode(env: Env): boolean {
  if (env.TERM === "dumb") return false;
  const locale = env.LC_ALL || env.LC_CTYPE || env.LANG;
  return locale === undefined || locale === "" ? true : /utf-?8/i.test(locale);
}

/**
 * The width to draw for: the terminal's own, or COLUMNS when the user set it to a whole number
 * (also into a pipe); undefined when piped without it, so nothing is cut or wrapped for grep.
 */
export function outputColumns(env: Env, terminalColumns: number | undefined): number | undefined {
  // A terminal that reports no size (0 columns, e.g. a bare pseudo-terminal) counts as none.
  if (terminalColumns) return terminalColumns;
  const asked = env.COLUMNS?.trim() ?? "";
  return /^[1-9]\d{0,4}$/.test(asked) ? Number(asked) : undefined;
}

/** `CI=true` (or any value but "false"/"0"): a log is being written, whatever the terminal says. */
export function isCi(env: Env): boolean {
  const value = env.CI?.trim().toLowerCase();
  return value !== undefined && value !== "" && value !== "false" && value !== "0";
}

/** The terminal as the environment and the streams describe it. */
export function detectTerminal(env: Env, device: TerminalDevice): Terminal {
  const ci = isCi(env);
  const dumb = env.TERM === "dumb";
  return terminal({
    colorLevel: decideColorLevel(env, device.stdoutIsTTY),
    unicode: supportsUnicode(env),
    width: () => outputColumns(env, device.stdoutIsTTY ? device.columns() : undefined),
    rows: () => (device.stdoutIsTTY ? device.rows() || undefined : undefined),
    timeStyle: device.stdoutIsTTY ? "relative" : "iso",
    interactive: device.stdoutIsTTY,
    canPrompt: device.stdinIsTTY,
    ci,
    live: device.stdoutIsTTY && !ci && !dumb,
    spinner: device.stdoutIsTTY && device.stderrIsTTY && !ci && !dumb,
    onResize: device.onResize,
  });
}
