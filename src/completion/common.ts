import type { CommandSpec, CompletionSpec, OptionSpec } from "./spec.js";

/** What the bash, zsh and fish scripts share: the hidden commands they call, and safe words. */

/** The hidden command the scripts call for the config's pipeline aliases. */
export const ALIASES_COMMAND = "__complete-pipelines";
/** The hidden command the scripts call for the config's profiles. */
export const PROFILES_COMMAND = "__complete-profiles";

/** Every name we put in a script unquoted comes from our own program; this keeps it that way. */
export function word(name: string): string {
  if (!/^[\w-]+$/.test(name)) throw new Error(`not a safe completion word: ${name}`);
  return name;
}

export function optionsOf(command: CommandSpec, spec: CompletionSpec): OptionSpec[] {
  const seen = new Set<string>();
  return [...command.options, ...spec.globalOptions].filter((option) => {
    const key = option.names.join(" ");
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

export function allOptions(spec: CompletionSpec): OptionSpec[] {
  return spec.commands.flatMap((command) => optionsOf(command, spec));
}
