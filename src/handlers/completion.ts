import type { Command } from "commander";
import { completionScript, type Shell } from "../completion/scripts.js";
import { completionSpec } from "../completion/spec.js";
import type { Context } from "../core/context.js";
import { ExitCode, type ExitCodeValue } from "../core/exit-codes.js";
import { type GlobalOptions, loadSettings } from "../session/session.js";

/** `codearts-run completion bash|zsh|fish`: prints the script; the program describes itself. */
export function runCompletion(options: { shell: Shell; program: Command }, ctx: Context): ExitCodeValue {
  ctx.io.out.write(completionScript(options.shell, completionSpec(options.program)));
  return ExitCode.Ok;
}

/** Alias names a shell can take as one word; anything else is left out rather than mangled. */
const COMPLETABLE = /^[\p{L}\p{N}._-]+$/u;

/**
 * The config that applies here, read for completion: pressing Tab never runs a JavaScript config
 * (even one named with --config), and a bad setting is set aside (a wrong region must not stop
 * aliases from completing).
 */
function settingsForCompletion(options: GlobalOptions, ctx: Context) {
  return loadSettings(options, ctx, { allowCode: false, problems: [] });
}

function printNames(names: readonly string[], ctx: Context): void {
  const completable = names.filter((name) => COMPLETABLE.test(name)).sort();
  if (completable.length > 0) ctx.io.out.write(`${completable.join("\n")}\n`);
}

/**
 * The hidden commands the scripts call: the pipeline aliases (of the --profile typed, if any) or
 * the profiles of the config that applies here, one a line. A config that cannot be read completes
 * nothing rather than printing errors into the prompt; the user sees its problem when they run a
 * real command.
 */
export async function runCompletePipelines(options: GlobalOptions, ctx: Context): Promise<ExitCodeValue> {
  try {
    printNames(Object.keys((await settingsForCompletion(options, ctx)).pipelines), ctx);
  } catch {
    // Nothing to complete.
  }
  return ExitCode.Ok;
}

export async function runCompleteProfiles(options: GlobalOptions, ctx: Context): Promise<ExitCodeValue> {
  try {
    printNames((await settingsForCompletion(options, ctx)).availableProfiles ?? [], ctx);
  } catch {
    // Nothing to complete.
  }
  return ExitCode.Ok;
}
