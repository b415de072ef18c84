/**
 * Server text inside markdown (GitHub job summaries, chat): characters that would start emphasis,
 * code, links, tables, strikethrough or math are backslash-escaped, and HTML is neutralised as
 * entities, so a name like `<img src=x>` or `a|b` shows as written. Sanitise first: this does
 * not remove control characters.
 */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/[\\`*_[\]|~$]/g, "\\$&");
}

/** A link only when it is a plain http(s) URL; anything else is shown as escaped text. */
export function markdownLink(url: string): string {
  return /^https?:\/\/[^\s<>`"\\]+$/.test(url) ? `<${url}>` : escapeMarkdown(url);
}

/** A fenced block longer than any backtick run inside it, so the content cannot close it early. */
export function fencedBlock(lines: string[], language: string): string {
  const longestRun = Math.max(
    0,
    ...lines.flatMap((line) => line.match(/`+/g) ?? []).map((run) => run.length),
  );
  const fence = "`".repeat(Math.max(3, longestRun + 1));
  return [`${fence}${language}`, ...lines, fence].join("\n");
}
