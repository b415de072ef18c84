import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type SimCli, simCli } from "./sim-cli.js";

/**
 * A region names a host (`iam.<region>.myhuaweicloud.com`), so it must be a host label even when
 * an endpoint is given and the region only scopes IAM: never a URL built from `Bad_Region!`.
 */

let cli: SimCli;
let empty: string;
beforeAll(async () => {
  cli = await simCli();
  empty = await mkdtemp(path.join(tmpdir(), "codearts-region-"));
});
afterAll(async () => {
  await cli.close();
  await rm(empty, { recursive: true, force: true });
});

const BAD =
  'problem: --region must be a region name of lower-case letters, digits and hyphens, e.g. cn-north-4, not "Bad_Region!"';

describe("a region that is not a host label", () => {
  it("is a problem in config show, which builds no IAM URL from it", async () => {
    const result = await cli.run(["config", "show", "--region", "Bad_Region!"], {
      overrides: { cwd: empty },
    });
    expect(result.code).toBe(0);
    const lines = result.stdout.split("\n");
    const at = lines.findIndex((line) => /^region\s+Bad_Region!\s+--region$/.test(line));
    expect(at).toBeGreaterThanOrEqual(0);
    expect(lines[at + 1]?.trim()).toBe(BAD);
    expect(result.stdout).toMatch(/^iam endpoint\s+\(not set\)$/m);
    expect(result.stdout.toLowerCase()).not.toContain("iam.bad_region");
  });

  it("is refused by a command with exit 2 before any request", async () => {
    const before = cli.sim.stats().requests;
    const result = await cli.run(["status", "web", "--region", "Bad_Region!"], { overrides: { cwd: empty } });
    expect(result.code).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr).toBe(
      `error: ${BAD.slice("problem: ".length)}\nhint: correct --region (region, e.g. cn-north-4; picks the service and IAM URLs)\n`,
    );
    expect(cli.sim.stats().requests).toBe(before);
  });

  it("is refused from the environment too, naming the variable", async () => {
    const result = await cli.run(["status", "web"], {
      env: { CODEARTS_REGION: "cn-north-4.evil.example" },
      overrides: { cwd: empty },
    });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(
      /^error: CODEARTS_REGION must be a region name .*, not "cn-north-4\.evil\.example"\n/,
    );
  });
});
