import { readFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { SETTINGS } from "../../src/config/setting-table.js";
import { CONFIGURATION_MD, withSettingsTable } from "./settings-table.js";

const root = fileURLToPath(new URL("../..", import.meta.url));

describe("docs/configuration.md's settings table", () => {
  it("is the settings table of src/config/setting-table.ts", async () => {
    const actual = await readFile(path.join(root, CONFIGURATION_MD), "utf8");
    expect(actual, `${CONFIGURATION_MD} is stale: run npm run docs:settings`).toBe(withSettingsTable(actual));
  });

  it("has a row for every setting, with its flag and environment variables", () => {
    const document = withSettingsTable("# x\n\n<!-- settings:start -->\n<!-- settings:end -->\n");
    const iam = document.split("\n").find((line) => line.startsWith("| `iamProjectId`"));
    expect(iam).toMatch(/`--iam-project`.*`CODEARTS_IAM_PROJECT_ID`, `HUAWEICLOUD_SDK_PROJECT_ID`/);
    for (const row of SETTINGS) expect(document).toContain(`| \`${row.key}\``);
  });
});
