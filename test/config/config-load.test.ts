import { chmod, mkdir, mkdtemp, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { loadConfig, parserReason } from "../../src/config/load.js";
import { UsageError } from "../../src/core/errors.js";

let root: string;

beforeEach(async () => {
  root = await mkdtemp(path.join(tmpdir(), "codearts-config-"));
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

async function put(relative: string, content: string, mode = 0o600): Promise<string> {
  const filepath = path.join(root, relative);
  await mkdir(path.dirname(filepath), { recursive: true });
  await writeFile(filepath, content);
  await chmod(filepath, mode);
  return filepath;
}

const noHome = {};

describe("loadConfig", () => {
  it("finds the nearest .codeartsrc (YAML) from the working directory upward", async () => {
    const filepath = await put(".codeartsrc", "region: cn-north-4\npipelines:\n  web: abc\n");
    await mkdir(path.join(root, "a/b"), { recursive: true });
    const loaded = await loadConfig({ cwd: path.join(root, "a/b"), env: noHome });
    expect(loaded?.filepath).toBe(filepath);
    expect(loaded?.config).toEqual({ region: "cn-north-4", pipelines: { web: "abc" } });
  });

  it("reads .codeartsrc written as JSON, .codeartsrc.yml and package.json's codearts key", async () => {
    await put("json/.codeartsrc", '{"region": "cn-north-1"}');
    await put("yml/.codeartsrc.yml", "region: cn-north-2\n");
    await put("pkg/package.json", '{"name": "x", "codearts": {"region": "cn-east-3"}}');
    for (const [dir, region] of [
      ["json", "cn-north-1"],
      ["yml", "cn-north-2"],
      ["pkg", "cn-east-3"],
    ]) {
      const loaded = await loadConfig({ cwd: path.join(root, dir as string), env: noHome });
      expect(loaded?.config.region).toBe(region);
    }
  });

  /** A JavaScript config that leaves a mark when it runs, so a test can tell it never ran. */
  async function putCode(relative: string): Promise<{ filepath: string; ran: () => Promise<boolean> }> {
    const marker = path.join(root, `${relative.replace(/\W/g, "_")}.ran`);
    const filepath = await put(
      relative,
      `require("node:fs").writeFileSync(${JSON.stringify(marker)}, "x"); module.exports = { region: "cn-south-1" };`,
    );
    return {
      filepath,
      ran: () =>
        stat(marker).then(
          () => true,
          () => false,
        ),
    };
  }

  it("never runs a JavaScript config found by searching: a checkout's code is not run by looking at a run", async () => {
    const found = [
      await putCode("a/codearts.config.js"),
      await putCode("b/codearts.config.cjs"),
      await putCode("c/.codeartsrc.js"),
    ];
    await put("d/.codeartsrc", "region: cn-north-4\n");
    await mkdir(path.join(root, "d/e"), { recursive: true });
    for (const dir of ["a", "b", "c"]) {
      expect(await loadConfig({ cwd: path.join(root, dir), env: noHome })).toBeUndefined();
    }
    // A data file further up is still found past a folder that holds only JavaScript.
    await putCode("d/e/codearts.config.cjs");
    const loaded = await loadConfig({ cwd: path.join(root, "d/e"), env: noHome });
    expect(loaded?.config.region).toBe("cn-north-4");
    for (const code of found) expect(await code.ran()).toBe(false);
  });

  it("refuses a data file that $imports JavaScript, without running it", async () => {
    const code = await putCode("evil.cjs");
    const filepath = await put(".codeartsrc", "$import: ./evil.cjs\nregion: cn-north-4\n");
    const search = loadConfig({ cwd: root, env: noHome });
    await expect(search).rejects.toThrow(UsageError);
    await expect(search).rejects.toThrow(`config file ${code.filepath} is JavaScript`);
    const named = loadConfig({ explicitPath: filepath, cwd: root, env: noHome });
    await expect(named).rejects.toThrow(
      /is JavaScript, which codearts-run runs only when it is named with --config/,
    );
    expect(await code.ran()).toBe(false);
  });

  it("runs a JavaScript config named with --config, unless code is not allowed (completion)", async () => {
    const code = await putCode("trusted.cjs");
    await expect(
      loadConfig({ explicitPath: "trusted.cjs", cwd: root, env: noHome, allowCode: false }),
    ).rejects.toThrow(UsageError);
    expect(await code.ran()).toBe(false);
    const loaded = await loadConfig({ explicitPath: "trusted.cjs", cwd: root, env: noHome });
    expect(loaded?.config.region).toBe("cn-south-1");
    expect(await code.ran()).toBe(true);
  });

  it("falls back to the user's config directory", async () => {
    const filepath = await put("xdg/codearts/config.yaml", "region: la-north-2\n");
    await mkdir(path.join(root, "work"));
    const loaded = await loadConfig({
      cwd: path.join(root, "work"),
      env: { XDG_CONFIG_HOME: path.join(root, "xdg") },
    });
    expect(loaded?.filepath).toBe(filepath);
  });

  it("loads only the named file with --config, relative to the working directory", async () => {
    await put(".codeartsrc", "region: cn-north-4\n");
    const named = await put("other.json", '{"region": "tr-west-1"}');
    const loaded = await loadConfig({ explicitPath: "other.json", cwd: root, env: noHome });
    expect(loaded?.filepath).toBe(named);
    expect(loaded?.config.region).toBe("tr-west-1");
  });

  it("says why a file is not valid without quoting it: it may hold a secret", async () => {
    await put("json/.codeartsrc.json", '{"token": "hunter2",,}');
    await put("yaml/.codeartsrc", "region: cn-north-4\n  token: hunter2\n");
    for (const folder of ["json", "yaml"]) {
      const failure = await loadConfig({ cwd: path.join(root, folder), env: noHome }).catch((e) => e);
      expect(failure.message).toMatch(/: it is not valid: \w/);
      expect(failure.message).not.toContain("hunter2");
      expect(failure.message).not.toContain("\n");
    }
  });

  it("drops the parser's coloured code frame (the parser colours it when it sees CI or a terminal)", () => {
    const coloured =
      'JSON Error in /x/.codeartsrc.json: \n\n\u001b[0m\u001b[31m\u001b[1m>\u001b[22m\u001b[39m\u001b[90m 1 |\u001b[39m {\u001b[32m"token"\u001b[39m: "s3cret",,}\n \u001b[90m   |\u001b[39m  \u001b[31m^\u001b[39m\n\nExpected double-quoted property name in JSON at position 19 while parsing \'{"token": "s3cret",,}\' \n';
    expect(parserReason(coloured)).toBe("Expected double-quoted property name in JSON at position 19");
  });

  it("reports unreadable files with the path and a fix, never a parser's stack", async () => {
    await put("bad/.codeartsrc", "region: [unclosed\n");
    await expect(loadConfig({ cwd: path.join(root, "bad"), env: noHome })).rejects.toThrow(
      /^could not read config file .*bad\/\.codeartsrc: it is not valid: unexpected end of the stream within a flow collection \(2:1\)$/,
    );
    await expect(loadConfig({ explicitPath: "missing.yaml", cwd: root, env: noHome })).rejects.toThrow(
      /missing\.yaml: no such file/,
    );
    await mkdir(path.join(root, "dir.json"));
    await expect(loadConfig({ explicitPath: "dir.json", cwd: root, env: noHome })).rejects.toThrow(
      /dir\.json: it is a directory, not a file/,
    );
    await put("types/.codeartsrc.json", '{"region": 1}');
    await expect(loadConfig({ cwd: path.join(root, "types"), env: noHome })).rejects.toThrow(
      /types\/\.codeartsrc\.json: region must be a region name of lower-case letters, digits and hyphens/,
    );
  });

  it("warns when a file holding a secret is readable by others, and only then", async () => {
    await put("open/.codeartsrc", "token: s3cret\n", 0o644);
    const open = await loadConfig({ cwd: path.join(root, "open"), env: noHome });
    expect(open?.permissionWarning).toMatch(/holds a secret and other users can read it; run: chmod 600 /);
    expect(open?.permissionWarning).not.toContain("s3cret");
    await put("private/.codeartsrc", "token: s3cret\n", 0o600);
    expect(
      (await loadConfig({ cwd: path.join(root, "private"), env: noHome }))?.permissionWarning,
    ).toBeUndefined();
    await put("public/.codeartsrc", "region: cn-north-4\n", 0o644);
    expect(
      (await loadConfig({ cwd: path.join(root, "public"), env: noHome }))?.permissionWarning,
    ).toBeUndefined();
  });
});
