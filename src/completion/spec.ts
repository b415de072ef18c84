import type { Command, Help, Option } from "commander";
import { KNOWN_RUN_STATUSES } from "../model/status.js";

/**
 * What shell completion needs to know about the program, read from the commander program itself so
 * the scripts never fall behind a new command or flag.
 */

export interface OptionSpec {
  /** "--run", or "-o" and "--output". */
  names: string[];
  takesValue: boolean;
  /**
   * A value from a fixed list (`--output table|json|markdown`); "files" for a path; "profiles" for
   * the config's profiles, asked for at completion time.
   */
  values: string[] | "files" | "profiles";
  /** The value is a comma-separated list of `values` (`--status FAILED,CANCELED`). */
  commaSeparated?: boolean;
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
  /** The argument may be given several times (`status web api docs`): each one is completed. */
  variadic?: boolean;
}

export interface CompletionSpec {
  program: string;
  /** Options every command accepts. */
  globalOptions: OptionSpec[];
  /** Every command, the program itself first. */
  commands: CommandSpec[];
}

/** Values commander does not know: a file, the config's profiles, a list of run statuses. */
const VALUES_OF: Readonly<Record<string, Pick<OptionSpec, "values" | "commaSeparated">>> = {
  "--config": { values: "files" },
  "--profile": { values: "profiles" },
  "--status": { values: [...KNOWN_RUN_STATUSES], commaSeparated: true },
};

function optionSpec(option: Option): OptionSpec {
  const names = [option.short, option.long].filter((name): name is string => name !== undefined);
  const takesValue = option.required || option.optional;
  const known = option.long === undefined ? undefined : VALUES_OF[option.long];
  return {
    names,
    takesValue,
    ...(known ?? { values: option.argChoices ?? [] }),
    description: option.description,
  };
}

function commandSpec(command: Command, path: string[], help: Help, global: Set<Option>): CommandSpec[] {
  const subcommands = help.visibleCommands(command).filter((sub) => sub.name() !== "help");
  const first = command.registeredArguments[0];
  // `<pipeline>` or, for status, `[pipelines...]`: completed with the config's aliases.
  const argument = first?.name().startsWith("pipeline") ? "pipeline" : first?.argChoices;
  const variadic = argument !== undefined && first?.variadic === true;
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
      ...(variadic ? { variadic } : {}),
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
