import { ALIASES_COMMAND, allOptions, optionsOf, PROFILES_COMMAND, word } from "./common.js";
import { fishScript } from "./fish.js";
import type { CommandSpec, CompletionSpec, OptionSpec } from "./spec.js";

/**
 * Completion scripts for bash, zsh and fish, generated from the program's commands and options.
 * Pipeline aliases and profiles are asked for at completion time (`codearts-run __complete-pipelines`,
 * `__complete-profiles`, with the --config and --profile typed on the line): the config is found
 * from the working directory upward, so they depend on where the user is, and a script installed
 * once in ~/.bashrc would otherwise go stale. The fish script is in fish.ts.
 */

export type Shell = "bash" | "zsh" | "fish";
export const SHELLS: readonly Shell[] = ["bash", "zsh", "fish"];

/** Marks "complete a file name here" in the candidates bash and zsh get. */
const FILES = "__files__";

function printf(words: string[]): string {
  return `printf '%s\\n' ${words.map(word).join(" ")}`;
}

function casePath(command: CommandSpec): string {
  return `"${command.path.join(" ")}"`;
}

/**
 * Helpers both bash and zsh run. `ask` calls the program's hidden commands for the config's aliases
 * or profiles with the --config and --profile typed on the line (a leading ~/ expanded, as the shell
 * would when running the command); `list` completes the last item of a comma-separated value.
 */
function helperFunctions(fn: string): string {
  return `${fn}_ask() {
  local program="$1" what="$2" config="$3" profile="$4"
  case "$config" in "~/"*) config="$HOME/\${config#??}" ;; esac
  set -- "$what"
  [ -z "$config" ] || set -- "$@" --config "$config"
  [ -z "$profile" ] || set -- "$@" --profile "$profile"
  "$program" "$@" 2>/dev/null
}

${fn}_list() {
  local cur="$1" chosen="" value=""
  shift
  case "$cur" in *,*) chosen="\${cur%,*}," ;; esac
  for value in "$@"; do printf '%s\\n' "$chosen$value"; done
}`;
}

/** What completes an option's value, as a line of the POSIX function; "" when anything goes. */
function valueAction(option: OptionSpec, fn: string): string {
  if (option.values === "files") return `echo ${FILES}`;
  if (option.values === "profiles") return `${fn}_ask "$program" ${PROFILES_COMMAND} "$config" ""`;
  if (option.values.length === 0) return "";
  return option.commaSeparated
    ? `${fn}_list "$cur" ${option.values.map(word).join(" ")}`
    : printf(option.values);
}

/** What completes a command's argument; a single argument only while none is typed yet. */
function argumentAction(command: CommandSpec, fn: string): string | undefined {
  if (command.argument === undefined) return undefined;
  const action =
    command.argument === "pipeline"
      ? `${fn}_ask "$program" ${ALIASES_COMMAND} "$config" "$profile"`
      : printf(command.argument);
  return command.variadic ? action : `[ "$positionals" -gt 0 ] || ${action}`;
}

/**
 * One POSIX-style function both bash and zsh run: given the program, the word being completed and
 * the words before it, it prints the candidates, one a line (the shell filters them by prefix).
 */
function candidatesFunction(spec: CompletionSpec, fn: string): string {
  const options = allOptions(spec);
  const valued = [...new Set(options.filter((o) => o.takesValue).flatMap((o) => o.names))].map(word);
  const valueCases = new Map<string, string>();
  for (const option of options.filter((o) => o.takesValue)) {
    const action = valueAction(option, fn);
    if (action !== "" && !valueCases.has(option.names.join("|")))
      valueCases.set(option.names.map(word).join("|"), action);
  }
  const paths = spec.commands
    .filter((c) => c.path.length > 0)
    .map((c) => `"${c.path.slice(0, -1).join(" ")}/${c.path.at(-1)}"`);
  const optionCases = spec.commands.map(
    (c) => `    ${casePath(c)}) ${printf(optionsOf(c, spec).flatMap((o) => o.names))} ;;`,
  );
  const subcommandCases = spec.commands
    .filter((c) => c.subcommands.length > 0)
    .map((c) => `    ${casePath(c)}) ${printf(c.subcommands)} ;;`);
  const argumentCases = spec.commands.flatMap((c) => {
    const action = argumentAction(c, fn);
    return action === undefined ? [] : [`    ${casePath(c)}) ${action} ;;`];
  });
  return `${helperFunctions(fn)}

${fn}_candidates() {
  local program="$1" cur="$2" cmd="" prev="" word="" value_next="" positionals=0 config="" profile=""
  shift 2
  for word in "$@"; do
    if [ -n "$value_next" ]; then
      value_next=""
      case "$prev" in
        --config) config="$word" ;;
        --profile) profile="$word" ;;
      esac
      continue
    fi
    prev="$word"
    case "$word" in
      --config=*) config="\${word#--config=}" ;;
      --profile=*) profile="\${word#--profile=}" ;;
      --*=*) ;;
      ${valued.join("|")}) value_next=1 ;;
      -*) ;;
      *)
        case "$cmd/$word" in
          ${paths.join("|")}) cmd="\${cmd:+$cmd }$word" ;;
          *) positionals=$((positionals + 1)) ;;
        esac ;;
    esac
  done
  if [ -n "$value_next" ]; then
    case "$prev" in
${[...valueCases].map(([names, action]) => `      ${names}) ${action} ;;`).join("\n")}
    esac
    return 0
  fi
  case "$cur" in
    -*)
      case "$cmd" in
${optionCases.map((line) => `    ${line}`).join("\n")}
      esac
      return 0 ;;
  esac
  case "$cmd" in
${subcommandCases.join("\n")}
${argumentCases.join("\n")}
  esac
}`;
}

function bashScript(spec: CompletionSpec): string {
  const name = word(spec.program);
  const fn = `_${name.replace(/-/g, "_")}`;
  return `# ${name} completion for bash. Load it with:  source <(${name} completion bash)
${candidatesFunction(spec, fn)}

${fn}() {
  local cur="\${COMP_WORDS[COMP_CWORD]}" candidates
  candidates="$(${fn}_candidates "\${COMP_WORDS[0]}" "$cur" "\${COMP_WORDS[@]:1:COMP_CWORD-1}")"
  if [ "$candidates" = "${FILES}" ]; then
    compopt -o filenames 2>/dev/null
    COMPREPLY=($(compgen -f -- "$cur"))
  else
    local IFS=$'\\n'
    COMPREPLY=($(compgen -W "$candidates" -- "$cur"))
  fi
}
complete -F ${fn} ${name}
`;
}

function zshScript(spec: CompletionSpec): string {
  const name = word(spec.program);
  const fn = `_${name.replace(/-/g, "_")}`;
  return `#compdef ${name}
# ${name} completion for zsh. Load it with:  source <(${name} completion zsh)
# (after compinit), or save it as _${name} in a directory of your $fpath.
${candidatesFunction(spec, fn)}

${fn}() {
  local candidates
  candidates="$(${fn}_candidates "\${words[1]}" "\${words[CURRENT]}" "\${(@)words[2,CURRENT-1]}")"
  if [[ "$candidates" == ${FILES} ]]; then
    _files
  else
    compadd -- \${(f)candidates}
  fi
}
if [[ "\${zsh_eval_context[-1]}" == loadautofunc ]]; then
  ${fn} "$@"
else
  compdef ${fn} ${name}
fi
`;
}

export function completionScript(shell: Shell, spec: CompletionSpec): string {
  switch (shell) {
    case "bash":
      return bashScript(spec);
    case "zsh":
      return zshScript(spec);
    case "fish":
      return fishScript(spec);
  }
}
