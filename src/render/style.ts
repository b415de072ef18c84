import { Chalk, type ChalkInstance } from "chalk";

/**
 * Colour and character-set decisions, made once from the IO context and passed down as plain
 * values. Nothing here reads `process`: the caller hands in the environment and the TTY flag.
 */
export type ColorLevel = 0 | 1 | 2 | 3;

type Env = Readonly<Record<string, string | undefined>>;

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
 * Precedence, most specific first: `--no-color`, then FORCE_COLOR (set on purpose to colour piped
 * output, e.g. CI logs that render ANSI), then NO_COLOR (a standing user preference), then
 * TERM=dumb, then whether stdout is a terminal.
 */
export function decideColorLevel(input: { env: Env; isTTY: boolean; noColorFlag: boolean }): ColorLevel {
  const { env, isTTY, noColorFlag } = input;
  if (noColorFlag) return 0;
  if (env.FORCE_COLOR !== undefined) return forcedColorLevel(env.FORCE_COLOR);
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== "") return 0;
  if (env.TERM === "dumb") return 0;
  return isTTY ? terminalColorLevel(env) : 0;
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

/** The one chalk instance a render uses; never chalk's default export, which reads `process`. */
export function createChalk(level: ColorLevel): ChalkInstance {
  return new Chalk({ level });
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
