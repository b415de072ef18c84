import { SETTINGS } from "./config/setting-table.js";

/**
 * The environment block of `--help`, from the settings table: each setting under its preferred
 * variable, its other names after the description, every description starting in one column and
 * wrapped to 80 columns (help is read on any terminal; commander does not wrap this block).
 */

const WIDTH = 80;
const NAME_COLUMN = 2;
const TEXT_COLUMN = 28;

function entries(): Array<readonly [string, string]> {
  const rows = SETTINGS.filter((row) => row.env.length > 0).map((row) => {
    const [name = "", ...others] = row.env;
    const also = others.length > 0 ? `; also ${others.join(", ")}` : "";
    return [name, `${row.description}${row.secret ? " (secret)" : ""}${also}`] as const;
  });
  return [...rows, ["NO_COLOR", "colour off; FORCE_COLOR forces it on"]];
}

/** `text` in lines of at most `room` characters, broken between words. */
function wrap(text: string, room: number): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(" ")) {
    if (line !== "" && line.length + 1 + word.length > room) {
      lines.push(line);
      line = word;
    } else line = line === "" ? word : `${line} ${word}`;
  }
  return line === "" ? lines : [...lines, line];
}

function entry([name, text]: readonly [string, string]): string {
  const indent = " ".repeat(TEXT_COLUMN);
  const [first = "", ...rest] = wrap(text, WIDTH - TEXT_COLUMN);
  const head = " ".repeat(NAME_COLUMN) + name;
  // A name too long for its column puts the description on the next line.
  const lines =
    head.length + 2 <= TEXT_COLUMN
      ? [head.padEnd(TEXT_COLUMN) + first, ...rest.map((line) => indent + line)]
      : [head, ...[first, ...rest].map((line) => indent + line)];
  return lines.join("\n");
}

export const ENVIRONMENT_HELP = `Environment (flags win over these, these over the config file):
${entries().map(entry).join("\n")}
Secrets are never taken as command-line arguments: use the environment, --token-stdin,
--password-stdin, or a private config file (.codeartsrc).`;
