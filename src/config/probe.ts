import { readFile, stat } from "node:fs/promises";
import path from "node:path";

/**
 * A cheap look, before cosmiconfig (and its YAML and JS loaders) is loaded, at whether a directory
 * could hold a config file at all. Most commands run where there is none, and loading cosmiconfig
 * costs more than the rest of `status --json` put together. The answer errs towards "maybe": on
 * "maybe" cosmiconfig reads the directory exactly as before, so what is found and every error
 * message stay cosmiconfig's.
 */

/** Stat errors cosmiconfig's search also treats as "not here" and moves on. */
const ABSENT_CODES = new Set(["ENOENT", "ENOTDIR", "EACCES"]);

async function mayBeFile(filepath: string): Promise<boolean> {
  try {
    // A directory of that name is skipped by cosmiconfig too (EISDIR).
    return !(await stat(filepath)).isDirectory();
  } catch (error) {
    return !ABSENT_CODES.has((error as { code?: string }).code ?? "");
  }
}

/**
 * A package.json counts only with a `packageProp` key; one that parses as an object without it
 * (the usual case: every Node project has one) is skipped, and anything stranger is left to
 * cosmiconfig to read and report.
 */
async function packageMayHold(filepath: string, packageProp: string): Promise<boolean> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readFile(filepath, "utf8"));
  } catch {
    return true;
  }
  return typeof parsed !== "object" || parsed === null || Object.hasOwn(parsed, packageProp);
}

/** Whether any of `places` in `dir` may hold a config; false means cosmiconfig would find nothing. */
export async function mayHoldConfig(
  dir: string,
  places: readonly string[],
  packageProp: string,
): Promise<boolean> {
  const answers = await Promise.all(
    places.map(async (place) => {
      const filepath = path.join(dir, place);
      if (!(await mayBeFile(filepath))) return false;
      return place === "package.json" ? packageMayHold(filepath, packageProp) : true;
    }),
  );
  return answers.includes(true);
}
