import type { ChalkInstance } from "chalk";
import { type StatusKind, statusKind } from "../model/status.js";
import { sanitizeText } from "../text/sanitize.js";
import { ellipsisFor, truncateToWidth } from "../text/text-width.js";

/** How each kind of status looks: a symbol (with an ASCII fallback) and a colour. */

const SYMBOLS: Readonly<Record<StatusKind, { unicode: string; ascii: string }>> = {
  success: { unicode: "✓", ascii: "+" },
  failed: { unicode: "✗", ascii: "x" },
  running: { unicode: "●", ascii: "*" },
  waiting: { unicode: "‖", ascii: "=" },
  pending: { unicode: "○", ascii: "." },
  canceled: { unicode: "⊘", ascii: "/" },
  skipped: { unicode: "»", ascii: "-" },
  unknown: { unicode: "?", ascii: "?" },
};

/** A status the server invents can be any length; past this it is cut so the table keeps its shape. */
const MAX_STATUS_WIDTH = 20;

export type Paint = (text: string) => string;

export function statusPaint(kind: StatusKind, chalk: ChalkInstance): Paint {
  switch (kind) {
    case "success":
      return chalk.green;
    case "failed":
      return chalk.red.bold;
    case "running":
      return chalk.yellow;
    case "waiting":
      return chalk.magenta;
    case "pending":
    case "canceled":
    case "skipped":
      return chalk.gray;
    case "unknown":
      // New statuses appear over time: shown verbatim, in the terminal's own colour.
      return (text) => text;
  }
}

/** "✓ COMPLETED", "x FAILED", "? SOMETHING_NEW" — uncoloured, safe to print. */
export function statusLabel(status: string, unicode: boolean): string {
  const symbol = SYMBOLS[statusKind(status)][unicode ? "unicode" : "ascii"];
  const word = truncateToWidth(sanitizeText(status) || "UNKNOWN", MAX_STATUS_WIDTH, ellipsisFor(unicode));
  return `${symbol} ${word}`;
}
