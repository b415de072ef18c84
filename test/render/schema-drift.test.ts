import { describe, expect, test } from "vitest";
import { normaliseRun } from "../../src/model/run.js";
import { renderRunMarkdown, renderRunTable } from "../../src/render/index.js";
import { EXAMPLE_NOW, loadDocument } from "./helpers.js";

/** Reference §6: what older and newer versions of the service and SDKs send. Nothing here may throw. */
type Fields = Record<string, unknown>;
const example = loadDocument("run-detail-example.json");
const stage = (example.stages as Fields[])[0] as Fields;
const job = (stage.jobs as Fields[])[0] as Fields;
const step = (stage.pre as Fields[])[0] as Fields;

function withStage(changes: Fields): Fields {
  return { ...example, stages: [{ ...stage, ...changes }] };
}

const drifts: Array<[string, Fields]> = [
  ["async as a boolean", withStage({ jobs: [{ ...job, async: true }] })],
  ["async as a string", withStage({ jobs: [{ ...job, async: "false" }] })],
  ["current_system_time as a number", { ...example, current_system_time: 1674207200000 }],
  ["current_system_time as a string", { ...example, current_system_time: "1674207200000" }],
  ["current_system_time unparsable", { ...example, current_system_time: "soon" }],
  ["endpoint_ids as a string", withStage({ pre: [{ ...step, endpoint_ids: "ep-1" }] })],
  ["endpoint_ids as an array", withStage({ pre: [{ ...step, endpoint_ids: ["ep-1", "ep-2"] }] })],
  ["multi_step_editable as a boolean", withStage({ pre: [{ ...step, multi_step_editable: true }] })],
  ["pause_time on run and stage", { ...withStage({ pause_time: 1674207198000 }), pause_time: 1674207198000 }],
  ["daily_build_number on a step", withStage({ pre: [{ ...step, daily_build_number: "20230120.1" }] })],
  [
    "camelCase artifacts",
    { ...example, artifacts: [{ name: "app", packageType: "docker", downloadUrl: "https://x" }] },
  ],
  ["every list null", { ...example, stages: null, sources: null, artifacts: null }],
  ["stage lists null", withStage({ pre: null, post: null, jobs: null, depends_on: null })],
  ["job lists null", withStage({ jobs: [{ ...job, steps: null, depends_on: null }] })],
  ["depends_on as a string", withStage({ depends_on: "0", jobs: [{ ...job, depends_on: "x" }] })],
  ["new status values", withStage({ status: "WAITING_FOR_GODOT", jobs: [{ ...job, status: "" }] })],
  ["non-objects in lists", { ...example, stages: [null, 1, "x", stage], sources: [null, { params: null }] }],
  ["times as strings, zero, negative and absurd", withStage({ start_time: "1674207197000", end_time: "0" })],
  ["a negative or absurd time", withStage({ start_time: -5, end_time: 1e300 })],
  ["sequence as a string, parallel as a boolean", withStage({ sequence: "3", parallel: true })],
  [
    "names and messages of the wrong type",
    withStage({ name: 42, jobs: [{ ...job, name: { x: 1 }, message: [] }] }),
  ],
  ["unknown fields", { ...example, brand_new_field: { nested: [1, 2] } }],
];

describe("normaliseRun on drifted documents", () => {
  test.each(drifts)("%s: normalises and renders without throwing", (_name, document) => {
    const run = normaliseRun(document);
    const options = {
      colorLevel: 1,
      columns: 80,
      timeStyle: "relative",
      now: EXAMPLE_NOW,
      unicode: true,
    } as const;
    expect(renderRunTable(run, options)).toMatch(/\n$/);
    expect(renderRunMarkdown(run, options)).toMatch(/\n$/);
  });

  test("the values that drift are read either way", () => {
    expect(normaliseRun({ ...example, current_system_time: "1674207200000" }).serverTime).toBe(1674207200000);
    expect(normaliseRun({ ...example, stages: null }).stages).toEqual([]);
    const nulls = normaliseRun(withStage({ pre: null, post: null, jobs: [{ ...job, steps: null }] }));
    expect(nulls.stages[0]).toMatchObject({ pre: [], post: [], jobs: [{ steps: [], dependsOn: [] }] });
    expect(normaliseRun(withStage({ sequence: "3", parallel: true })).stages[0]).toMatchObject({
      sequence: 3,
      parallel: "true",
    });
    expect(normaliseRun(withStage({ depends_on: "0" })).stages[0]?.dependsOn).toEqual(["0"]);
    expect(normaliseRun({ ...example, stages: [null, 1, "x", stage] }).stages).toHaveLength(1);
  });

  test("a new status is shown verbatim, without a colour of its own", () => {
    const run = normaliseRun(withStage({ status: "WAITING_FOR_GODOT" }));
    const output = renderRunTable(run, {
      colorLevel: 1,
      columns: 100,
      timeStyle: "iso",
      now: EXAMPLE_NOW,
      unicode: true,
    });
    expect(output).toContain("\n? WAITING_FOR_GODOT  \u001b[1mPhase_1\u001b[22m");
  });
});
