import { CliError, UsageError } from "../core/errors.js";
import { ExitCode } from "../core/exit-codes.js";
import type { RunView } from "../model/run.js";
import { sanitizeText } from "../text/sanitize.js";

/**
 * The body of `POST …/pipelines/{pipeline_id}/run` (reference §7; SDK model RunPipelineDTO:
 * sources[{type, params{git_type, git_url, codehub_id, alias, default_branch, endpoint_id,
 * build_params{build_type, target_branch, tag, event_type}}}], description, variables[{name,
 * value}], choose_jobs, choose_stages) from the user's flags and the pipeline's latest run.
 *
 * Assumptions where the pages are silent:
 * - choose_stages / choose_jobs take the stable `identifier` of a stage / job (a run's ids are new
 *   in every run); a name given by the user is turned into it through the latest run.
 * - `--commit` adds `commit_id` to build_params (a field of the run detail's and the YAML-run API's
 *   build_params, not of RunPipelineDTO) beside the branch it is on.
 */

export const MAX_DESCRIPTION_CHARACTERS = 1024;

export interface StartChoices {
  branch?: string;
  tag?: string;
  commit?: string;
  /** The alias (or repository name) of the code source the branch/tag/commit is for. */
  source?: string;
  variables: { name: string; value: string }[];
  stages: string[];
  jobs: string[];
  description?: string;
}

/** The latest run, as read and as sent (its `sources` are copied into the request). */
export interface LatestRun {
  run: RunView;
  document: unknown;
}

export function parseVariable(text: string): { name: string; value: string } {
  const at = text.indexOf("=");
  if (at <= 0) {
    throw new UsageError(
      `--var ${JSON.stringify(sanitizeText(text).slice(0, 60))} is not NAME=VALUE`,
      "write --var NAME=VALUE, e.g. --var env=staging; repeat it for more",
    );
  }
  return { name: text.slice(0, at), value: text.slice(at + 1) };
}

/** Checks what needs no request; throws a UsageError. */
export function checkChoices(choices: StartChoices): void {
  if (choices.branch !== undefined && choices.tag !== undefined) {
    throw new UsageError("--branch and --tag cannot be combined", "a run builds one branch or one tag");
  }
  if (choices.tag !== undefined && choices.commit !== undefined) {
    throw new UsageError(
      "--tag and --commit cannot be combined",
      "give the tag, or the commit with --branch",
    );
  }
  if (choices.source !== undefined && !codeChoice(choices)) {
    throw new UsageError("--source only applies with --branch, --tag or --commit", "add one of them");
  }
  // Counted as the service (Java) counts a string: UTF-16 code units, so an emoji counts twice.
  const length = (choices.description ?? "").length;
  if (length > MAX_DESCRIPTION_CHARACTERS) {
    throw new UsageError(
      `--description is ${length} characters long; CodeArts takes at most ${MAX_DESCRIPTION_CHARACTERS}`,
      "shorten it",
    );
  }
}

function codeChoice(choices: StartChoices): boolean {
  return choices.branch !== undefined || choices.tag !== undefined || choices.commit !== undefined;
}

/** Whether the request needs the pipeline's latest run (its code sources, stage and job names). */
export function needsLatestRun(choices: StartChoices): boolean {
  return codeChoice(choices) || choices.stages.length > 0 || choices.jobs.length > 0;
}

type Fields = Record<string, unknown>;

function isFields(value: unknown): value is Fields {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function codeSources(document: unknown): Fields[] {
  const sources = isFields(document) && Array.isArray(document.sources) ? document.sources : [];
  return sources.filter((s): s is Fields => isFields(s) && s.type === "code" && isFields(s.params));
}

function sourceName(source: Fields): string {
  const params = source.params as Fields;
  const name = [params.alias, params.repo_name, params.git_url].find(
    (v) => typeof v === "string" && v !== "",
  );
  return sanitizeText(String(name ?? "(unnamed)"));
}

function pickSource(sources: Fields[], choices: StartChoices, pipeline: string): Fields {
  if (sources.length === 0) {
    throw new UsageError(
      `${pipeline} has no code source, so --branch, --tag and --commit do not apply`,
      "start it without them",
    );
  }
  if (choices.source !== undefined) {
    const chosen = sources.filter((s) => {
      const params = s.params as Fields;
      return params.alias === choices.source || params.repo_name === choices.source;
    });
    if (chosen.length === 1) return chosen[0] as Fields;
    throw new UsageError(
      `${pipeline} has no code source named ${JSON.stringify(sanitizeText(choices.source))}`,
      `its code sources: ${sources.map(sourceName).join(", ")}`,
    );
  }
  if (sources.length > 1) {
    throw new UsageError(
      `${pipeline} has ${sources.length} code sources; say which one --branch/--tag/--commit is for`,
      `add --source <alias>, one of: ${sources.map(sourceName).join(", ")}`,
    );
  }
  return sources[0] as Fields;
}

const PARAM_KEYS = ["git_type", "git_url", "codehub_id", "alias", "default_branch", "endpoint_id"];

/** A source as RunPipelineDTO takes it: the fields it knows, and the build parameters to use. */
function requestSource(source: Fields, buildParams: Fields): Fields {
  const params = source.params as Fields;
  const kept = Object.fromEntries(
    PARAM_KEYS.flatMap((key) =>
      params[key] === undefined || params[key] === null ? [] : [[key, params[key]]],
    ),
  );
  return { type: "code", params: { ...kept, build_params: buildParams } };
}

/** What the source built last time, as RunPipelineDTO's build_params. */
function previousBuild(source: Fields): Fields {
  const build = isFields((source.params as Fields).build_params)
    ? ((source.params as Fields).build_params as Fields)
    : {};
  const tag = typeof build.tag === "string" && build.tag !== "" ? build.tag : undefined;
  return tag !== undefined && build.build_type === "tag"
    ? { build_type: "tag", tag }
    : {
        build_type: "branch",
        target_branch: build.target_branch ?? (source.params as Fields).default_branch,
      };
}

function chosenBuild(source: Fields, choices: StartChoices): Fields {
  if (choices.tag !== undefined) return { build_type: "tag", tag: choices.tag, event_type: "Manual" };
  // A commit without --branch: of the branch the last run built, or (after a tag) the default one.
  const branch =
    choices.branch ?? previousBuild(source).target_branch ?? (source.params as Fields).default_branch;
  return {
    build_type: "branch",
    target_branch: branch,
    ...(choices.commit === undefined ? {} : { commit_id: choices.commit }),
    event_type: "Manual",
  };
}

interface Named {
  name?: string;
  identifier?: string;
  id?: string;
}

function identifiersFor(wanted: string[], items: Named[], what: "stage" | "job", pipeline: string): string[] {
  return wanted.map((reference) => {
    const byKey = items.find((item) => item.identifier === reference || item.id === reference);
    const matches = byKey ? [byKey] : items.filter((item) => item.name === reference);
    const shown = JSON.stringify(sanitizeText(reference));
    if (matches.length > 1) {
      throw new UsageError(
        `${matches.length} ${what}s of ${pipeline} are named ${shown}`,
        `give its identifier instead: ${matches.map((m) => m.identifier ?? m.id).join(", ")}`,
      );
    }
    const match = matches[0];
    const key = match?.identifier ?? match?.id;
    if (key === undefined) {
      throw new CliError(
        `no ${what} ${shown} in ${pipeline}'s latest run`,
        ExitCode.NotFound,
        `its ${what}s: ${items.map((item) => JSON.stringify(sanitizeText(item.name ?? item.identifier ?? "?"))).join(", ") || "none"}`,
      );
    }
    return key;
  });
}

/** The request body; `latest` is needed when `needsLatestRun(choices)`. */
export function buildStartBody(
  choices: StartChoices,
  latest: LatestRun | undefined,
  pipeline: string,
): Fields {
  const body: Fields = {};
  if (codeChoice(choices)) {
    const sources = codeSources(latest?.document);
    const chosen = pickSource(sources, choices, pipeline);
    body.sources = sources.map((source) =>
      requestSource(source, source === chosen ? chosenBuild(source, choices) : previousBuild(source)),
    );
  }
  if (choices.description !== undefined) body.description = choices.description;
  if (choices.variables.length > 0) body.variables = choices.variables;
  const stages = latest?.run.stages ?? [];
  if (choices.stages.length > 0)
    body.choose_stages = identifiersFor(choices.stages, stages, "stage", pipeline);
  if (choices.jobs.length > 0) {
    body.choose_jobs = identifiersFor(
      choices.jobs,
      stages.flatMap((stage) => stage.jobs),
      "job",
      pipeline,
    );
  }
  return body;
}
