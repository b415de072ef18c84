import type { Command } from "commander";
import type { Context } from "../core/context.js";
import type { ExitCodeValue } from "../core/exit-codes.js";
import type { GlobalOptions } from "../session/session.js";
import { globalOptions } from "./option-groups.js";

/**
 * A command is one definition: its name, arguments, flags (its own and shared groups), the checks of
 * which flags go together, and a handler that returns the exit code. src/cli.ts registers the list;
 * nothing else about a command lives outside its file in src/commands/. The shape of wrangler's
 * `createCommand` and gh's `NewCmdX` + `xRun`.
 */

export interface CliInfo {
  version: string;
  /** Path of the bin script, for commands that spawn the CLI again (the demo). */
  binPath: string;
}

/** What a handler is given: the positional arguments, the command's flags and the global settings flags. */
export interface CommandInput {
  args: unknown[];
  /** The command's own flags, as commander parsed them. */
  flags: Record<string, unknown>;
  global: GlobalOptions;
  /** The commander program, for commands that describe it (completion). */
  program: Command;
  info: CliInfo;
}

export interface CommandDefinition {
  /** "status", or "config show" for a subcommand of a group. */
  name: string;
  description: string;
  hidden?: boolean;
  /** Declares the positional arguments and flags on the commander command (use the option groups). */
  declare?: (command: Command) => void;
  /** Text after the flags in `--help`: examples, exit codes. */
  helpAfter?: string;
  /** Checks of which flags go together, run before the handler; each throws a UsageError. */
  checks?: ReadonlyArray<(flags: Record<string, unknown>, args: unknown[]) => void>;
  handler: (input: CommandInput, ctx: Context) => Promise<ExitCodeValue>;
}

export function defineCommand(definition: CommandDefinition): CommandDefinition {
  return definition;
}

/**
 * Adds `definition` to `program` (creating its group, e.g. `config`, when needed); `done` receives
 * the handler's exit code.
 */
export function registerCommand(
  program: Command,
  definition: CommandDefinition,
  ctx: Context,
  info: CliInfo,
  done: (code: ExitCodeValue) => void,
  groups: Readonly<Record<string, string>>,
): void {
  const words = definition.name.split(" ");
  let parent = program;
  for (const word of words.slice(0, -1)) {
    parent =
      parent.commands.find((existing) => existing.name() === word) ??
      parent.command(word).description(groups[word] ?? "");
  }
  const command = parent
    .command(words.at(-1) as string, { hidden: definition.hidden ?? false })
    .description(definition.description);
  definition.declare?.(command);
  if (definition.helpAfter) command.addHelpText("after", definition.helpAfter);
  command.action(async (...received: unknown[]) => {
    // commander passes the arguments, then the options object, then the command itself.
    const self = received.at(-1) as Command;
    const args = received.slice(0, -2);
    const flags = self.opts();
    for (const check of definition.checks ?? []) check(flags, args);
    done(await definition.handler({ args, flags, global: globalOptions(self), program, info }, ctx));
  });
}
