import {
  detectTerminal,
  type Terminal,
  type TerminalDevice,
  type TerminalValues,
  terminal,
} from "../../src/core/terminal.js";
import type { Emulator } from "./emulator.js";

/**
 * Terminals for in-process tests, with the values a test wants rather than what this process has.
 * `testTerminal()` is a pipe: no colour, no width, ISO times, no live view, no spinner.
 */
export function testTerminal(values: Partial<TerminalValues> = {}): Terminal {
  return terminal({
    colorLevel: 0,
    unicode: true,
    width: () => undefined,
    rows: () => undefined,
    timeStyle: "iso",
    interactive: false,
    canPrompt: false,
    ci: false,
    live: false,
    spinner: false,
    ...values,
  });
}

/** A person's terminal: `columns` × `rows`, live views and spinners on. */
export function ttyTerminal(columns: number, rows: number, values: Partial<TerminalValues> = {}): Terminal {
  return testTerminal({
    width: () => columns,
    rows: () => rows,
    timeStyle: "relative",
    interactive: true,
    live: true,
    spinner: true,
    ...values,
  });
}

/**
 * The terminal an Emulator shows: its size as it is now, and `resize` resizes the emulator and
 * tells the listeners, as SIGWINCH would.
 */
export function emulatorTerminal(
  emulator: Emulator,
  values: Partial<TerminalValues> = {},
): { terminal: Terminal; resize: (columns: number, rows: number) => void; listeners: Set<() => void> } {
  const listeners = new Set<() => void>();
  return {
    terminal: ttyTerminal(0, 0, {
      width: () => emulator.columns,
      rows: () => emulator.rows,
      onResize: (listener) => {
        listeners.add(listener);
        return () => listeners.delete(listener);
      },
      ...values,
    }),
    resize: (columns, rows) => {
      emulator.resize(columns, rows);
      for (const listener of listeners) listener();
    },
    listeners,
  };
}

/** A terminal (stdout and stderr TTYs, `columns` wide) as the environment describes it: LANG, CI, NO_COLOR… */
export function detectedTerminal(
  env: Readonly<Record<string, string | undefined>>,
  device: Partial<TerminalDevice> = {},
): Terminal {
  return detectTerminal(env, {
    stdinIsTTY: false,
    stdoutIsTTY: true,
    stderrIsTTY: true,
    columns: () => 80,
    rows: () => 24,
    ...device,
  });
}
