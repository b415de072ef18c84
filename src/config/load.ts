import { readFile, stat } from "node:fs/promises";
import path from "node:path";
import { stripVTControlCharacters } from "node:util";
import type { CosmiconfigResult } from "cosmiconfig";
import type { Env } from "../core/context.js";
import { UsageError } from "../core/errors.js";
import { sanitizeText } from "../text/sanitize.js";
import { mayHoldConfig } from "./probe.js";
import { type ConfigFile, SECRET_KEYS, type SettingProblem, validateConfig } from "./schema.js";

/**
 * Finds and reads the configuration file with cosmiconfig (module name `codearts`): `--config FILE`
 * if given, else the nearest of SEARCH_PLACES from the working directory upward, else the user's
 * config directory ($XDG_CONFIG_HOME/codearts or ~/.config/codearts). Directories are walked here
 * rather than by cosmiconfig so the home and config directories come from the injected env.
 * cosmiconfig itself is loaded only when a file is named or a directory may hold one (probe.ts).
 *
 * Only data formats are searched for: looking at a run from inside a checkout must never run the
 * checkout's code. A JavaScript config runs only when named with `--config` (and `allowCode`), and
 * a data file cannot pull one in through cosmiconfig's `$import` either.
 */

export interface LoadedConfig {
  filepath: string;
  config: ConfigFile;
  /** Set when the file holds a secret and others can read it. */
  permissionWarning?: string;
}

const MODULE_NAME = "codearts";

const SEARCH_PLACES = [
  "package.json",
  ".codeartsrc",
  ".codeartsrc.json",
  ".codeartsrc.yaml",
  ".codeartsrc.yml",
];

/** Extensions cosmiconfig would load by running the file (`.ts` too, when typescript is installed). */
const CODE_EXTENSIONS = [".js", ".mjs", ".cjs", ".ts", ".mts", ".cts"];

const USER_CONFIG_PLACES = ["config", "config.yaml", "config.yml", "config.json"];

export function userConfigDir(env: Env): string | undefined {
  if (env.XDG_CONFIG_HOME) return path.join(env.XDG_CONFIG_HOME, "codearts");
  const home = env.HOME ?? env.USERPROFILE;
  return home ? path.join(home, ".config", "codearts") : undefined;
}

/** The parser's own explanation, without its "YAML Error in <file>:" preamble or code excerpt. */
/**
 * The parser's explanation alone. Its message also quotes the file (a code frame, coloured when the
 * parser thinks the terminal can take it, and "while parsing '<the whole file>'"), and a config
 * file may hold a secret: none of that is shown.
 */
export function parserReason(text: string): string {
  const explanation = stripVTControlCharacters(text)
    .split("\n")
    .map((line) => line.trim())
    .find(
      (line) =>
        line !== "" &&
        !/^(YAML|JSON) Error in /.test(line) &&
        // Code-frame lines: "> 1 | {…", "2 |   token: …", "|   ^", "------^".
        !/^(>\s*)?\d*\s*\|/.test(line) &&
        !/^-+\^/.test(line),
    );
  const reason = explanation?.replace(/ while parsing\b.*$/, "").trim();
  if (!reason) return "the parser gave no reason";
  const clean = sanitizeText(reason);
  return clean.length > 200 ? `${clean.slice(0, 199)}…` : clean;
}

function readFailure(filepath: string, error: unknown): UsageError {
  const code = (error as { code?: string }).code;
  const reason =
    code === "ENOENT"
      ? "no such file"
      : code === "EISDIR"
        ? "it is a directory, not a file"
        : code === "EACCES" || code === "EPERM"
          ? "permission denied"
          : `it is not valid: ${parserReason(error instanceof Error ? error.message : String(error))}`;
  return new UsageError(
    `could not read config file ${filepath}: ${reason}`,
    "fix or remove the file, or name another one with --config",
  );
}

function holdsSecret(config: ConfigFile): boolean {
  const sections = [config, ...Object.values(config.profiles ?? {})];
  return sections.some((section) => Object.keys(section).some((key) => SECRET_KEYS.has(key)));
}

async function permissionWarning(filepath: string, config: ConfigFile): Promise<string | undefined> {
  if (!holdsSecret(config)) return undefined;
  const { mode } = await stat(filepath);
  if ((mode & 0o077) === 0) return undefined;
  return `config file ${filepath} holds a secret and other users can read it; run: chmod 600 ${filepath}`;
}

async function finish(filepath: string, raw: unknown, problems?: SettingProblem[]): Promise<LoadedConfig> {
  const config = validateConfig(raw, filepath, problems);
  return { filepath, config, permissionWarning: await permissionWarning(filepath, config) };
}

/** cosmiconfig (CommonJS, kept outside the bundle): its module.exports is the import's `default`. */
async function loadCosmiconfig() {
  return (await import("cosmiconfig")).default;
}

function refuseCode(filepath: string): never {
  throw new UsageError(
    `config file ${filepath} is JavaScript, which codearts-run runs only when it is named with --config`,
    "use a data file (.codeartsrc as YAML or JSON), or pass --config with that file if you trust its code",
  );
}

/**
 * An explorer that reads only the given places of one directory, with no cache. Unless `allowCode`,
 * every loader that would run a file refuses instead (an `$import` of a .js file included).
 */
async function explorerFor(places: string[], allowCode = false) {
  const { cosmiconfig } = await loadCosmiconfig();
  const refusing = Object.fromEntries(CODE_EXTENSIONS.map((ext) => [ext, refuseCode]));
  return cosmiconfig(MODULE_NAME, {
    searchPlaces: places,
    searchStrategy: "none",
    cache: false,
    ...(allowCode ? {} : { loaders: refusing }),
  });
}

async function loadNamedFile(
  filepath: string,
  allowCode: boolean,
  problems?: SettingProblem[],
): Promise<LoadedConfig> {
  const extension = path.extname(filepath);
  const isCode = CODE_EXTENSIONS.includes(extension);
  if (isCode && !allowCode) refuseCode(filepath);
  try {
    // A file named anything (`--config prod.conf`) is read as YAML, which also covers JSON.
    const known = isCode || [".json", ".yaml", ".yml", ""].includes(extension);
    const raw = known
      ? (await (await explorerFor(SEARCH_PLACES, isCode)).load(filepath))?.config
      : await (await loadCosmiconfig()).defaultLoaders.noExt(filepath, await readFile(filepath, "utf8"));
    return await finish(filepath, raw, problems);
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw readFailure(filepath, error);
  }
}

export async function loadConfig(options: {
  explicitPath?: string;
  cwd: string;
  env: Env;
  /** Whether a JavaScript file named with --config may run; false for completion. Default true. */
  allowCode?: boolean;
  /** Given, a wrong key is recorded here and left out rather than thrown (`config show`). */
  problems?: SettingProblem[];
}): Promise<LoadedConfig | undefined> {
  if (options.explicitPath !== undefined) {
    const filepath = path.resolve(options.cwd, options.explicitPath);
    return loadNamedFile(filepath, options.allowCode ?? true, options.problems);
  }

  const searches: { dir: string; places: string[] }[] = [];
  for (let dir = path.resolve(options.cwd); ; dir = path.dirname(dir)) {
    searches.push({ dir, places: SEARCH_PLACES });
    if (path.dirname(dir) === dir) break;
  }
  const userDir = userConfigDir(options.env);
  if (userDir) searches.push({ dir: userDir, places: USER_CONFIG_PLACES });
  for (const { dir, places } of searches) {
    if (!(await mayHoldConfig(dir, places, MODULE_NAME))) continue;
    let result: CosmiconfigResult;
    try {
      result = await (await explorerFor(places)).search(dir);
    } catch (error) {
      if (error instanceof UsageError) throw error;
      const filepath = (error as { filepath?: string }).filepath ?? dir;
      throw readFailure(filepath, error);
    }
    if (result && !result.isEmpty) return finish(result.filepath, result.config, options.problems);
  }
  return undefined;
}
