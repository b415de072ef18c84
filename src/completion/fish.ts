import { ALIASES_COMMAND, allOptions, PROFILES_COMMAND, word } from "./common.js";
import type { CompletionSpec, OptionSpec } from "./spec.js";

/** The fish completion script, generated from the same spec as the bash and zsh ones. */

/** A fish string: single quotes, with \\ and ' escaped. */
function fishQuote(text: string): string {
  return `'${text.replace(/[\\']/g, (c) => `\\${c}`)}'`;
}

/** The helper functions, named after the program (`__codearts_run_at`, …). */
function helpers(prefix: string, valued: string[], paths: string[]): string[] {
  return [
    "# True when the command typed so far (options and their values left out) is $argv[1];",
    '# with a second argument "arg", also when no argument of that command is typed yet.',
    `function ${prefix}_at`,
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
    "# The config's pipeline aliases or profiles ($argv[1] names the hidden command), asked of the",
    "# command being completed with the --config and --profile typed on the line.",
    `function ${prefix}_ask`,
    "    set -l tokens (commandline -opc)",
    "    set -l config",
    "    set -l profile",
    "    set -l next ''",
    "    for token in $tokens[2..-1]",
    "        switch $next",
    "            case --config",
    `                set config --config (string replace -r '^~/' "$HOME/" -- $token)`,
    "            case --profile",
    "                set profile --profile $token",
    "        end",
    '        if test -n "$next"',
    "            set next ''",
    "            continue",
    "        end",
    "        switch $token",
    "            case --config --profile",
    "                set next $token",
    "            case '--config=*'",
    "                set config $token",
    "            case '--profile=*'",
    "                set profile $token",
    "        end",
    "    end",
    `    test "$argv[1]" = ${PROFILES_COMMAND}; and set profile`,
    "    command -q $tokens[1]; and command $tokens[1] $argv[1] $config $profile 2>/dev/null",
    "end",
    "",
    "# $argv, each after the items of a comma-separated value already typed (FAILED,CAN → FAILED,CANCELED).",
    `function ${prefix}_list`,
    "    set -l chosen (string match -r '^.*,' -- (commandline -ct))",
    "    for value in $argv",
    '        echo "$chosen$value"',
    "    end",
    "end",
    "",
  ];
}

function fishOption(option: OptionSpec, prefix: string): string {
  const flags = option.names.map((n) =>
    n.startsWith("--") ? `-l ${word(n.slice(2))}` : `-s ${word(n.slice(1))}`,
  );
  const { values } = option;
  const value = !option.takesValue
    ? ""
    : values === "files"
      ? " -r -F"
      : values === "profiles"
        ? ` -x -a '(${prefix}_ask ${PROFILES_COMMAND})'`
        : values.length === 0
          ? " -x"
          : option.commaSeparated
            ? ` -x -a '(${prefix}_list ${values.map(word).join(" ")})'`
            : ` -x -a ${fishQuote(values.map(word).join(" "))}`;
  return `${flags.join(" ")}${value} -d ${fishQuote(option.description)}`;
}

export function fishScript(spec: CompletionSpec): string {
  const name = word(spec.program);
  const prefix = `__${name.replace(/-/g, "_")}`;
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
    ...helpers(prefix, valued, paths),
  ];
  for (const command of spec.commands) {
    const path = command.path.join(" ");
    const when = `-n ${fishQuote(`${prefix}_at ${fishQuote(path)}`)}`;
    const children = spec.commands.filter(
      (c) => c.path.length === command.path.length + 1 && command.path.every((p, i) => c.path[i] === p),
    );
    for (const child of children) {
      lines.push(
        `complete -c ${name} ${when} -a ${word(child.path.at(-1) ?? "")} -d ${fishQuote(child.description)}`,
      );
    }
    // A single argument only while none is typed; each of several (`status web api`).
    const whenArgument = command.variadic ? when : `-n ${fishQuote(`${prefix}_at ${fishQuote(path)} arg`)}`;
    if (command.argument === "pipeline") {
      lines.push(
        `complete -c ${name} ${whenArgument} -a '(${prefix}_ask ${ALIASES_COMMAND})' -d 'pipeline alias'`,
      );
    } else if (command.argument !== undefined) {
      lines.push(`complete -c ${name} ${whenArgument} -a ${fishQuote(command.argument.map(word).join(" "))}`);
    }
    for (const option of command.options)
      lines.push(`complete -c ${name} ${when} ${fishOption(option, prefix)}`);
  }
  for (const option of spec.globalOptions) lines.push(`complete -c ${name} ${fishOption(option, prefix)}`);
  return `${lines.join("\n")}\n`;
}
