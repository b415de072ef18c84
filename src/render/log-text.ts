import type { ChalkInstance } from "chalk";
import { statusKind } from "../model/status.js";
import { sanitizeText } from "../text/sanitize.js";
import { statusPaint } from "./status-style.js";

/** How `logs` prints: a header line per step, then its log text as it arrives. */

/** "==> Test / Unit tests / Run tests (FAILED)"; `path` is already sanitised. */
export function logHeader(path: string, status: string, chalk: ChalkInstance): string {
  const word = sanitizeText(status) || "UNKNOWN";
  return `${chalk.bold("==>")} ${chalk.bold(path)} ${statusPaint(statusKind(status), chalk)(`(${word})`)}\n`;
}

/**
 * A page of log text for the terminal: escape sequences and control characters removed, lines kept.
 * A sequence cut in two by a page boundary loses its escape character with the first page, so
 * only harmless text of it can reach the terminal.
 */
export function logTextForTerminal(text: string): string {
  return sanitizeText(text, { keepNewlines: true });
}
