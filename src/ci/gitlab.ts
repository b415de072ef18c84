import { sanitizeText } from "../text/sanitize.js";

/**
 * GitLab CI collapsible sections: `section_start:<unix seconds>:<name>[collapsed=true]` …
 * `section_end:<unix seconds>:<name>`, each followed by CR and an erase-line code, as GitLab's
 * job log parser reads them. Section names may only hold letters, digits, `_`, `.` and `-`.
 */

const ERASE_LINE = "\u001b[0K";

function seconds(nowMs: number): number {
  return Math.floor(nowMs / 1000);
}

export function sectionName(text: string): string {
  return text.replace(/[^A-Za-z0-9_.-]/g, "_");
}

export function sectionStart(name: string, header: string, nowMs: number): string {
  const title = sanitizeText(header).replace(/[\r\n]+/g, " ");
  return `${ERASE_LINE}section_start:${seconds(nowMs)}:${sectionName(name)}[collapsed=true]\r${ERASE_LINE}${title}\n`;
}

export function sectionEnd(name: string, nowMs: number): string {
  return `${ERASE_LINE}section_end:${seconds(nowMs)}:${sectionName(name)}\r${ERASE_LINE}\n`;
}
