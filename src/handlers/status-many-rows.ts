import type { CodeArtsApi, PipelineSummary } from "../api/codearts.js";
import type { Sourced } from "../config/settings.js";
import { CliError } from "../core/errors.js";
import { ExitCode } from "../core/exit-codes.js";
import type { Fields } from "../model/run.js";
import { normaliseRunSummary, type RunSummaryView } from "../model/run-summary.js";
import {
  allPipelines,
  memoisedLister,
  type PipelineLister,
  resolvePipeline,
} from "../session/resolve-pipeline.js";

/**
 * The rows of `status a b c` / `status --all`, from the latest-status-of-many API, which (reference
 * §7) leaves out every pipeline that never ran and names none of them. So names come from the list
 * API or from what the user typed, and a pipeline missing from the answer is looked up in the
 * project's list: there, it never ran (a neutral row); not there, it does not exist (exit 4).
 */

/** One pipeline the user asked about. */
export interface Target {
  id: string;
  /** The name to show: from the list API, or the alias/name the user typed. */
  name?: string;
}

type Api = Pick<CodeArtsApi, "listPipelines" | "latestStatuses">;

export interface LatestRows {
  rows: RunSummaryView[];
  /** For --json: the service's objects as sent, in the order asked, and a stub for a never-run one. */
  raw: Fields[];
  /** The server's clock when it answered (its Date header), for durations of running runs. */
  serverTime?: number;
}

export class ManyPipelines {
  private readonly lister: PipelineLister;
  private project?: Promise<PipelineSummary[]>;

  constructor(
    private readonly api: Api,
    private readonly projectId: string,
  ) {
    this.lister = memoisedLister(api);
  }

  /** `--all`: every pipeline of the project, named from the list. */
  async everyPipeline(): Promise<Target[]> {
    return (await this.projectPipelines()).map((p) => ({ id: p.id, name: p.name }));
  }

  /** The pipelines as typed (ids, aliases, names), without repeats, in the order given. */
  async resolve(references: string[], aliases: Record<string, Sourced<string>>): Promise<Target[]> {
    const targets: Target[] = [];
    for (const reference of references) {
      const resolved = await resolvePipeline(reference, aliases, this.lister, this.projectId);
      if (targets.some((t) => t.id === resolved.id)) continue;
      targets.push({ id: resolved.id, name: resolved.how === "id" ? undefined : reference });
    }
    return targets;
  }

  /** The latest run of each target, one row each in the order asked. */
  async latest(targets: Target[]): Promise<LatestRows> {
    const answer = await this.api.latestStatuses(
      this.projectId,
      targets.map((t) => t.id),
    );
    const byId = new Map(answer.runs.map((run) => [run.pipeline_id, run]));
    const absent = targets.filter((t) => !byId.has(t.id));
    const unnamed = targets.filter((t) => t.name === undefined);
    const known = absent.length > 0 || unnamed.length > 0 ? await this.projectPipelines() : [];
    const unknown = absent.filter((t) => !known.some((p) => p.id === t.id));
    if (unknown.length > 0) {
      throw new CliError(
        `pipeline ${unknown.map((t) => t.name ?? t.id).join(", ")} not found in project ${this.projectId}`,
        ExitCode.NotFound,
        "check the ids and that you are a member of the project; `codearts-run status --all` lists its pipelines",
      );
    }
    const nameOf = (t: Target) => t.name ?? known.find((p) => p.id === t.id)?.name;
    const rows: RunSummaryView[] = [];
    const raw: Fields[] = [];
    for (const target of targets) {
      const item = byId.get(target.id);
      const pipelineName = nameOf(target);
      if (item === undefined) {
        rows.push({ pipelineId: target.id, pipelineName, status: "NEVER_RUN" });
        raw.push({ pipeline_id: target.id, pipeline_run_id: null, status: null });
      } else {
        rows.push({ ...normaliseRunSummary(item), pipelineId: target.id, pipelineName });
        raw.push(item);
      }
    }
    return { rows, raw, serverTime: answer.serverTime };
  }

  /** The project's pipelines, listed once however often asked. */
  private projectPipelines(): Promise<PipelineSummary[]> {
    this.project ??= allPipelines(this.lister, this.projectId);
    return this.project;
  }
}
