import { sanitizeText } from "../text/sanitize.js";

/**
 * GitHub Actions workflow commands (`::error …::`, `::group::`), escaped the way the runner
 * expects (the rules of @actions/core): in the message `%`, CR and LF are percent-encoded; in a
 * property value `:` and `,` are too. Text from the service is sanitised first, so no escape
 * sequence and no stray `::` command can ride along inside it.
 */

export function escapeData(text: string): string {
  return text.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
}

export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, "%3A").replace(/,/g, "%2C");
}

function clean(text: string): string {
  return sanitizeText(text, { keepNewlines: true }).trim();
}

/** One `::error title=…::message` line. */
export function errorAnnotation(title: string, message: string): string {
  return `::error title=${escapeProperty(clean(title))}::${escapeData(clean(message))}\n`;
}

export function groupStart(title: string): string {
  return `::group::${escapeData(clean(title))}\n`;
}

export const GROUP_END = "::endgroup::\n";
