import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { runBinary } from "./cli.js";

/** `--version` is answered by the bin script itself; it must say what the bundle would say. */

const { version } = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as {
  version: string;
};

describe("codearts-run --version", () => {
  it("prints the package's version and exits 0, as --version and -V", async () => {
    for (const flag of ["--version", "-V"]) {
      expect(await runBinary([flag])).toEqual({ code: 0, stdout: `${version}\n`, stderr: "" });
    }
  });

  it("gives the same answer through the CLI when other flags come with it", async () => {
    expect(await runBinary(["--version", "--no-color"])).toEqual({
      code: 0,
      stdout: `${version}\n`,
      stderr: "",
    });
  });
});
