import { fitLine } from "./terminal.js";

/**
 * The live frame of a several-pipelines watch, within the screen: the table's heading, as many of
 * its rows as fit, "… N more pipelines" for the rest, and the status line. A frame taller than the
 * screen would scroll and garble every redraw.
 */
export function fitManyFrame(
  table: readonly string[],
  status: string,
  screen: { columns: number | undefined; rows: number | undefined },
  unicode: boolean,
): string[] {
  const { columns, rows } = screen;
  const cut = (lines: string[]) => lines.map((line) => fitLine(line, columns, unicode));
  const whole = [...table, "", status];
  if (rows === undefined || whole.length <= rows) return cut(whole);
  const [heading = "", ...lines] = table;
  // The heading, the "more" line and the status line take three rows.
  const shown = Math.max(0, rows - 3);
  const more = `${unicode ? "…" : "..."} ${lines.length - shown} more pipelines`;
  return cut([heading, ...lines.slice(0, shown), more, status].slice(-rows));
}
