import { SETTINGS } from "./config/setting-table.js";

/**
 * The environment block of `--help`, from the settings table: one setting per line (its variables
 * together), every description starting in the same column, whatever the longest name.
 */

const VARIABLES: ReadonlyArray<readonly [string, string]> = [
  ...SETTINGS.filter((row) => row.env.length > 0).map(
    (row) => [row.env.join(", "), `${row.description}${row.secret ? " (secret)" : ""}`] as const,
  ),
  ["NO_COLOR, FORCE_COLOR", "colour off / forced"],
];

const width = Math.max(...VARIABLES.map(([name]) => name.length)) + 2;

export const ENVIRONMENT_HELP = `Environment (flags win over these, these over the config file):
${VARIABLES.map(([name, text]) => `  ${name.padEnd(width)}${text}`).join("\n")}
Secrets are never taken as command-line arguments: use the environment, --token-stdin,
--password-stdin, or a private config file (.codeartsrc).`;
