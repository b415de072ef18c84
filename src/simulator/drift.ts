/**
 * Rewrites a run-detail document to show every schema drift of reference §6, as some
 * service and SDK versions do. Clients must survive all of it at once.
 */

type Doc = Record<string, unknown>;

function objects(value: unknown): Doc[] {
  return Array.isArray(value) ? value.filter((v): v is Doc => v !== null && typeof v === "object") : [];
}

/** A status value newer than any client; put on an entry step so the run's outcome stays readable. */
export const DRIFT_UNKNOWN_STATUS = "NEW_STATUS";

function driftStep(step: Doc): void {
  step.endpoint_ids = "";
  step.multi_step_editable = false;
  step.daily_build_number = "20250114.3";
  step.step_outputs = { report_url: null };
}

export function applyDrift(document: Doc): Doc {
  const drifted: Doc = structuredClone(document);
  drifted.current_system_time = String(drifted.current_system_time);
  drifted.pause_time = 0;
  drifted.concurrency_strategy = "queue";
  if (Array.isArray(drifted.artifacts))
    drifted.artifacts = objects(drifted.artifacts).map((a) => ({ ...a, md5: null }));
  objects(drifted.stages).forEach((stage, i) => {
    stage.pause_time = 0;
    stage.depends_on = null;
    stage.stage_tags = [];
    for (const step of [...objects(stage.pre), ...objects(stage.post)]) driftStep(step);
    if (i === 0) {
      const entry = objects(stage.pre)[0];
      if (entry) entry.status = DRIFT_UNKNOWN_STATUS;
      stage.post = null;
    }
    objects(stage.jobs).forEach((job, j) => {
      job.async = j % 2 === 0 ? false : "false";
      job.depends_on = null;
      for (const step of objects(job.steps)) driftStep(step);
    });
  });
  return drifted;
}
