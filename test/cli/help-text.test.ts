import { describe, expect, it } from "vitest";
import { runInProcess } from "../helpers/run-cli.js";

describe("--help", () => {
  it("aligns the environment block in 80 columns: names at 2, every description line in one column", async () => {
    const { code, stdout } = await runInProcess(["--help"]);
    expect(code).toBe(0);
    const block = stdout.slice(stdout.indexOf("Environment ("), stdout.indexOf("Secrets are never"));
    const lines = block.split("\n").slice(1, -1);
    expect(lines.length).toBeGreaterThan(10);
    for (const line of lines) {
      expect(line.length, line).toBeLessThanOrEqual(80);
      // "  NAME   description", "  NAME" alone (too long for its column), or a continuation.
      expect(line, line).toMatch(/^( {2}[A-Z_]+( {2,}\S.*)?| {28}\S.*)$/);
      const text = /^( {2}[A-Z_]+ +)\S/.exec(line);
      if (text?.[1] && text[1].length > 2 + 1) expect(text[1].length).toBe(28);
    }
    for (const name of [
      "CODEARTS_TOKEN",
      "CLOUD_SDK_AK",
      "HUAWEICLOUD_SDK_AK",
      "CODEARTS_PASSWORD",
      "CODEARTS_PROFILE",
      "NO_COLOR",
      "FORCE_COLOR",
    ]) {
      expect(block).toContain(name);
    }
  });
});
