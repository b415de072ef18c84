import { appendFile, writeFile } from "node:fs/promises";
import type { Context } from "../core/context.js";
import { CliError } from "../core/errors.js";
import { ExitCode } from "../core/exit-codes.js";
import type { RunView, StepView } from "../model/run.js";
import { statusKind } from "../model/status.js";
import { renderRunJunit, renderRunMarkdown } from "../render/index.js";
import { jobLabel, stageLabel, stepLabel } from "../render/run-tree.js";
import { detectCi } from "./environment.js";
import { errorAnnotation } from "./github.js";
import { type ReportOptions, reportPath } from "./report-paths.js";

/**
 * What a command that looked at a run leaves for the CI system beside its normal output:
 * `--summary-file` (the markdown of `-o markdown`), `--junit-file` (the JUnit report), and in
 * GitHub Actions the same markdown appended to $GITHUB_STEP_SUMMARY plus one `::error` annotation
 * per failed step, on stderr so stdout stays the document a script may be reading. GitHub's docs
 * speak of stdout, but the runner reads workflow commands from both streams (its process invoker
 * hands stdout and stderr lines to the same command parser, as the Azure Pipelines agent it grew
 * from does); the same holds for `::group::` lines.
 */

interface FailedStep {
  title: string;
  step: StepView;
}

function failedSteps(run: RunView): FailedStep[] {
  return run.stages.flatMap((stage) => {
    const inStage = (step: StepView, where: string) => ({
      title: `${stageLabel(stage)} / ${where}${stepLabel(step)}`,
      step,
    });
    return [
      ...stage.pre.map((step) => inStage(step, "entry: ")),
      ...stage.jobs.flatMap((job) => job.steps.map((step) => inStage(step, `${jobLabel(job)} / `))),
      ...stage.post.map((step) => inStage(step, "exit: ")),
    ].filter(({ step }) => statusKind(step.status) === "failed");
  });
}

/** One annotation per failed step; a failed run with no failed step still gets one. */
export function annotations(run: RunView, pipeline: string): string {
  const failed = failedSteps(run);
  if (failed.length > 0) {
    return failed.map(({ title, step }) => errorAnnotation(title, step.message ?? `${step.status}`)).join("");
  }
  if (statusKind(run.status) !== "failed") return "";
  const number = run.runNumber === undefined ? "" : ` #${run.runNumber}`;
  return errorAnnotation(`${pipeline}${number}`, `the run ${run.status}`);
}

async function write(flag: string, path: string, text: string, ctx: Pick<Context, "cwd">, append = false) {
  try {
    await (append ? appendFile : writeFile)(reportPath(path, ctx), text);
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? String(error);
    throw new CliError(
      `could not write ${flag} ${path}: ${reason}`,
      ExitCode.Usage,
      "check the path and its permissions",
    );
  }
}

export async function reportRun(
  run: RunView,
  pipeline: string,
  options: ReportOptions,
  ctx: Context,
): Promise<void> {
  const system = detectCi(ctx.env, options.ciIntegration !== false);
  const wantsMarkdown = options.summaryFile !== undefined || system === "github";
  const markdown = wantsMarkdown ? renderRunMarkdown(run, { timeStyle: "iso", now: ctx.now() }) : "";
  if (options.summaryFile !== undefined) await write("--summary-file", options.summaryFile, markdown, ctx);
  if (options.junitFile !== undefined)
    await write("--junit-file", options.junitFile, renderRunJunit(run), ctx);
  if (system !== "github") return;
  const stepSummary = ctx.env.GITHUB_STEP_SUMMARY;
  if (stepSummary) await write("$GITHUB_STEP_SUMMARY", stepSummary, `${markdown}\n`, ctx, true);
  ctx.io.err.write(annotations(run, pipeline));
}
