/**
 * Text from the server is untrusted: a pipeline or step name, an error message or a log line could
 * carry escape sequences that rewrite the terminal, hide text or spoof a link (gh CVE-2026-45803).
 * Every server string passes through here before it reaches a terminal or markdown.
 */

// ESC-introduced sequences: CSI (ESC [ … final), OSC (ESC ] … BEL or ESC \), DCS/SOS/PM/APC
// (ESC P|X|^|_ … ESC \), and two-character escapes (ESC + one byte).
const ESCAPE_SEQUENCE =
  /\u001b(?:\[[0-?]*[ -/]*[@-~]?|\][^\u0007\u001b]*(?:\u0007|\u001b\\)?|[PX^_][^\u001b]*(?:\u001b\\)?|[\s\S]?)/g;
// C1 CSI/OSC/DCS introducers used without ESC, with their parameters.
const C1_SEQUENCE =
  /[\u009b][0-?]*[ -/]*[@-~]?|[\u009d\u0090\u0098\u009e\u009f][^\u0007\u009c]*[\u0007\u009c]?/g;
// Remaining C0 (except tab and newline), DEL, C1, and the bidi controls that reorder what is shown.
const CONTROL_CHARACTER =
  /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/** Removes escape sequences and control characters; keeps tabs (as spaces) and, if asked, newlines. */
export function sanitizeText(value: string, options: { keepNewlines?: boolean } = {}): string {
  const stripped = value
    .replace(ESCAPE_SEQUENCE, "")
    .replace(C1_SEQUENCE, "")
    .replace(/\r\n/g, "\n")
    .replace(/\t/g, "  ")
    .replace(CONTROL_CHARACTER, "");
  return options.keepNewlines ? stripped : stripped.replace(/\n+/g, " ");
}
