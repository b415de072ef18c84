import { describe, expect, it } from "vitest";
import { arr, bool, int, obj, oneOf, present, str, validate } from "./schema.js";
import { latestStatusAnswer, stepLogAnswer } from "./schemas.js";

describe("the schema validator", () => {
  it("reports every wrong type, missing required field and unknown field, with its path", () => {
    const schema = obj({ id: present(str), n: int, list: arr(obj({ ok: bool })), either: oneOf(int, str) });
    expect(validate(schema, { id: "x", n: 1, list: [{ ok: true }], either: "1" })).toEqual([]);
    expect(validate(schema, { n: "1", list: [{ ok: "yes" }, { extra: 1 }], either: false })).toEqual([
      { path: "$.id", problem: "missing" },
      { path: "$.n", problem: "expected integer, got string" },
      { path: "$.list[0].ok", problem: "expected boolean, got string" },
      { path: "$.list[1].extra", problem: "not in the SDK model" },
      { path: "$.either", problem: "expected integer or string, got boolean" },
    ]);
  });

  it("takes null for an absent value, except where a field must be present", () => {
    expect(validate(obj({ a: str }), { a: null })).toEqual([]);
    expect(validate(obj({ a: present(str) }), { a: null })).toEqual([
      { path: "$.a", problem: "expected string, got null" },
    ]);
  });

  it("catches the shapes the simulator used to send: number log offsets, named latest-status items", () => {
    expect(validate(stepLogAnswer, { has_more: false, start_offset: 0, end_offset: 3, log: "" })).toEqual([
      { path: "$.start_offset", problem: "expected string, got integer" },
      { path: "$.end_offset", problem: "expected string, got integer" },
    ]);
    expect(validate(latestStatusAnswer, [{ pipeline_id: "p", name: "web", status: null }])).toEqual([
      { path: "$[0].name", problem: "not in the SDK model" },
    ]);
  });
});
