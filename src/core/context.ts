import type { Terminal } from "./terminal.js";

/**
 * Everything a command needs from the outside world, passed in rather than read from
 * `process`, so tests can inject streams, terminal, environment, clock and sleep.
 * Only the entry point (src/main.ts) builds a Context from the real process.
 */
export interface OutputStream {
  write(chunk: string | Uint8Array): boolean;
}

export interface Io {
  out: OutputStream;
  err: OutputStream;
}

export type Env = Readonly<Record<string, string | undefined>>;

export interface Input {
  /** Reads all of standard input as text (for --token-stdin / --password-stdin). */
  readAll: () => Promise<string>;
  /** Reads one line typed at the terminal (for a confirmation); undefined at end of input. */
  readLine?: () => Promise<string | undefined>;
}

export interface Context {
  io: Io;
  /** What the terminal can do (colour, Unicode, width, live views, spinner), decided once at start. */
  terminal: Terminal;
  stdin: Input;
  env: Env;
  cwd: string;
  /** Milliseconds since the epoch. */
  now: () => number;
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** A number in [0, 1), for retry jitter. */
  random: () => number;
  /** Aborted when the user interrupts (Ctrl-C, SIGTERM). */
  signal: AbortSignal;
  /** The operating system, for opening a browser. */
  platform: NodeJS.Platform;
  /** Starts a program that outlives us (`--web`'s browser); false when it could not be started. */
  launch: (command: string, args: string[], env: Env) => boolean;
  /** The Node binary running us, for commands that spawn the CLI again (the demo). */
  execPath: string;
}
