/**
 * Display width, truncation and wrapping of plain (already sanitised, not yet coloured) text.
 * Widths follow the East Asian Wide/Fullwidth ranges (those of the string-width package), so a CJK
 * pipeline name takes the two columns per character the terminal gives it. The status table's
 * columns are sized with these same widths, so they always line up with what was cut and wrapped.
 */

const COMBINING = /^[\p{Mn}\p{Me}]$/u;
const EMOJI = /^\p{Emoji_Presentation}$/u;

function isWide(codePoint: number): boolean {
  return (
    (codePoint >= 0x1100 && codePoint <= 0x115f) ||
    codePoint === 0x2329 ||
    codePoint === 0x232a ||
    (codePoint >= 0x2e80 && codePoint <= 0x3247 && codePoint !== 0x303f) ||
    (codePoint >= 0x3250 && codePoint <= 0x4dbf) ||
    (codePoint >= 0x4e00 && codePoint <= 0xa4c6) ||
    (codePoint >= 0xa960 && codePoint <= 0xa97c) ||
    (codePoint >= 0xac00 && codePoint <= 0xd7a3) ||
    (codePoint >= 0xf900 && codePoint <= 0xfaff) ||
    (codePoint >= 0xfe10 && codePoint <= 0xfe19) ||
    (codePoint >= 0xfe30 && codePoint <= 0xfe6b) ||
    (codePoint >= 0xff01 && codePoint <= 0xff60) ||
    (codePoint >= 0xffe0 && codePoint <= 0xffe6) ||
    (codePoint >= 0x1b000 && codePoint <= 0x1b001) ||
    (codePoint >= 0x1f200 && codePoint <= 0x1f251) ||
    (codePoint >= 0x20000 && codePoint <= 0x3fffd)
  );
}

/** Combining marks, zero-width spaces and joiners, and variation selectors take no column. */
function isZeroWidth(char: string, codePoint: number): boolean {
  return (
    COMBINING.test(char) ||
    (codePoint >= 0x200b && codePoint <= 0x200f) ||
    (codePoint >= 0xfe00 && codePoint <= 0xfe0f)
  );
}

function charWidth(char: string): number {
  const codePoint = char.codePointAt(0) ?? 0;
  // Latin text, by far the most common, needs none of the Unicode tables below (combining marks start at U+0300).
  if (codePoint < 0x300) return 1;
  if (isZeroWidth(char, codePoint)) return 0;
  return isWide(codePoint) || EMOJI.test(char) ? 2 : 1;
}

export function displayWidth(text: string): number {
  let width = 0;
  // Latin text and the tree's box-drawing characters (U+2500–259F: one column, never emoji) are
  // one column per code unit; the first other character sends the rest through charWidth.
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x300 || (code >= 0x2500 && code <= 0x259f)) width += 1;
    else return width + slowWidth(text.slice(i));
  }
  return width;
}

function slowWidth(text: string): number {
  let width = 0;
  for (const char of text) width += charWidth(char);
  return width;
}

/** The longest prefix of `text` that fits in `width` columns. */
function fittingPrefix(text: string, width: number): string {
  let used = 0;
  let prefix = "";
  for (const char of text) {
    const w = charWidth(char);
    if (used + w > width) break;
    used += w;
    prefix += char;
  }
  return prefix;
}

/** What marks a cut: "…", or "..." for the ASCII fallback. */
export function ellipsisFor(unicode: boolean): string {
  return unicode ? "…" : "...";
}

/** Cuts a single line to `width` columns, marking the cut with `ellipsis`. */
export function truncateToWidth(text: string, width: number, ellipsis: string): string {
  if (displayWidth(text) <= width) return text;
  const room = width - displayWidth(ellipsis);
  return room <= 0 ? fittingPrefix(ellipsis, width) : fittingPrefix(text, room).trimEnd() + ellipsis;
}

/** Splits a word longer than a line into line-sized pieces, in one pass (words can be megabytes). */
function breakWord(word: string, width: number): string[] {
  const pieces: string[] = [];
  let piece = "";
  let used = 0;
  for (const char of word) {
    const w = charWidth(char);
    // At least one character per piece, even if it is wider than the line.
    if (used + w > width && piece !== "") {
      pieces.push(piece);
      piece = "";
      used = 0;
    }
    piece += char;
    used += w;
  }
  pieces.push(piece);
  return pieces;
}

function wrapLine(line: string, width: number): string[] {
  const lines: string[] = [];
  let current = "";
  // Tokens alternate between runs of spaces and words; leading indentation is kept when it fits.
  for (const token of line.match(/ +|[^ ]+/g) ?? []) {
    if (displayWidth(current + token) <= width) {
      current += token;
      continue;
    }
    if (current.trim() !== "") lines.push(current.trimEnd());
    current = "";
    if (token.startsWith(" ")) continue; // the line break replaces the spaces
    const pieces = breakWord(token, width);
    // One at a time: a megabyte word breaks into more pieces than a call can take as arguments.
    for (const piece of pieces.slice(0, -1)) lines.push(piece);
    current = pieces.at(-1) ?? "";
  }
  lines.push(current.trimEnd());
  return lines;
}

/**
 * Wraps text to `width` columns on spaces, breaking words longer than a line (URLs, paths) so
 * nothing is ever cut off. Existing line breaks are kept; trailing blank lines are dropped.
 */
export function wrapToWidth(text: string, width: number): string[] {
  return text
    .trimEnd()
    .split("\n")
    .flatMap((line) => wrapLine(line.trimEnd(), Math.max(1, width)));
}
