import { describe, expect, it } from "vitest";
import { CliError } from "../../src/core/errors.js";
import { describeTarget, selectSteps } from "../../src/handlers/log-steps.js";
import { normaliseRun } from "../../src/model/run.js";
import { loadDocument, loadRun } from "../render/helpers.js";

function names(run: ReturnType<typeof loadRun>, choice: Parameters<typeof selectSteps>[1]): string[] {
  return selectSteps(run, choice).map(describeTarget);
}

function caught(action: () => unknown): CliError {
  try {
    action();
  } catch (error) {
    expect(error).toBeInstanceOf(CliError);
    return error as CliError;
  }
  throw new Error("expected an error");
}

/** The rich run with its status set to FAILED, as it will be once its scan stage ends. */
function failedRich() {
  return normaliseRun({ ...loadDocument("run-detail-rich.json"), status: "FAILED" });
}

/** Two jobs with a step of the same name, each with an id. */
const TWIN_STEPS = normaliseRun({
  status: "COMPLETED",
  stages: [
    {
      name: "Build",
      status: "COMPLETED",
      jobs: ["Backend", "Frontend"].map((name, j) => ({
        id: `job${j}`,
        name,
        status: "COMPLETED",
        steps: [{ id: `checkout${j}`, name: "Check out code", status: "COMPLETED", start_time: 1 }],
      })),
    },
  ],
});

describe("selectSteps", () => {
  it("picks every job step that has started when the run has not failed", () => {
    expect(names(loadRun("run-detail-rich.json"), { failedOnly: false })).toEqual([
      "Build / Compile (Maven) / Check out code",
      "Build / Compile (Maven) / Maven build",
      "Build / Build image / Build and push image",
      "Test / Unit tests / Run unit tests",
      "Test / Lint / ESLint",
      "Security scan / Code check / CodeArts Check",
    ]);
  });

  it("picks the failed steps when the run failed, or when --failed asks", () => {
    expect(names(failedRich(), { failedOnly: false })).toEqual(["Test / Unit tests / Run unit tests"]);
    expect(names(loadRun("run-detail-rich.json"), { failedOnly: true })).toEqual([
      "Test / Unit tests / Run unit tests",
    ]);
  });

  it("picks nothing when nothing matches, leaving the message to the command", () => {
    expect(names(loadRun("run-detail-example.json"), { failedOnly: true })).toEqual([]);
  });

  it("finds --step by exact name or by id, whatever its status", () => {
    expect(names(loadRun("run-detail-rich.json"), { step: "Upload report", failedOnly: false })).toEqual([
      "Security scan / Code check / Upload report",
    ]);
    expect(names(TWIN_STEPS, { step: "checkout1", failedOnly: false })).toEqual([
      "Build / Frontend / Check out code",
    ]);
  });

  it("refuses an ambiguous --step name (exit 2), listing each match with its id", () => {
    const error = caught(() => selectSteps(TWIN_STEPS, { step: "Check out code", failedOnly: false }));
    expect(error.exitCode).toBe(2);
    expect(error.message).toBe(
      '2 steps of this run are named "Check out code": Build / Backend / Check out code (checkout0); Build / Frontend / Check out code (checkout1)',
    );
  });

  it("says a --step that is not in the run is not found (exit 4), listing the run's steps", () => {
    const error = caught(() => selectSteps(TWIN_STEPS, { step: "check out code", failedOnly: false }));
    expect(error.exitCode).toBe(4);
    expect(error.message).toBe('no step "check out code" in this run');
    expect(error.hint).toContain("Build / Backend / Check out code (checkout0)");
  });
});
