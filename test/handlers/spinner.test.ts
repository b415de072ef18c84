import { describe, expect, it } from "vitest";
import { withSpinner } from "../../src/handlers/spinner.js";
import { testContext } from "../helpers/context.js";

describe("withSpinner", () => {
  it("never draws when stderr is not a terminal, however long the work takes", async () => {
    const { ctx, stderr } = testContext();
    const value = await withSpinner(
      ctx,
      "Fetching",
      () => new Promise((resolve) => setTimeout(() => resolve(42), 400)),
    );
    expect(value).toBe(42);
    expect(stderr()).toBe("");
  });

  it("draws nothing for work that answers within the delay, even on a terminal", async () => {
    const { ctx, stderr } = testContext();
    const onTerminal = { ...ctx, io: { ...ctx.io, stderrIsTTY: true } };
    expect(await withSpinner(onTerminal, "Fetching", async () => "fast")).toBe("fast");
    await new Promise((resolve) => setTimeout(resolve, 400)); // past the delay: still nothing
    expect(stderr()).toBe("");
  });

  it("passes the work's failure through", async () => {
    const { ctx } = testContext();
    await expect(withSpinner(ctx, "Fetching", async () => Promise.reject(new Error("boom")))).rejects.toThrow(
      "boom",
    );
  });
});
