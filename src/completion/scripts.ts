import type { CommandSpec, CompletionSpec, OptionSpec } from "./spec.js";

/**
 * Completion scripts for bash, zsh and fish, generated from the program's commands and options.
 * Pipeline aliases are asked for at completion time (`codearts-run __complete-pipelines`): the config
 * is found from the working directory upward, so the aliases depend on where the user is, and a
 * script installed once in ~/.bashrc would otherwise go stale.
 */

export type Shell = "bash" | "zsh" | "fish";
export const SHELLS: readonly Shell[] = ["bash", "zsh", "fish"];

/** The hidden command the scripts call for the config's pipeline aliases. */
export const ALIASES_COMMAND = "__complete-pipelines";

/** Marks "complete a file name here" in the candidates bash and zsh get. */
const FILES = "__files__";

/** Every name we put in a script unquoted comes from our own program; this keeps it that way. */
function word(name: string): string {
  if (!/^[\w-]+$/.test(name)) throw new Error(`not a safe completion word: ${name}`);
  return name;
}

function optionsOf(command: CommandSpec, spec: CompletionSpec): OptionSpec[] {
  const seen = new Set<string>();
  return [...command.options, ...spec.globalOptions].filter((option) => {
    const key = option.names.join(" ");
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function allOptions(spec: CompletionSpec): OptionSpec[] {
  return spec.commands.flatMap((command) => optionsOf(command, spec));
}

function printf(words: string[]): string {
  return `printf '%s\\n' ${words.map(word).join(" ")}`;
}

function casePath(command: CommandSpec): string {
  return `"${command.path.join(" ")}"`;
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
    const action =
      option.values === "files" ? `echo ${FILES}` : option.values.length > 0 ? printf(option.values) : "";
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
  const argumentCases = spec.commands.flatMap((c) =>
    c.argument === undefined
      ? []
      : [
          `        ${casePath(c)}) ${c.argument === "pipeline" ? `"$program" ${ALIASES_COMMAND} 2>/dev/null` : printf(c.argument)} ;;`,
        ],
  );
  return `${fn}() {
  local program="$1" cur="$2" cmd="" prev="" word="" value_next="" positionals=0
  shift 2
  for word in "$@"; do
    if [ -n "$value_next" ]; then
      value_next=""
      continue
    fi
    prev="$word"
    case "$word" in
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
    *)
      [ "$positionals" -eq 0 ] || return 0
      case "$cmd" in
${argumentCases.join("\n")}
      esac ;;
  esac
}`;
}

function bashScript(spec: CompletionSpec): string {
  const name = word(spec.program);
  const fn = `_${name.replace(/-/g, "_")}`;
  return `# ${name} completion for bash. Load it with:  source <(${name} completion bash)
${candidatesFunction(spec, `${fn}_candidates`)}

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
${candidatesFunction(spec, `${fn}_candidates`)}

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

/** A fish string: single quotes, with \\ and ' escaped. */
function fishQuote(text: string): string {
  return `'${text.replace(/[\\']/g, (c) => `\\${c}`)}'`;
}

function fishScript(spec: CompletionSpec): string {
  const name = word(spec.program);
  const at = `__${name.replace(/-/g, "_")}_at`;
  const aliases = `__${name.replace(/-/g, "_")}_aliases`;
  const valued = [
    ...new Set(
      allOptions(spec)
        .filter((o) => o.takesValue)
        .flatMap((o) => o.names),
    ),
  ].map(word);
  const paths = spec.commands.filter((c) => c.path.length > 0).map((c) => fishQuote(c.path.join(" ")));
  const lines = [
    `# ${name} completion for fish. Load it with:  ${name} completion fish | source`,
    `# or save it as ~/.config/fish/completions/${name}.fish`,
    `complete -c ${name} -f`,
    "",
    "# True when the command typed so far (options and their values left out) is $argv[1];",
    '# with a second argument "arg", also when no argument of that command is typed yet.',
    `function ${at}`,
    "    set -l path ''",
    "    set -l positionals 0",
    "    set -l skip 0",
    "    for token in (commandline -opc)[2..-1]",
    "        if test $skip -eq 1",
    "            set skip 0",
    "            continue",
    "        end",
    "        switch $token",
    "            case '--*=*'",
    `            case ${valued.join(" ")}`,
    "                set skip 1",
    "            case '-*'",
    "            case '*'",
    '                set -l longer (string trim -- "$path $token")',
    `                if contains -- $longer ${paths.join(" ")}`,
    "                    set path $longer",
    "                else",
    "                    set positionals (math $positionals + 1)",
    "                end",
    "        end",
    "    end",
    '    test "$path" = "$argv[1]"; or return 1',
    "    test (count $argv) -lt 2; or test $positionals -eq 0",
    "end",
    "",
    "# The config's pipeline aliases, from the command being completed (installed or not).",
    `function ${aliases}`,
    "    set -l program (commandline -opc)[1]",
    `    command -q $program; and command $program ${ALIASES_COMMAND} 2>/dev/null`,
    "end",
    "",
  ];
  for (const command of spec.commands) {
    const path = command.path.join(" ");
    const when = `-n ${fishQuote(`${at} ${fishQuote(path)}`)}`;
    const children = spec.commands.filter(
      (c) => c.path.length === command.path.length + 1 && command.path.every((p, i) => c.path[i] === p),
    );
    for (const child of children) {
      lines.push(
        `complete -c ${name} ${when} -a ${word(child.path.at(-1) ?? "")} -d ${fishQuote(child.description)}`,
      );
    }
    const whenArgument = `-n ${fishQuote(`${at} ${fishQuote(path)} arg`)}`;
    if (command.argument === "pipeline") {
      lines.push(`complete -c ${name} ${whenArgument} -a '(${aliases})' -d 'pipeline alias'`);
    } else if (command.argument !== undefined) {
      lines.push(`complete -c ${name} ${whenArgument} -a ${fishQuote(command.argument.map(word).join(" "))}`);
    }
    for (const option of command.options) lines.push(`complete -c ${name} ${when} ${fishOption(option)}`);
  }
  for (const option of spec.globalOptions) lines.push(`complete -c ${name} ${fishOption(option)}`);
  return `${lines.join("\n")}\n`;
}

function fishOption(option: OptionSpec): string {
  const flags = option.names.map((n) =>
    n.startsWith("--") ? `-l ${word(n.slice(2))}` : `-s ${word(n.slice(1))}`,
  );
  const value = !option.takesValue
    ? ""
    : option.values === "files"
      ? " -r -F"
      : option.values.length > 0
        ? ` -x -a ${fishQuote(option.values.map(word).join(" "))}`
        : " -x";
  return `${flags.join(" ")}${value} -d ${fishQuote(option.description)}`;
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
