import { Command, CommanderError, InvalidArgumentError, Option } from "commander";
import type { GlobalOptions } from "./commands/session.js";
import type { Context } from "./context.js";
import { CliError } from "./errors.js";
import { EXIT_CODE_HELP, ExitCode, type ExitCodeValue } from "./exit-codes.js";
import { sanitizeText } from "./render/sanitize.js";

/**
 * The commander program. Each command only parses its flags and hands a plain options object to a
 * run function in src/commands/ (loaded on demand), which returns an exit code. Every error ends
 * up in `reportError`, the one place that turns errors into a message and an exit code.
 * Nothing here exits the process.
 */

export interface CliInfo {
  version: string;
  /** Path of the bin script, for commands that spawn the CLI again (the demo). */
  binPath: string;
}

const ENVIRONMENT_HELP = `Environment (flags win over these, these over the config file):
  CODEARTS_TOKEN            IAM token, sent as X-Auth-Token
  CLOUD_SDK_AK, CLOUD_SDK_SK  AK/SK request signing (also HUAWEICLOUD_SDK_AK/_SK,
                            HUAWEICLOUD_SDK_SECURITY_TOKEN)
  CODEARTS_DOMAIN, CODEARTS_USERNAME, CODEARTS_PASSWORD  IAM user and password
  CODEARTS_PROJECT_ID       CodeArts project id           CODEARTS_REGION    e.g. cn-north-4
  CODEARTS_ENDPOINT         service base URL              CODEARTS_IAM_ENDPOINT
  CODEARTS_IAM_PROJECT_ID   IAM project id (X-Project-Id) CODEARTS_PROFILE   config profile
  NO_COLOR, FORCE_COLOR     colour off / forced
Secrets are never taken as command-line arguments: use the environment, --token-stdin,
--password-stdin, or a private config file (.codeartsrc).`;

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

function positiveNumber(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new InvalidArgumentError("give a number greater than 0");
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

/** The global options as commander collected them, in the shape the commands take. */
function globalOptions(command: Command): GlobalOptions & { color: boolean } {
  const o = command.optsWithGlobals();
  return {
    config: o.config,
    profile: o.profile,
    region: o.region,
    project: o.project,
    endpoint: o.endpoint,
    iamEndpoint: o.iamEndpoint,
    tokenStdin: Boolean(o.tokenStdin),
    passwordStdin: Boolean(o.passwordStdin),
    requestTimeoutMs: o.requestTimeout,
    debug: Boolean(o.debug),
    color: o.color !== false,
  };
}

export async function runCli(argv: string[], ctx: Context, info: CliInfo): Promise<ExitCodeValue> {
  let exitCode: ExitCodeValue = ExitCode.Ok;
  const debugRequested = argv.includes("--debug");

  const program = new Command("codearts-run")
    .description("What is my CodeArts pipeline run doing, and did it pass?")
    .version(info.version, "-V, --version")
    .option("--config <file>", "read settings from this file instead of searching for .codeartsrc")
    .option(
      "--profile <name>",
      "use this profile of the config file (default: CODEARTS_PROFILE, defaultProfile)",
    )
    .option("--project <id>", "CodeArts project id (default: CODEARTS_PROJECT_ID)")
    .option("--region <region>", "region, e.g. cn-north-4 (default: CODEARTS_REGION)")
    .option("--endpoint <url>", "service base URL instead of the region's (default: CODEARTS_ENDPOINT)")
    .option("--iam-endpoint <url>", "IAM base URL (default: CODEARTS_IAM_ENDPOINT, or the region's)")
    .option("--token-stdin", "read an IAM token from standard input")
    .option("--password-stdin", "read the IAM user's password from standard input")
    .option(
      "--request-timeout <seconds>",
      "give up on one request after this long (default 30)",
      positiveSeconds,
    )
    .option("--debug", "show requests, timings and stack traces on stderr (credentials redacted)")
    .option("--no-color", "never colour the output")
    .exitOverride()
    .configureOutput({
      writeOut: (text) => ctx.io.out.write(text),
      writeErr: (text) => ctx.io.err.write(text),
    })
    .configureHelp({ showGlobalOptions: true })
    .showHelpAfterError("(run with --help for usage)")
    .addHelpText("after", `\n${EXIT_CODE_HELP}\n\n${ENVIRONMENT_HELP}\n`);

  program
    .command("status")
    .description("show a pipeline run (the latest, or --run) and exit with its outcome")
    .argument("<pipeline>", "pipeline id, alias from the config, or name")
    .option("--run <run-id>", "a specific run instead of the latest")
    .option("--json", "print the run document exactly as the API sent it (same as --output json)")
    .addOption(
      new Option("-o, --output <format>", "output format (default: table)").choices([
        "table",
        "json",
        "markdown",
      ]),
    )
    .option("--compact", "show only what did not complete, with its parents")
    .option("--no-steps", "hide steps; show stages and jobs only")
    .addHelpText(
      "after",
      `
Examples:
  codearts-run status web                       # an alias or name
  codearts-run status e5460d1d403146a1935c2d4b68ef506c --json | jq -r .status
  codearts-run status web --run 25adfa6784124cfc9b9274ceaecf9957

${EXIT_CODE_HELP}`,
    )
    .action(async (pipeline: string, _opts, command: Command) => {
      const o = command.opts();
      const { runStatus } = await import("./commands/status.js");
      exitCode = await runStatus(
        {
          ...globalOptions(command),
          pipeline,
          run: o.run,
          output: o.json ? "json" : o.output,
          compact: Boolean(o.compact),
          steps: o.steps !== false,
        },
        ctx,
      );
    });

  const config = program.command("config").description("inspect the settings codearts-run will use");
  config
    .command("show")
    .description("print the effective settings and where each came from (secrets redacted)")
    .option("--json", "print them as JSON")
    .action(async (opts, command: Command) => {
      const { runConfigShow } = await import("./commands/config-show.js");
      exitCode = await runConfigShow({ ...globalOptions(command), json: Boolean(opts.json) }, ctx);
    });

  const auth = program.command("auth").description("check credentials");
  auth
    .command("check")
    .description("make one live call and say which identity and method worked, or why not")
    .action(async (_opts, command: Command) => {
      const { runAuthCheck } = await import("./commands/auth-check.js");
      exitCode = await runAuthCheck(globalOptions(command), ctx);
    });

  program
    .command("simulate")
    .description("serve a local CodeArts simulator on 127.0.0.1 to try codearts-run without a cloud account")
    .option("--port <n>", "port to listen on (0 picks a free one)", port, 8080)
    .option("--host <host>", "loopback address to listen on", "127.0.0.1")
    .option("--speed <factor>", "run the scenarios this many times faster", positiveNumber, 1)
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
