import { describe, expect, it } from "vitest";
import { runInProcess } from "../helpers/run-cli.js";

describe("--help", () => {
  it("aligns the environment block: one entry a line, every description in one column", async () => {
    const { code, stdout } = await runInProcess(["--help"]);
    expect(code).toBe(0);
    const block = stdout.slice(stdout.indexOf("Environment ("), stdout.indexOf("Secrets are never"));
    const entries = block.split("\n").slice(1, -1);
    expect(entries.length).toBeGreaterThan(10);
    const columns = entries.map((line) => {
      const match = /^ {2}([A-Z_]+(?:, [A-Z_]+)*) {2,}(\S.*)$/.exec(line);
      expect(match, `not "  NAME  description": ${JSON.stringify(line)}`).not.toBeNull();
      return line.length - (match?.[2]?.length ?? 0);
    });
    expect(new Set(columns).size).toBe(1);
    for (const name of [
      "CODEARTS_TOKEN",
      "CLOUD_SDK_AK",
      "CODEARTS_PASSWORD",
      "CODEARTS_PROFILE",
      "NO_COLOR",
    ]) {
      expect(block).toContain(name);
    }
  });
});
