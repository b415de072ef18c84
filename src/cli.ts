import { Command, CommanderError, InvalidArgumentError, Option } from "commander";
import { addReportFlags, registerRunAndStop } from "./cli-run-stop.js";
import type { GlobalOptions } from "./commands/session.js";
import { OUTPUT_FORMATS } from "./config/schema.js";
import type { Context } from "./core/context.js";
import { CliError, UsageError } from "./core/errors.js";
import { EXIT_CODE_HELP, ExitCode, type ExitCodeValue, interruptExitCode } from "./core/exit-codes.js";
import { ENVIRONMENT_HELP } from "./environment-help.js";
import { sanitizeText } from "./text/sanitize.js";
import { cutLongWords } from "./text/shown-input.js";
import { parseDuration } from "./watch/duration.js";
import { DEFAULT_INTERVAL_MS, MIN_INTERVAL_MS } from "./watch/schedule.js";

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

function intervalSeconds(value: string): number {
  const ms = Math.round(Number(value) * 1000);
  if (!Number.isFinite(ms) || ms < MIN_INTERVAL_MS) {
    throw new InvalidArgumentError(`give a number of seconds, at least ${MIN_INTERVAL_MS / 1000}, e.g. 5`);
  }
  return ms;
}

function watchDuration(value: string): number {
  const ms = parseDuration(value);
  if (ms === undefined) throw new InvalidArgumentError("give a duration such as 90s, 30m, 1h or 1h30m");
  return ms;
}

/** The status command's watch flags, checked together; undefined without --watch. */
function watchOptions(o: Record<string, unknown>) {
  const watchOnly = ["interval", "timeout", "failFast", "quiet", "jsonLines"] as const;
  const flag = (name: string) => `--${name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
  if (!o.watch) {
    const stray = watchOnly.find((name) => o[name] !== undefined);
    if (stray) throw new UsageError(`${flag(stray)} only applies to a watch`, `add --watch`);
    return undefined;
  }
  if (o.jsonLines && (o.json || o.output !== undefined)) {
    throw new UsageError("--json-lines cannot be combined with --json or --output", "choose one output");
  }
  return {
    intervalMs: (o.interval as number | undefined) ?? DEFAULT_INTERVAL_MS,
    timeoutMs: o.timeout as number | undefined,
    failFast: Boolean(o.failFast),
    quiet: Boolean(o.quiet),
    jsonLines: Boolean(o.jsonLines),
  };
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
function globalOptions(command: Command): GlobalOptions {
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
    ciIntegration: o.ciIntegration !== false,
  };
}

export async function runCli(argv: string[], injected: Context, info: CliInfo): Promise<ExitCodeValue> {
  const ctx = { ...injected }; // our own: --no-color turns its terminal's colour off (preAction)
  let exitCode: ExitCodeValue = ExitCode.Ok;
  const debugRequested = argv.includes("--debug");

  /** `status web api docs` / `status --all`: one line per pipeline; only some flags apply. */
  async function statusOfMany(pipelines: string[], o: Record<string, unknown>, command: Command) {
    if (o.all && pipelines.length > 0) {
      throw new UsageError("--all cannot be combined with pipeline names", "name pipelines, or use --all");
    }
    const singleRunOnly = [
      "run",
      "compact",
      "web",
      "quiet",
      "jsonLines",
      "summaryFile",
      "junitFile",
    ] as const;
    const stray =
      singleRunOnly.find((name) => o[name] !== undefined) ?? (o.steps === false ? "steps" : undefined);
    const manyFormats = o.watch ? ["table", "json"] : ["table", "json", "markdown"];
    if (stray || (o.output !== undefined && !manyFormats.includes(o.output as string))) {
      const flag = stray
        ? `--${stray === "steps" ? "no-steps" : stray.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`
        : "--output";
      throw new UsageError(
        `${flag} applies to one pipeline's run, not to several`,
        "name one pipeline to use it",
      );
    }
    const watch = watchOptions(o);
    const { runStatusMany } = await import("./commands/status-many.js");
    return runStatusMany(
      {
        ...globalOptions(command),
        pipelines,
        all: Boolean(o.all),
        json: Boolean(o.json) || o.output === "json",
        markdown: o.output === "markdown",
        watch: watch && {
          intervalMs: watch.intervalMs,
          timeoutMs: watch.timeoutMs,
          failFast: watch.failFast,
        },
      },
      ctx,
    );
  }

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
    .option("--no-ci-integration", "no GitHub Actions / GitLab CI annotations, groups or step summary")
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

  const status = program
    .command("status")
    .description(
      "show a pipeline run (the latest, or --run) and exit with its outcome; several pipelines (or --all): one line each",
    )
    .argument("[pipelines...]", "pipeline id, alias from the config, or name; several for one line each")
    .option("--all", "every pipeline of the project, one line each with its latest run")
    .option("--run <run-id>", "a specific run instead of the latest")
    .option("--json", "print the run document exactly as the API sent it (same as --output json)")
    .addOption(new Option("-o, --output <format>", "output format (default: table)").choices(OUTPUT_FORMATS))
    .option("--compact", "show only what did not complete, with its parents")
    .option("--no-steps", "hide steps; show stages and jobs only")
    .option("--web", "print the run's page in CodeArts and open it in a browser when there is one")
    .option("-w, --watch", "follow the run until it ends; the exit code is its outcome")
    .option("--interval <seconds>", "with --watch: seconds between polls (default 3)", intervalSeconds)
    .option(
      "--timeout <duration>",
      "with --watch: stop after this long (e.g. 30m, 1h) with exit 7",
      watchDuration,
    )
    .option(
      "--fail-fast",
      "with --watch: stop with exit 1 as soon as any stage, job or step FAILED (several pipelines: any run)",
    )
    .option(
      "--quiet",
      "with --watch: print nothing until the end (no progress, no retry notes), then the result; errors still go to stderr",
    )
    .option("--json-lines", "with --watch: one JSON event per change on stdout, then an end event");
  addReportFlags(status)
    .addHelpText(
      "after",
      `
Examples:
  codearts-run status web                       # an alias or name
  codearts-run status e5460d1d403146a1935c2d4b68ef506c --json | jq -r .status
  codearts-run status web --run 25adfa6784124cfc9b9274ceaecf9957
  codearts-run status web --watch --timeout 30m   # follow it live; exit 7 if not done in 30 min
  codearts-run status web api docs --watch        # several at once; the exit code is the worst

${EXIT_CODE_HELP}`,
    )
    .action(async (pipelines: string[], _opts, command: Command) => {
      const o = command.opts();
      const [pipeline] = pipelines;
      if (o.all || pipelines.length > 1) {
        exitCode = await statusOfMany(pipelines, o, command);
        return;
      }
      if (pipeline === undefined) {
        throw new UsageError("no pipeline given", "name one (id, alias or name), several, or use --all");
      }
      const { runStatus } = await import("./commands/status.js");
      exitCode = await runStatus(
        {
          ...globalOptions(command),
          pipeline,
          run: o.run,
          output: o.json ? "json" : o.output,
          compact: Boolean(o.compact),
          steps: o.steps !== false,
          web: Boolean(o.web),
          watch: watchOptions(o),
          summaryFile: o.summaryFile,
          junitFile: o.junitFile,
        },
        ctx,
      );
    });

  registerRunAndStop(program, {
    ctx,
    globalOptions,
    watchOptions,
    intervalSeconds,
    watchDuration,
    setExitCode: (code) => {
      exitCode = code;
    },
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
    .command("runs")
    .description("list a pipeline's recent runs, newest first, with the run ids `status --run` takes")
    .argument("<pipeline>", "pipeline id, alias from the config, or name")
    .option("--limit <n>", "how many of the newest runs to show", "20")
    .option("--status <statuses>", "only runs with these statuses, comma-separated, e.g. FAILED,CANCELED")
    .option("--json", "print the runs as a JSON array of the objects the API sent")
    .addHelpText(
      "after",
      `
Examples:
  codearts-run runs web --status FAILED --limit 5
  codearts-run runs web --json | jq -r '.[] | "\\(.run_number) \\(.status)"'

Exits 0 when the runs could be listed, whatever their statuses.`,
    )
    .action(async (pipeline: string, _opts, command: Command) => {
      const o = command.opts();
      const { runRuns } = await import("./commands/runs.js");
      exitCode = await runRuns(
        { ...globalOptions(command), pipeline, limit: o.limit, status: o.status, json: Boolean(o.json) },
        ctx,
      );
    });

  program
    .command("logs")
    .description("print the logs of a run's steps: the failed steps' when the run failed, else every step's")
    .argument("<pipeline>", "pipeline id, alias from the config, or name")
    .option("--run <run-id>", "a specific run instead of the latest")
    .addOption(new Option("--step <step>", "only this step: its id, or its exact name").conflicts("failed"))
    .option("--failed", "only the steps that failed, whatever the run's status")
    .option("--raw", "print the logs exactly as received, escape sequences included")
    .addHelpText(
      "after",
      `
Examples:
  codearts-run logs api                         # why did the latest run fail?
  codearts-run logs api --run 25adfa6784124cfc9b9274ceaecf9957 --step "Run tests"

Exits 0 when the logs could be printed, whatever the run's status.`,
    )
    .action(async (pipeline: string, _opts, command: Command) => {
      const o = command.opts();
      const { runLogs } = await import("./commands/logs.js");
      exitCode = await runLogs(
        {
          ...globalOptions(command),
          pipeline,
          run: o.run,
          step: o.step,
          failed: Boolean(o.failed),
          raw: Boolean(o.raw),
        },
        ctx,
      );
    });

  program
    .command("completion")
    .description("print a shell completion script: commands, flags and the config's pipeline aliases")
    .addArgument(program.createArgument("<shell>", "bash, zsh or fish").choices(["bash", "zsh", "fish"]))
    .addHelpText(
      "after",
      `
Install:
  bash  echo 'source <(codearts-run completion bash)' >> ~/.bashrc
  zsh   echo 'source <(codearts-run completion zsh)' >> ~/.zshrc     # after compinit
  fish  codearts-run completion fish > ~/.config/fish/completions/codearts-run.fish`,
    )
    .action(async (shell: "bash" | "zsh" | "fish") => {
      const { runCompletion } = await import("./commands/completion.js");
      exitCode = runCompletion({ shell, program }, ctx);
    });

  // What the completion scripts call for the pipeline aliases and profiles of the config that applies here.
  program.command("__complete-pipelines", { hidden: true }).action(async (_opts, command: Command) => {
    const { runCompletePipelines } = await import("./commands/completion.js");
    exitCode = await runCompletePipelines(globalOptions(command), ctx);
  });
  program.command("__complete-profiles", { hidden: true }).action(async (_opts, command: Command) => {
    const { runCompleteProfiles } = await import("./commands/completion.js");
    exitCode = await runCompleteProfiles(globalOptions(command), ctx);
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
    const code = reportError(error, ctx, debugRequested);
    return code === ExitCode.Interrupted ? interruptExitCode(ctx.signal) : code;
  }
}
