import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config/load.js";

const example = fileURLToPath(new URL("../../.codeartsrc.example", import.meta.url));

describe(".codeartsrc.example", () => {
  it("is a valid configuration, so users can copy it as it is", async () => {
    const loaded = await loadConfig({ explicitPath: example, cwd: path.dirname(example), env: {} });
    expect(loaded?.config.region).toBe("cn-north-4");
    expect(Object.keys(loaded?.config.profiles ?? {})).toEqual(["staging", "overseas"]);
  });
});
