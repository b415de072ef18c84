/**
 * Text from the server is untrusted: a pipeline or step name, an error message or a log line could
 * carry escape sequences that rewrite the terminal, hide text or spoof a link (gh CVE-2026-45803).
 * Every server string passes through here before it reaches a terminal or markdown.
 *
 * Sequences are removed whole (so their parameters do not leak as junk text); whatever is left of a
 * malformed one is harmless text, because the last pass removes every remaining control character.
 */

// String terminators: ESC \ (7-bit) or the C1 ST byte 0x9c. OSC also ends at BEL.
// ESC-introduced: CSI (ESC [ … final), OSC (ESC ] … BEL|ST), DCS/SOS/PM/APC (ESC P|X|^|_ … ST),
// and two-character escapes (ESC + one character).
const ESCAPE_SEQUENCE =
  /\u001b(?:\[[0-?]*[ -/]*[@-~]?|\][^\u0007\u001b\u009c]*(?:\u0007|\u001b\\|\u009c)?|[PX^_][^\u001b\u009c]*(?:\u001b\\|\u009c)?|[\s\S]?)/gu;
// The same sequences introduced by their 8-bit C1 forms: CSI 0x9b, OSC 0x9d, DCS 0x90, SOS 0x98, PM 0x9e, APC 0x9f.
const C1_SEQUENCE =
  /\u009b[0-?]*[ -/]*[@-~]?|\u009d[^\u0007\u001b\u009c]*(?:\u0007|\u001b\\|\u009c)?|[\u0090\u0098\u009e\u009f][^\u001b\u009c]*(?:\u001b\\|\u009c)?/gu;
// Remaining C0 (except tab and newline), DEL, C1, and the bidi controls that reorder what is shown.
const CONTROL_CHARACTER =
  /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/gu;
// Line breaks other than \n: CR LF, and the Unicode line and paragraph separators. A bare CR is a
// control character (it would let text overwrite the start of its own line) and is removed.
const LINE_BREAK = /\r\n|\u2028|\u2029/gu;

// Every character any pass below acts on; text without one (nearly all of it) is returned as is.
const NEEDS_WORK = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2028\u2029\u2066-\u2069]/u;

/** Removes escape sequences and control characters; keeps tabs (as spaces) and, if asked, newlines. */
export function sanitizeText(value: string, options: { keepNewlines?: boolean } = {}): string {
  if (!NEEDS_WORK.test(value)) return value;
  const stripped = value
    .replace(ESCAPE_SEQUENCE, "")
    .replace(C1_SEQUENCE, "")
    .replace(LINE_BREAK, "\n")
    .replace(/\t/g, "  ")
    .replace(CONTROL_CHARACTER, "");
  return options.keepNewlines ? stripped : stripped.replace(/\n+/g, " ");
}
