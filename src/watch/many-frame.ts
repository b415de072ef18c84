import { fitLine } from "./terminal.js";

/**
 * The live frame of a several-pipelines watch, within the screen: the table's heading, as many of
 * its rows (or stacked pipelines) as fit whole, "… N more pipelines" for the rest, and the status
 * line. A frame taller than the screen would scroll and garble every redraw.
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
  const [heading = [], ...rest] = entries(table);
  // The first entry (the heading, or a stacked first pipeline), the "more" line and the status line always show.
  const first = heading.slice(0, Math.max(1, rows - 2));
  let room = rows - first.length - 2;
  let shown = 0;
  for (const entry of rest) {
    if (entry.length > room) break;
    room -= entry.length;
    shown += 1;
  }
  const more = `${unicode ? "…" : "..."} ${rest.length - shown} more pipelines`;
  return cut([...first, ...rest.slice(0, shown).flat(), more, status].slice(-rows));
}

/**
 * The table's lines by pipeline: a line and the indented lines under it. A table row is one line;
 * a narrow terminal's stacked table (runs-stack.ts) gives each pipeline several, none shown in part.
 */
function entries(table: readonly string[]): string[][] {
  const grouped: string[][] = [];
  for (const line of table) {
    const last = grouped.at(-1);
    if (last && line.startsWith(" ")) last.push(line);
    else grouped.push([line]);
  }
  return grouped;
}
