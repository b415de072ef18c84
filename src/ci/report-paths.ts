import { access } from "node:fs/promises";
import { dirname, resolve } from "node:path";
import type { Context } from "../core/context.js";
import { UsageError } from "../core/errors.js";
import { detectCi } from "./environment.js";

/** The report options, checked before any request; kept apart from report.ts so `status --json` loads no renderer. */

export interface ReportOptions {
  summaryFile?: string;
  junitFile?: string;
  /** False with --no-ci-integration. */
  ciIntegration?: boolean;
}

export function reportPath(path: string, ctx: Pick<Context, "cwd">): string {
  return resolve(ctx.cwd, path);
}

/** Refuses a report path whose folder does not exist, before any request (and before starting a run). */
export async function checkReportPaths(options: ReportOptions, ctx: Pick<Context, "cwd">): Promise<void> {
  for (const [flag, path] of [
    ["--summary-file", options.summaryFile],
    ["--junit-file", options.junitFile],
  ] as const) {
    if (path === undefined) continue;
    const folder = dirname(reportPath(path, ctx));
    try {
      await access(folder);
    } catch {
      throw new UsageError(
        `${flag} ${path}: the folder ${folder} does not exist`,
        "create it first, or write the file elsewhere",
      );
    }
  }
}

/** Whether a run seen by a command leaves anything for the CI system (report.ts does it). */
export function wantsReport(options: ReportOptions, ctx: Pick<Context, "env">): boolean {
  return (
    options.summaryFile !== undefined ||
    options.junitFile !== undefined ||
    detectCi(ctx.env, options.ciIntegration !== false) === "github"
  );
}
