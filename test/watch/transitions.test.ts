import { describe, expect, it } from "vitest";
import { activeItems, detectTransitions, firstFailure } from "../../src/watch/transitions.js";
import { job, run, stage, step } from "./runs.js";

describe("detectTransitions", () => {
  it("on the first answer reports what is under way or done, not what has not started", () => {
    const first = run("RUNNING", [
      stage(
        "Build",
        "RUNNING",
        job(
          "Compile",
          "RUNNING",
          step("Checkout", "COMPLETED", { start_time: 1000, end_time: 9000 }),
          step("Make", "RUNNING"),
          step("Upload", "INIT"),
        ),
      ),
      stage("Deploy", "INIT", job("Ship", "INIT")),
    ]);
    expect(detectTransitions(undefined, first)).toEqual([
      { level: "run", path: {}, from: undefined, to: "RUNNING" },
      { level: "stage", path: { stage: "Build" }, from: undefined, to: "RUNNING" },
      { level: "job", path: { stage: "Build", job: "Compile" }, from: undefined, to: "RUNNING" },
      {
        level: "step",
        path: { stage: "Build", job: "Compile", step: "Checkout" },
        from: undefined,
        to: "COMPLETED",
        durationMs: 8000,
      },
      {
        level: "step",
        path: { stage: "Build", job: "Compile", step: "Make" },
        from: undefined,
        to: "RUNNING",
      },
    ]);
  });

  it("reports only what changed, starts before children and ends after them", () => {
    const before = run("RUNNING", [
      stage("Build", "RUNNING", job("Compile", "RUNNING", step("Make", "RUNNING"))),
      stage("Deploy", "INIT", job("Ship", "INIT", step("Push", "INIT"))),
    ]);
    const after = run("RUNNING", [
      stage("Build", "COMPLETED", job("Compile", "COMPLETED", step("Make", "COMPLETED"))),
      stage(
        "Deploy",
        "RUNNING",
        job("Ship", "RUNNING", step("Push", "FAILED", { message: "denied\u001b[31m\nretry" })),
      ),
    ]);
    expect(detectTransitions(before, after)).toEqual([
      {
        level: "step",
        path: { stage: "Build", job: "Compile", step: "Make" },
        from: "RUNNING",
        to: "COMPLETED",
      },
      { level: "job", path: { stage: "Build", job: "Compile" }, from: "RUNNING", to: "COMPLETED" },
      { level: "stage", path: { stage: "Build" }, from: "RUNNING", to: "COMPLETED" },
      { level: "stage", path: { stage: "Deploy" }, from: "INIT", to: "RUNNING" },
      { level: "job", path: { stage: "Deploy", job: "Ship" }, from: "INIT", to: "RUNNING" },
      {
        level: "step",
        path: { stage: "Deploy", job: "Ship", step: "Push" },
        from: "INIT",
        to: "FAILED",
        message: "denied retry",
      },
    ]);
  });

  it("is empty when nothing changed, and tells apart siblings that share a name", () => {
    const twins = (second: string) =>
      run("RUNNING", [stage("Test", "RUNNING", job("Shard", "COMPLETED"), job("Shard", second))]);
    expect(detectTransitions(twins("RUNNING"), twins("RUNNING"))).toEqual([]);
    expect(detectTransitions(twins("RUNNING"), twins("FAILED"))).toEqual([
      { level: "job", path: { stage: "Test", job: "Shard" }, from: "RUNNING", to: "FAILED" },
    ]);
  });

  it("names entry and exit steps as the table does, directly under their stage", () => {
    const withEntry = (status: string) =>
      run("RUNNING", [
        {
          name: "Build",
          status: "RUNNING",
          pre: [{ task: "official_devcloud_autoTrigger", status }],
          jobs: [],
        },
      ]);
    expect(detectTransitions(withEntry("RUNNING"), withEntry("COMPLETED"))).toEqual([
      {
        level: "step",
        path: { stage: "Build", step: "entry: official_devcloud_autoTrigger" },
        from: "RUNNING",
        to: "COMPLETED",
      },
    ]);
  });
});

describe("firstFailure and activeItems", () => {
  const current = run("RUNNING", [
    stage("Test", "FAILED", job("Unit", "FAILED", step("Run", "FAILED"))),
    stage("Lint", "RUNNING", job("Eslint", "RUNNING", step("Run", "RUNNING")), job("Prettier", "PAUSED")),
  ]);

  it("finds the deepest failure", () => {
    expect(firstFailure(current)).toEqual({ stage: "Test", job: "Unit", step: "Run" });
    expect(firstFailure(run("RUNNING", [stage("Build", "RUNNING")]))).toBeUndefined();
  });

  it("lists the innermost running or waiting items", () => {
    expect(activeItems(current)).toEqual([
      { stage: "Lint", job: "Eslint", step: "Run" },
      { stage: "Lint", job: "Prettier" },
    ]);
  });
});
