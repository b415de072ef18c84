import { expect, test } from "vitest";
import { createChalk } from "../../src/render/style.js";

test("createChalk colours only at the level it is given, whatever the process says", () => {
  expect(createChalk(0).red("x")).toBe("x");
  expect(createChalk(1).red("x")).toBe("\u001b[31mx\u001b[39m");
});
