import type { Command, Help, Option } from "commander";

/**
 * What shell completion needs to know about the program, read from the commander program itself so
 * the scripts never fall behind a new command or flag.
 */

export interface OptionSpec {
  /** "--run", or "-o" and "--output". */
  names: string[];
  takesValue: boolean;
  /** A value from a fixed list (`--output table|json|markdown`); "files" for a path. */
  values: string[] | "files";
  description: string;
}

export interface CommandSpec {
  /** ["config", "show"]; [] for the program itself. */
  path: string[];
  description: string;
  options: OptionSpec[];
  subcommands: string[];
  /** What the first argument is: a pipeline (completed with the config's aliases) or one of a list. */
  argument?: "pipeline" | string[];
}

export interface CompletionSpec {
  program: string;
  /** Options every command accepts. */
  globalOptions: OptionSpec[];
  /** Every command, the program itself first. */
  commands: CommandSpec[];
}

/** Options whose value is a file name. */
const FILE_OPTIONS = new Set(["--config"]);

function optionSpec(option: Option): OptionSpec {
  const names = [option.short, option.long].filter((name): name is string => name !== undefined);
  const takesValue = option.required || option.optional;
  return {
    names,
    takesValue,
    values: names.some((name) => FILE_OPTIONS.has(name)) ? "files" : (option.argChoices ?? []),
    description: option.description,
  };
}

function commandSpec(command: Command, path: string[], help: Help, global: Set<Option>): CommandSpec[] {
  const subcommands = help.visibleCommands(command).filter((sub) => sub.name() !== "help");
  const first = command.registeredArguments[0];
  // `<pipeline>` or, for status, `[pipelines...]`: completed with the config's aliases.
  const argument = first?.name().startsWith("pipeline") ? "pipeline" : first?.argChoices;
  return [
    {
      path,
      description: command.description(),
      options: help
        .visibleOptions(command)
        .filter((o) => !global.has(o))
        .map(optionSpec),
      subcommands: subcommands.map((sub) => sub.name()),
      ...(argument ? { argument } : {}),
    },
    ...subcommands.flatMap((sub) => commandSpec(sub, [...path, sub.name()], help, global)),
  ];
}

export function completionSpec(program: Command): CompletionSpec {
  const help = program.createHelp();
  // The program's own options work after any command too; --version only right after the name.
  const global = new Set(help.visibleOptions(program).filter((o) => o.long !== "--version"));
  return {
    program: program.name(),
    globalOptions: [...global].map(optionSpec),
    commands: commandSpec(program, [], help, global),
  };
}
