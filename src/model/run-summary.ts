import { epochMs, type Fields, integer, isFields, text } from "./run.js";

/**
 * A lenient view of one run as the list-runs API sends it (reference §5): fewer fields than the
 * run-detail document, the code source in `build_params`. Like the run model, it never throws on a
 * drifted field; a run without a status reads as "UNKNOWN".
 */

export interface RunSummaryView {
  pipelineId?: string;
  /** Never from the service's run items, which carry no name (reference §7): set by the caller. */
  pipelineName?: string;
  id?: string;
  runNumber?: number;
  status: string;
  triggerType?: string;
  branch?: string;
  tag?: string;
  commitId?: string;
  startTime?: number;
  endTime?: number;
}

export function normaliseRunSummary(run: Fields): RunSummaryView {
  const build = isFields(run.build_params) ? run.build_params : {};
  return {
    pipelineId: text(run.pipeline_id),
    id: text(run.pipeline_run_id),
    runNumber: integer(run.run_number),
    status: text(run.status) ?? "UNKNOWN",
    triggerType: text(run.trigger_type),
    // As in the run header: the branch that was built is the source branch of a merge request.
    branch: text(build.source_branch) ?? text(build.target_branch),
    tag: text(build.tag),
    commitId: text(build.commit_id),
    startTime: epochMs(run.start_time),
    endTime: epochMs(run.end_time),
  };
}
