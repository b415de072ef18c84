import { describe, expect, test } from "vitest";
import {
  decideColorLevel,
  detectTerminal,
  supportsUnicode,
  type TerminalDevice,
} from "../../src/core/terminal.js";

describe("decideColorLevel", () => {
  test.each([
    ["a terminal", {}, true, 1],
    ["a 256-colour terminal", { TERM: "xterm-256color" }, true, 2],
    ["a truecolor terminal", { COLORTERM: "truecolor", TERM: "xterm-256color" }, true, 3],
    ["a pipe", {}, false, 0],
    ["NO_COLOR on a terminal", { NO_COLOR: "1" }, true, 0],
    ["an empty NO_COLOR (ignored, as no-color.org says)", { NO_COLOR: "" }, true, 1],
    ["TERM=dumb", { TERM: "dumb" }, true, 0],
    ["FORCE_COLOR=0 on a terminal", { FORCE_COLOR: "0" }, true, 0],
    ["FORCE_COLOR=false", { FORCE_COLOR: "false" }, true, 0],
    ["FORCE_COLOR=1 into a pipe", { FORCE_COLOR: "1" }, false, 1],
    ["FORCE_COLOR=2 into a pipe", { FORCE_COLOR: "2" }, false, 2],
    ["FORCE_COLOR=3 into a pipe", { FORCE_COLOR: "3" }, false, 3],
    ["FORCE_COLOR=9 (capped)", { FORCE_COLOR: "9" }, false, 3],
    ["an empty FORCE_COLOR", { FORCE_COLOR: "" }, false, 1],
    ["FORCE_COLOR=true", { FORCE_COLOR: "true" }, false, 1],
    ["FORCE_COLOR over NO_COLOR", { FORCE_COLOR: "1", NO_COLOR: "1" }, false, 1],
    ["FORCE_COLOR over TERM=dumb", { FORCE_COLOR: "1", TERM: "dumb" }, false, 1],
  ])("%s", (_name, env, isTTY, level) => {
    expect(decideColorLevel(env, isTTY)).toBe(level);
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

const TTY: TerminalDevice = {
  stdinIsTTY: true,
  stdoutIsTTY: true,
  stderrIsTTY: true,
  columns: () => 100,
  rows: () => 30,
};
const PIPED: TerminalDevice = {
  stdinIsTTY: false,
  stdoutIsTTY: false,
  stderrIsTTY: false,
  columns: () => undefined,
  rows: () => undefined,
};

/** A bare pseudo-terminal that reports no size. */
const ZERO_SIZED: TerminalDevice = { ...TTY, columns: () => 0, rows: () => 0 };

/** What the terminal decides, as one row of the table below. */
function decisions(env: Record<string, string>, device: TerminalDevice) {
  const t = detectTerminal(env, device);
  return {
    color: t.colorLevel,
    unicode: t.unicode,
    width: t.width(),
    rows: t.rows(),
    time: t.timeStyle,
    live: t.live,
    spinner: t.spinner,
    ci: t.ci,
  };
}

describe("detectTerminal: environment × streams → what is drawn", () => {
  test.each([
    [
      "a person's UTF-8 terminal",
      { LANG: "en_US.UTF-8", TERM: "xterm-256color" },
      TTY,
      {
        color: 2,
        unicode: true,
        width: 100,
        rows: 30,
        time: "relative",
        live: true,
        spinner: true,
        ci: false,
      },
    ],
    [
      "a pipe",
      { LANG: "en_US.UTF-8" },
      PIPED,
      {
        color: 0,
        unicode: true,
        width: undefined,
        rows: undefined,
        time: "iso",
        live: false,
        spinner: false,
        ci: false,
      },
    ],
    [
      "a pipe with COLUMNS set",
      { COLUMNS: "72" },
      PIPED,
      {
        color: 0,
        unicode: true,
        width: 72,
        rows: undefined,
        time: "iso",
        live: false,
        spinner: false,
        ci: false,
      },
    ],
    [
      "a terminal reporting 0 columns: piped width",
      {},
      ZERO_SIZED,
      {
        color: 1,
        unicode: true,
        width: undefined,
        rows: undefined,
        time: "relative",
        live: true,
        spinner: true,
        ci: false,
      },
    ],
    [
      "CI with a pseudo-terminal: a log, no live view, no spinner",
      { CI: "true" },
      TTY,
      {
        color: 1,
        unicode: true,
        width: 100,
        rows: 30,
        time: "relative",
        live: false,
        spinner: false,
        ci: true,
      },
    ],
    [
      "CI=false is not CI",
      { CI: "false" },
      TTY,
      {
        color: 1,
        unicode: true,
        width: 100,
        rows: 30,
        time: "relative",
        live: true,
        spinner: true,
        ci: false,
      },
    ],
    [
      "TERM=dumb: no colour, ASCII, no live view, no spinner",
      { TERM: "dumb", LANG: "en_US.UTF-8" },
      TTY,
      {
        color: 0,
        unicode: false,
        width: 100,
        rows: 30,
        time: "relative",
        live: false,
        spinner: false,
        ci: false,
      },
    ],
    [
      "stdout piped, stderr a terminal: no spinner either",
      { LANG: "C" },
      { ...TTY, stdoutIsTTY: false },
      {
        color: 0,
        unicode: false,
        width: undefined,
        rows: undefined,
        time: "iso",
        live: false,
        spinner: false,
        ci: false,
      },
    ],
    [
      "stderr piped: live view, no spinner",
      { NO_COLOR: "1" },
      { ...TTY, stderrIsTTY: false },
      {
        color: 0,
        unicode: true,
        width: 100,
        rows: 30,
        time: "relative",
        live: true,
        spinner: false,
        ci: false,
      },
    ],
    [
      "FORCE_COLOR into a pipe",
      { FORCE_COLOR: "3" },
      PIPED,
      {
        color: 3,
        unicode: true,
        width: undefined,
        rows: undefined,
        time: "iso",
        live: false,
        spinner: false,
        ci: false,
      },
    ],
  ])("%s", (_name, env, device, expected) => {
    expect(decisions(env, device)).toEqual(expected);
  });

  test("the terminal's own width wins over COLUMNS, and a resize is seen at the next call", () => {
    let columns = 120;
    const t = detectTerminal({ COLUMNS: "40" }, { ...TTY, columns: () => columns });
    expect(t.width()).toBe(120);
    columns = 60;
    expect(t.width()).toBe(60);
  });

  test("withoutColor (--no-color) turns colour off, even FORCE_COLOR's, and nothing else", () => {
    const t = detectTerminal({ FORCE_COLOR: "3" }, TTY).withoutColor();
    expect(t.colorLevel).toBe(0);
    expect({ ...decisions({ FORCE_COLOR: "3" }, TTY), color: 0 }).toEqual({
      color: t.colorLevel,
      unicode: t.unicode,
      width: t.width(),
      rows: t.rows(),
      time: t.timeStyle,
      live: t.live,
      spinner: t.spinner,
      ci: t.ci,
    });
  });

  test("canPrompt follows stdin alone", () => {
    expect(detectTerminal({}, { ...PIPED, stdinIsTTY: true }).canPrompt).toBe(true);
    expect(detectTerminal({}, { ...TTY, stdinIsTTY: false }).canPrompt).toBe(false);
  });

  test("resize listeners reach the device, and a device without resizes is harmless", () => {
    const listeners: Array<() => void> = [];
    const onResize = (listener: () => void) => {
      listeners.push(listener);
      return () => void listeners.pop();
    };
    const t = detectTerminal({}, { ...TTY, onResize });
    let seen = 0;
    const stop = t.onResize(() => {
      seen += 1;
    });
    for (const listener of listeners) listener();
    stop();
    expect(seen).toBe(1);
    expect(listeners).toHaveLength(0);
    expect(() => detectTerminal({}, PIPED).onResize(() => {})()).not.toThrow();
  });
});
