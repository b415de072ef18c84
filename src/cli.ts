import { Command, CommanderError } from "commander";
import { type CliInfo, registerCommand } from "./command-kit/define-command.js";
import { addGlobalOptions } from "./command-kit/option-groups.js";
import { COMMANDS, GROUPS } from "./commands/index.js";
import type { Context } from "./core/context.js";
import { CliError } from "./core/errors.js";
import { EXIT_CODE_HELP, ExitCode, type ExitCodeValue, interruptExitCode } from "./core/exit-codes.js";
import { ENVIRONMENT_HELP } from "./environment-help.js";
import { sanitizeText } from "./text/sanitize.js";
import { cutLongWords } from "./text/shown-input.js";

/**
 * The commander program: the global flags, then every command of src/commands/ registered from
 * its definition. Every error ends up in `reportError`, the one place that turns errors into a
 * message and an exit code. Nothing here exits the process.
 */

export type { CliInfo };

function reportError(error: unknown, ctx: Context, debug: boolean): ExitCodeValue {
  if (error instanceof CliError) {
    ctx.io.err.write(`error: ${error.message}\n`);
    if (error.hint) ctx.io.err.write(`hint: ${error.hint}\n`);
    if (debug && error.stack) ctx.io.err.write(`${error.stack}\n`);
    return error.exitCode;
  }
  // A bug of ours: say so plainly, keep the stack for --debug.
  const message = error instanceof Error ? error.message : String(error);
  ctx.io.err.write(`error: unexpected failure: ${sanitizeText(message)}\n`);
  if (debug && error instanceof Error && error.stack) ctx.io.err.write(`${error.stack}\n`);
  else ctx.io.err.write("hint: run again with --debug for details, and report it with that output\n");
  return ExitCode.ApiFailure;
}

/** The program with every command; `done` receives the exit code of the command that ran. */
export function createProgram(ctx: Context, info: CliInfo, done: (code: ExitCodeValue) => void): Command {
  const program = addGlobalOptions(
    new Command("codearts-run")
      .description("What is my CodeArts pipeline run doing, and did it pass?")
      .version(info.version, "-V, --version"),
  )
    .exitOverride()
    .configureOutput({
      writeOut: (text) => ctx.io.out.write(text),
      // Commander quotes what was typed: sanitised, and a pasted megabyte cut, not echoed whole.
      writeErr: (text) => ctx.io.err.write(cutLongWords(sanitizeText(text, { keepNewlines: true }))),
    })
    .configureHelp({ showGlobalOptions: true })
    .showHelpAfterError("(run with --help for usage)")
    .addHelpText("after", `\n${EXIT_CODE_HELP}\n\n${ENVIRONMENT_HELP}\n`)
    .hook("preAction", (_program, action) => {
      if (action.optsWithGlobals().color === false) ctx.terminal = ctx.terminal.withoutColor();
    });
  for (const definition of COMMANDS) registerCommand(program, definition, ctx, info, done, GROUPS);
  return program;
}

export async function runCli(argv: string[], injected: Context, info: CliInfo): Promise<ExitCodeValue> {
  const ctx = { ...injected }; // our own: --no-color turns its terminal's colour off (preAction)
  let exitCode: ExitCodeValue = ExitCode.Ok;
  const program = createProgram(ctx, info, (code) => {
    exitCode = code;
  });
  try {
    await program.parseAsync(argv, { from: "user" });
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version end with exit code 0; every other parse failure is a usage error.
      return error.exitCode === 0 ? ExitCode.Ok : ExitCode.Usage;
    }
    const code = reportError(error, ctx, argv.includes("--debug"));
    return code === ExitCode.Interrupted ? interruptExitCode(ctx.signal) : code;
  }
}
