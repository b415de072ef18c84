import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { mayHoldConfig } from "../../src/config/probe.js";

let root: string;

beforeEach(async () => {
  root = await mkdtemp(path.join(tmpdir(), "codearts-probe-"));
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

const PLACES = ["package.json", ".codeartsrc", ".codeartsrc.yaml"];
const probe = () => mayHoldConfig(root, PLACES, "codearts");

describe("mayHoldConfig: may cosmiconfig find a config here?", () => {
  it("no: an empty directory, or one that does not exist", async () => {
    expect(await probe()).toBe(false);
    expect(await mayHoldConfig(path.join(root, "missing"), PLACES, "codearts")).toBe(false);
  });

  it("no: a package.json without the key, or a directory named like a config file", async () => {
    await writeFile(path.join(root, "package.json"), '{"name": "app", "version": "1.0.0"}');
    await mkdir(path.join(root, ".codeartsrc"));
    expect(await probe()).toBe(false);
  });

  it("yes: any file in one of the places, even empty (cosmiconfig then decides)", async () => {
    await writeFile(path.join(root, ".codeartsrc.yaml"), "");
    expect(await probe()).toBe(true);
  });

  it("yes: a package.json with the key, or one cosmiconfig must read to report", async () => {
    await writeFile(path.join(root, "package.json"), '{"codearts": {"region": "cn-north-4"}}');
    expect(await probe()).toBe(true);
    await writeFile(path.join(root, "package.json"), "{ not json");
    expect(await probe()).toBe(true);
    await writeFile(path.join(root, "package.json"), "null");
    expect(await probe()).toBe(true);
  });
});
