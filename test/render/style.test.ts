import { describe, expect, test } from "vitest";
import { createChalk, decideColorLevel, supportsUnicode } from "../../src/render/style.js";

describe("decideColorLevel", () => {
  const tty = { isTTY: true, noColorFlag: false };
  const piped = { isTTY: false, noColorFlag: false };

  test.each([
    ["a terminal", { ...tty, env: {} }, 1],
    ["a 256-colour terminal", { ...tty, env: { TERM: "xterm-256color" } }, 2],
    ["a truecolor terminal", { ...tty, env: { COLORTERM: "truecolor", TERM: "xterm-256color" } }, 3],
    ["a pipe", { ...piped, env: {} }, 0],
    ["NO_COLOR on a terminal", { ...tty, env: { NO_COLOR: "1" } }, 0],
    ["an empty NO_COLOR (ignored, as no-color.org says)", { ...tty, env: { NO_COLOR: "" } }, 1],
    ["--no-color", { ...tty, noColorFlag: true, env: {} }, 0],
    ["TERM=dumb", { ...tty, env: { TERM: "dumb" } }, 0],
    ["FORCE_COLOR=0 on a terminal", { ...tty, env: { FORCE_COLOR: "0" } }, 0],
    ["FORCE_COLOR=false", { ...tty, env: { FORCE_COLOR: "false" } }, 0],
    ["FORCE_COLOR=1 into a pipe", { ...piped, env: { FORCE_COLOR: "1" } }, 1],
    ["FORCE_COLOR=2 into a pipe", { ...piped, env: { FORCE_COLOR: "2" } }, 2],
    ["FORCE_COLOR=3 into a pipe", { ...piped, env: { FORCE_COLOR: "3" } }, 3],
    ["FORCE_COLOR=9 (capped)", { ...piped, env: { FORCE_COLOR: "9" } }, 3],
    ["an empty FORCE_COLOR", { ...piped, env: { FORCE_COLOR: "" } }, 1],
    ["FORCE_COLOR=true", { ...piped, env: { FORCE_COLOR: "true" } }, 1],
    ["FORCE_COLOR over NO_COLOR", { ...piped, env: { FORCE_COLOR: "1", NO_COLOR: "1" } }, 1],
    ["FORCE_COLOR over TERM=dumb", { ...piped, env: { FORCE_COLOR: "1", TERM: "dumb" } }, 1],
    ["--no-color over FORCE_COLOR", { ...tty, noColorFlag: true, env: { FORCE_COLOR: "3" } }, 0],
  ])("%s", (_name, input, level) => {
    expect(decideColorLevel(input)).toBe(level);
  });
});

describe("supportsUnicode", () => {
  test.each([
    [{ LANG: "en_US.UTF-8" }, true],
    [{ LANG: "zh_CN.utf8" }, true],
    [{ LANG: "C" }, false],
    [{ LANG: "POSIX" }, false],
    [{ LANG: "en_US.UTF-8", LC_ALL: "C" }, false],
    [{ LANG: "C", LC_CTYPE: "en_US.UTF-8" }, true],
    [{ LANG: "en_US.UTF-8", TERM: "dumb" }, false],
    [{}, true],
  ])("%j → %s", (env, expected) => {
    expect(supportsUnicode(env)).toBe(expected);
  });
});

test("createChalk colours only at the level it is given, whatever the process says", () => {
  expect(createChalk(0).red("x")).toBe("x");
  expect(createChalk(1).red("x")).toBe("\u001b[31mx\u001b[39m");
});
