/**
 * The settings table of docs/configuration.md, made from src/config/setting-table.ts: the part
 * between `<!-- settings:start -->` and `<!-- settings:end -->`. `npm run docs:settings` writes it;
 * test/docs/settings-table.test.ts fails while the file differs.
 */
import { flagName, SETTINGS } from "../../src/config/setting-table.js";

export const CONFIGURATION_MD = "docs/configuration.md";
const START = "<!-- settings:start -->";
const END = "<!-- settings:end -->";

const code = (text: string) => `\`${text}\``;

function rows(): string[][] {
  return [
    ...SETTINGS.map((row) => [
      code(row.key),
      [flagName(row), ...(row.alsoFlags ?? [])]
        .filter((flag): flag is string => flag !== undefined)
        .map(code)
        .join(", "),
      row.env.map(code).join(", "),
      `${row.description}${row.secret ? " (secret)" : ""}`,
    ]),
    // Not a single value but a map, read by src/config/settings.ts on its own.
    [code("pipelines"), "", "", "aliases: a map of name → pipeline id"],
  ];
}

/** The table as markdown, columns padded so the source reads as a table too. */
export function settingsTable(): string {
  const header = ["config key", "flag", "environment", "meaning"];
  const body = rows();
  const length = (cell: string | undefined) => [...(cell ?? "")].length;
  const widths = header.map((_, column) => Math.max(...[header, ...body].map((row) => length(row[column]))));
  const line = (row: string[]) =>
    `| ${row.map((cell, column) => cell + " ".repeat((widths[column] ?? 0) - length(cell))).join(" | ")} |`;
  return [line(header), line(widths.map((width) => "-".repeat(width))), ...body.map(line)].join("\n");
}

/** `document` with the table between its markers replaced by today's. */
export function withSettingsTable(document: string): string {
  const start = document.indexOf(START);
  const end = document.indexOf(END);
  if (start < 0 || end < start) throw new Error(`${CONFIGURATION_MD} has no ${START} … ${END} markers`);
  return `${document.slice(0, start + START.length)}\n${settingsTable()}\n${document.slice(end)}`;
}
