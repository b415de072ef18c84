/**
 * What bash, zsh and fish really complete for a command line, with the script `codearts-run
 * completion <shell>` prints loaded into the real shell. The command word is `codearts-run`, found
 * on PATH as a link to the built binary, which the scripts run for aliases and profiles.
 */
import { spawnSync } from "node:child_process";
import { mkdtemp, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { BIN } from "./cli.js";

/** The shells with a completion script; each has its test file, completion-<shell>.test.ts. */
export type CompletionShell = "bash" | "zsh" | "fish";

export function shellInstalled(shell: string): boolean {
  return spawnSync(shell, ["-c", "exit 0"]).status === 0;
}

/**
 * zsh completes only in an interactive line editor, so the line is typed into a zsh on a
 * pseudo-terminal (zsh/zpty) with compinit loaded and Tab bound to complete-word. compadd is wrapped
 * to print what the completion system accepted (after its own prefix matching) between two markers.
 */
const ZSH_DRIVER = `zmodload zsh/zpty
zpty z zsh -f -i
zpty -w z "source \${(q)1}"
zpty -r z line '*ready*'
zpty -w z "$2"$'\\t'
integer started=0
while zpty -r z line; do
  if [[ $line == *'<<begin>>'* ]]; then started=1; continue; fi
  if [[ $line == *'<<end>>'* ]]; then break; fi
  (( started )) && print -r -- \${\${line%$'\\n'}%$'\\r'}
done
zpty -d z
`;

function zshSetup(script: string): string {
  return `PROMPT=
autoload -Uz compinit && compinit -u -D
source ${JSON.stringify(script)}
bindkey '^I' complete-word
begin-marker() { print -r -- '<<begin>>' }
end-marker() { print -r -- '<<end>>' }
compprefuncs=( begin-marker )
comppostfuncs=( end-marker exit )
compadd() {
  if [[ \${@[1,(i)(-|--)]} == *-(O|A|D)\\ * ]]; then builtin compadd "$@"; return; fi
  local -a hits
  builtin compadd -A hits "$@"
  (( $#hits )) && print -rl -- $hits
  builtin compadd "$@"
}
print ready
`;
}

export interface Completer {
  /** The candidates the shell offers for `line` (which ends where Tab is pressed), sorted. */
  complete(line: string): string[];
  close(): Promise<void>;
}

/** A completer for `shell` with `script` loaded, run from `cwd`. */
export async function completerFor(shell: CompletionShell, script: string, cwd: string): Promise<Completer> {
  const home = await mkdtemp(join(tmpdir(), `codearts-run-${shell}-`));
  await symlink(BIN, join(home, "codearts-run"));
  const scriptFile = join(home, `codearts-run.${shell}`);
  await writeFile(scriptFile, script);
  await writeFile(join(home, "setup.zsh"), zshSetup(scriptFile));
  await writeFile(join(home, "driver.zsh"), ZSH_DRIVER);
  const env = { PATH: `${home}:${process.env.PATH ?? ""}`, HOME: home, TERM: "dumb" };

  function run(args: string[]): string {
    const result = spawnSync(shell, args, { cwd, env, encoding: "utf8", timeout: 30_000 });
    if (result.status !== 0 || result.stderr !== "") {
      throw new Error(`${shell} ${args.join(" ")}: exit ${result.status}: ${result.stderr}`);
    }
    return result.stdout;
  }

  function bash(line: string): string {
    const words = line.split(" ");
    const quoted = words.map((w) => `'${w.replace(/'/g, `'\\''`)}'`).join(" ");
    return run([
      "--norc",
      "--noprofile",
      "-c",
      `source ${JSON.stringify(scriptFile)}
COMP_WORDS=(${quoted}); COMP_CWORD=${words.length - 1}
_codearts_run
printf '%s\\n' "\${COMPREPLY[@]}"`,
    ]);
  }

  const byShell: Record<CompletionShell, (line: string) => string> = {
    bash,
    zsh: (line) => run(["-f", join(home, "driver.zsh"), join(home, "setup.zsh"), line]),
    // fish prints "candidate<TAB>description".
    fish: (line) =>
      run(["--no-config", "-c", "source $argv[1]; complete -C $argv[2]", scriptFile, line])
        .split("\n")
        .map((entry) => entry.split("\t")[0])
        .join("\n"),
  };
  return {
    complete: (line) =>
      byShell[shell](line)
        .split("\n")
        .filter((candidate) => candidate !== "")
        .sort(),
    close: () => rm(home, { recursive: true, force: true }),
  };
}
