import type { Command } from "commander";
import { completionScript, type Shell } from "../completion/scripts.js";
import { completionSpec } from "../completion/spec.js";
import type { Context } from "../context.js";
import { ExitCode, type ExitCodeValue } from "../exit-codes.js";
import { type GlobalOptions, loadSettings } from "./session.js";

/** `codearts-run completion bash|zsh|fish`: prints the script; the program describes itself. */
export function runCompletion(options: { shell: Shell; program: Command }, ctx: Context): ExitCodeValue {
  ctx.io.out.write(completionScript(options.shell, completionSpec(options.program)));
  return ExitCode.Ok;
}

/** Alias names a shell can take as one word; anything else is left out rather than mangled. */
const COMPLETABLE = /^[\p{L}\p{N}._-]+$/u;

/**
 * The hidden command the completion scripts call: the pipeline aliases of the config that applies
 * here, one a line. A broken config completes nothing rather than printing errors into the prompt.
 */
export async function runCompletePipelines(options: GlobalOptions, ctx: Context): Promise<ExitCodeValue> {
  try {
    // Pressing Tab must never run code: a JavaScript config is refused even when named.
    const settings = await loadSettings(options, ctx, { allowCode: false });
    const aliases = Object.keys(settings.pipelines).filter((alias) => COMPLETABLE.test(alias));
    if (aliases.length > 0) ctx.io.out.write(`${aliases.sort().join("\n")}\n`);
  } catch {
    // Nothing to complete; the user sees the config's problem when they run a real command.
  }
  return ExitCode.Ok;
}
