import { sanitizeText } from "./sanitize.js";

/**
 * What the user typed, echoed back in an error: sanitised, and cut when long, saying how long it
 * was, so a pasted megabyte does not flood the terminal with its own echo.
 */

const LONG_WORD = 100;

/**
 * `value` quoted, e.g. `"web"`, or `"e5460d1d4031…" (70000 characters)` when longer than `max`
 * (without the count when the message says the length anyway).
 */
export function quoteInput(value: string, max = 60, options: { sayLength?: boolean } = {}): string {
  const clean = sanitizeText(value);
  const chars = [...clean];
  if (chars.length <= max) return JSON.stringify(clean);
  const cut = JSON.stringify(`${chars.slice(0, max - 1).join("")}…`);
  return options.sayLength === false ? cut : `${cut} (${value.length} characters)`;
}

/** Text that may quote an argument (commander's messages): each very long word is cut. */
export function cutLongWords(text: string): string {
  return text.replace(
    new RegExp(`\\S{${LONG_WORD},}`, "gu"),
    (word) => `${word.slice(0, 60)}… (${word.length} characters)`,
  );
}
