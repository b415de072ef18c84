import { readFileSync } from "node:fs";
import { normaliseRun, type RunView } from "../../src/model/run.js";

export function loadDocument(name: string): Record<string, unknown> {
  return JSON.parse(readFileSync(new URL(`../fixtures/${name}`, import.meta.url), "utf8"));
}

export function loadRun(name: string): RunView {
  return normaliseRun(loadDocument(name));
}

/** The reference page's example run started at 2023-01-20T09:33:17Z; "now" is 3m 10s later. */
export const EXAMPLE_NOW = 1674207197000 + 190_000;
/** The rich run started at 2026-01-01T00:00:00Z; the server answered at +20m, the local clock says +21m 30s. */
export const RICH_START = Date.UTC(2026, 0, 1);
export const RICH_NOW = RICH_START + 21.5 * 60_000;

/**
 * Expected output as a raw block: backslashes are literal (the ASCII tree's `\-`), and the newline
 * right after the opening backtick is dropped so the first line starts flush left.
 */
export function block(strings: TemplateStringsArray): string {
  return strings.raw.join("").replace(/^\n/, "");
}

/** SGR colour codes made readable in expectations: "\u001b[31m" → "{31}". Exact, one to one. */
export function showSgr(text: string): string {
  return text.replace(/\u001b\[(\d+)m/g, "{$1}");
}
