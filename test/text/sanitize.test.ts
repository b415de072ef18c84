import { describe, expect, test } from "vitest";
import { sanitizeText } from "../../src/text/sanitize.js";

const ESC = "\u001b";
const BEL = "\u0007";

describe("sanitizeText removes what could drive a terminal", () => {
  test.each([
    ["CSI colour", `a${ESC}[31mred${ESC}[0m b`, "ared b"],
    ["CSI cursor and erase", `${ESC}[2J${ESC}[1;1H${ESC}[?25lok`, "ok"],
    ["OSC title (BEL)", `${ESC}]0;pwned${BEL}title`, "title"],
    ["OSC 8 hyperlink (ESC \\)", `${ESC}]8;;https://evil.example${ESC}\\click${ESC}]8;;${ESC}\\`, "click"],
    ["OSC 8 hyperlink (BEL)", `${ESC}]8;;https://evil.example${BEL}click${ESC}]8;;${BEL}`, "click"],
    ["OSC 8 hyperlink (C1 ST)", `${ESC}]8;;https://evil.example\u009cclick${ESC}]8;;\u009c`, "click"],
    ["OSC never terminated", `a${ESC}]0;never ends`, "a"],
    ["DCS", `a${ESC}P1$r0m${ESC}\\b`, "ab"],
    ["APC / PM / SOS", `a${ESC}_x${ESC}\\${ESC}^y${ESC}\\${ESC}Xz${ESC}\\b`, "ab"],
    ["8-bit CSI", "a\u009b31mb", "ab"],
    ["8-bit OSC", "a\u009d0;title\u009cb", "ab"],
    ["8-bit DCS", "a\u0090q#0;2\u009cb", "ab"],
    ["lone C1 controls (NEL, IND, CSI without parameters)", "x\u0085y\u0084z", "xyz"],
    ["two-character escapes", `a${ESC}cb${ESC}7c`, "abc"],
    ["a bare CR that would overwrite the line", "50%\rDONE", "50%DONE"],
    ["backspaces that would erase", "rm -rf /\b\b\b\b\b\b\b\bls", "rm -rf /ls"],
    ["BEL and other C0", "a\u0007b\u0000c\u001fd\u007fe", "abcde"],
    ["bidi embeddings and overrides", "\u202a\u202b\u202c\u202d\u202eexe.txt", "exe.txt"],
    ["bidi isolates and marks", "\u2066\u2067\u2068\u2069\u200e\u200f\u061cok", "ok"],
    ["an escape hidden behind another", `${ESC}${ESC}[31mx`, "[31mx"],
  ])("%s", (_name, input, expected) => {
    expect(sanitizeText(input)).toBe(expected);
  });

  test("tabs become spaces; newlines only when asked, CR LF and U+2028/9 count as newlines", () => {
    expect(sanitizeText("a\tb")).toBe("a  b");
    expect(sanitizeText("l1\r\nl2\u2028l3\u2029l4")).toBe("l1 l2 l3 l4");
    expect(sanitizeText("l1\r\nl2\u2028l3\n\nl4", { keepNewlines: true })).toBe("l1\nl2\nl3\n\nl4");
  });

  test("ordinary text, CJK and emoji pass unchanged", () => {
    expect(sanitizeText("构建 Build ✓ 🚀 naïve [x] <y> `z`")).toBe("构建 Build ✓ 🚀 naïve [x] <y> `z`");
  });
});
