import type { OutputFormat } from "../config/schema.js";
import type { Context } from "../core/context.js";
import type { RunView } from "../model/run.js";
import { statusKind } from "../model/status.js";
import { renderRunJunit, renderRunMarkdown, renderRunTable } from "../render/index.js";
import { renderRunFitted } from "../render/run-fit.js";
import type { RenderOptions } from "../render/run-table.js";
import { sanitizeText } from "../text/sanitize.js";

/**
 * How `status` draws a run as a table, markdown or JUnit. Kept apart from status.ts so that
 * `status --json`, which prints the bytes as received, never loads chalk and the renderers.
 */

export interface ViewOptions {
  compact: boolean;
  steps: boolean;
  /** The live view: fit the table in this many terminal rows. */
  fitRows?: number;
}

function shellWord(word: string): string {
  return /^[\w.-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

function nextCommandsFor(run: RunView, pipelineReference: string): string[] {
  if (statusKind(run.status) !== "failed" || run.id === undefined) return [];
  const pipeline = shellWord(sanitizeText(pipelineReference));
  const runId = sanitizeText(run.id);
  return [
    `codearts-run logs ${pipeline} --run ${runId} --failed`,
    `codearts-run status ${pipeline} --run ${runId} --json`,
  ];
}

export function renderStatus(
  run: RunView,
  output: Exclude<OutputFormat, "json">,
  options: ViewOptions,
  pipelineReference: string,
  ctx: Context,
): string {
  if (output === "markdown") {
    return renderRunMarkdown(run, {
      timeStyle: "iso",
      now: ctx.now(),
      compact: options.compact,
      showSteps: options.steps,
    });
  }
  if (output === "junit") return renderRunJunit(run);
  const { terminal } = ctx;
  const table: RenderOptions = {
    colorLevel: terminal.colorLevel,
    columns: terminal.width(),
    timeStyle: terminal.timeStyle,
    now: ctx.now(),
    unicode: terminal.unicode,
    compact: options.compact,
    showSteps: options.steps,
    nextCommands: nextCommandsFor(run, pipelineReference),
  };
  return options.fitRows === undefined
    ? renderRunTable(run, table)
    : renderRunFitted(run, table, options.fitRows);
}
