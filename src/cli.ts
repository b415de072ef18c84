import { Command, CommanderError, InvalidArgumentError, Option } from "commander";
import type { Context } from "./context.js";
import { CliError } from "./errors.js";
import { EXIT_CODE_HELP, ExitCode, type ExitCodeValue } from "./exit-codes.js";
import { sanitizeText } from "./render/sanitize.js";

/**
 * The commander program. Each command only parses its flags and hands a plain options object to a
 * run function in src/commands/, which returns an exit code. Every error ends up in `reportError`,
 * the one place that turns errors into a message and an exit code. Nothing here exits the process.
 */

export interface CliInfo {
  version: string;
  /** Path of the bin script, for commands that spawn the CLI again (the demo). */
  binPath: string;
}

const ENVIRONMENT_HELP = `Environment:
  CODEARTS_TOKEN        IAM token sent as X-Auth-Token (never taken as a flag)
  CODEARTS_PROJECT_ID   CodeArts project id (like --project)
  CODEARTS_REGION       region, e.g. cn-north-4 (like --region)
  CODEARTS_ENDPOINT     service base URL (like --endpoint)
  NO_COLOR, FORCE_COLOR colour off / forced`;

function positiveSeconds(value: string): number {
  const seconds = Number(value);
  if (!Number.isFinite(seconds) || seconds <= 0) {
    throw new InvalidArgumentError("give a number of seconds greater than 0, e.g. 30");
  }
  return seconds * 1000;
}

function port(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535)
    throw new InvalidArgumentError("give a port from 0 to 65535");
  return n;
}

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

export async function runCli(argv: string[], ctx: Context, info: CliInfo): Promise<ExitCodeValue> {
  let exitCode: ExitCodeValue = ExitCode.Ok;
  const debugRequested = argv.includes("--debug");

  const program = new Command("codearts-run")
    .description("What is my CodeArts pipeline run doing, and did it pass?")
    .version(info.version, "-V, --version")
    .option("--debug", "show requests, timings and stack traces on stderr (credentials redacted)")
    .option("--no-color", "never colour the output")
    .exitOverride()
    .configureOutput({
      writeOut: (text) => ctx.io.out.write(text),
      writeErr: (text) => ctx.io.err.write(text),
    })
    .showHelpAfterError("(run with --help for usage)")
    .addHelpText("after", `\n${EXIT_CODE_HELP}\n\n${ENVIRONMENT_HELP}\n`);

  program
    .command("status")
    .description("show a pipeline run (the latest, or --run) and exit with its outcome")
    .argument("<pipeline>", "pipeline id (32 letters or digits)")
    .option("--run <run-id>", "a specific run instead of the latest")
    .option("--project <id>", "CodeArts project id (default: CODEARTS_PROJECT_ID)")
    .option("--region <region>", "region, e.g. cn-north-4 (default: CODEARTS_REGION)")
    .option("--endpoint <url>", "service base URL instead of the region's (default: CODEARTS_ENDPOINT)")
    .option("--json", "print the run document exactly as the API sent it (same as --output json)")
    .addOption(
      new Option("-o, --output <format>", "output format")
        .choices(["table", "json", "markdown"])
        .default("table"),
    )
    .option("--compact", "show only what did not complete, with its parents")
    .option("--no-steps", "hide steps; show stages and jobs only")
    .option("--request-timeout <seconds>", "give up on one request after this long", positiveSeconds, 30_000)
    .addHelpText(
      "after",
      `
Examples:
  codearts-run status e5460d1d403146a1935c2d4b68ef506c
  codearts-run status e5460d1d403146a1935c2d4b68ef506c --json | jq -r .status
  codearts-run status e5460d1d403146a1935c2d4b68ef506c --run 25adfa6784124cfc9b9274ceaecf9957

${EXIT_CODE_HELP}`,
    )
    .action(async (pipeline: string, _opts, command: Command) => {
      const o = command.optsWithGlobals();
      const { runStatus } = await import("./commands/status.js");
      exitCode = await runStatus(
        {
          pipeline,
          run: o.run,
          project: o.project,
          region: o.region,
          endpoint: o.endpoint,
          output: o.json ? "json" : o.output,
          compact: Boolean(o.compact),
          steps: o.steps !== false,
          color: o.color !== false,
          debug: Boolean(o.debug),
          requestTimeoutMs: o.requestTimeout,
        },
        ctx,
      );
    });

  program
    .command("simulate")
    .description("serve a local CodeArts simulator on 127.0.0.1 to try codearts-run without a cloud account")
    .option("--port <n>", "port to listen on (0 picks a free one)", port, 8080)
    .option("--host <host>", "loopback address to listen on", "127.0.0.1")
    .option("--speed <factor>", "run the scenarios this many times faster", Number, 1)
    .option("--seed <n>", "seed for ids and data", Number)
    .option("--fault <spec...>", "inject faults, e.g. 503, 429:web, slow=2000:api, 503*2")
    .option("--json", "print the connection details as one JSON object")
    .action(async (opts) => {
      const { runSimulate } = await import("./commands/simulate.js");
      exitCode = (await runSimulate(
        {
          port: opts.port,
          host: opts.host,
          json: Boolean(opts.json),
          speed: opts.speed,
          seed: opts.seed,
          faults: opts.fault,
        },
        ctx,
      )) as ExitCodeValue;
    });

  program
    .command("demo")
    .description("start the simulator and follow a pipeline run to its end (what `npm run demo` does)")
    .action(async () => {
      const { runDemo } = await import("./commands/demo.js");
      exitCode = (await runDemo({ binPath: info.binPath }, ctx)) as ExitCodeValue;
    });

  try {
    await program.parseAsync(argv, { from: "user" });
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version end with exit code 0; every other parse failure is a usage error.
      return error.exitCode === 0 ? ExitCode.Ok : ExitCode.Usage;
    }
    return reportError(error, ctx, debugRequested);
  }
}
