import { chmod, mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createManualClock,
  type FaultSpec,
  type RunningSimulator,
  startSimulator,
} from "../../src/simulator/index.js";
import { STACK_TRACE } from "../e2e/cli.js";
import { runCommand } from "../helpers/cli-in-process.js";

/**
 * The hostile-input suite: bad argv, environment, config files and server answers. Every case
 * must end with its documented exit code, one clear `error:` line and a `hint:` (after any
 * `note:` lines announcing retries), never a stack trace, and never a control character from the
 * input echoed back to the terminal.
 */

let sim: RunningSimulator;
let dir: string;

beforeAll(async () => {
  sim = await startSimulator({ clock: createManualClock(Date.UTC(2026, 10, 28, 12)) });
  dir = await mkdtemp(path.join(tmpdir(), "codearts-hostile-"));
  const files: Record<string, string> = {
    "yaml/.codeartsrc": "region: [unclosed\n",
    "json/.codeartsrc.json": '{"region": "cn-north-4",,}',
    "type/.codeartsrc": "region: 42\n",
    "unknown/.codeartsrc": "regoin: cn-north-4\n",
    "list/.codeartsrc": "- a\n- b\n",
    "throws/codearts.config.cjs": 'throw new Error("boom from config");',
    "profiles/.codeartsrc": "profiles: nope\n",
    "alias/.codeartsrc": "pipelines:\n  web: not-an-id\n",
    "profile/.codeartsrc": "profiles:\n  prod: { region: cn-north-4 }\n",
  };
  for (const [name, content] of Object.entries(files)) {
    await mkdir(path.join(dir, path.dirname(name)), { recursive: true });
    await writeFile(path.join(dir, name), content);
    await chmod(path.join(dir, name), 0o600);
  }
  await mkdir(path.join(dir, "a-directory"));
});
afterAll(async () => {
  await sim.close();
  await rm(dir, { recursive: true, force: true });
});

interface Case {
  name: string;
  args: () => string[];
  env?: () => Record<string, string>;
  /** Folder under the temp dir to run in (config search starts there). */
  cwd?: string;
  input?: string;
  fault?: FaultSpec;
  code: number;
  message: RegExp;
}

const id = (name: string) => sim.pipeline(name).id;
const simEnv = () => ({
  CODEARTS_ENDPOINT: sim.url,
  CODEARTS_TOKEN: sim.token,
  CODEARTS_PROJECT_ID: sim.projectId,
});
const noEnv = () => ({});

const ARGV_CASES: Case[] = [
  {
    name: "an unknown command",
    args: () => ["frobnicate"],
    code: 2,
    message: /unknown command 'frobnicate'/,
  },
  {
    name: "an unknown flag",
    args: () => ["status", id("web"), "--frob"],
    code: 2,
    message: /unknown option '--frob'/,
  },
  {
    name: "a missing pipeline argument",
    args: () => ["status"],
    code: 2,
    message: /no pipeline given/,
  },
  {
    name: "a run id too short",
    args: () => ["status", id("web"), "--run", "42"],
    code: 2,
    message: /invalid run id "42"/,
  },
  {
    name: "a run id with escape sequences",
    args: () => ["status", id("web"), "--run", "\u001b[2Jabc"],
    code: 2,
    message: /invalid run id "abc"/,
  },
  {
    name: "a bad --project",
    args: () => ["status", id("web"), "--project", "x"],
    code: 2,
    message: /invalid project id "x" \(--project\)/,
  },
  {
    name: "an unknown output format",
    args: () => ["status", id("web"), "-o", "xml"],
    code: 2,
    message: /argument 'xml' is invalid/,
  },
  {
    name: "a negative request timeout",
    args: () => ["status", id("web"), "--request-timeout", "-1"],
    code: 2,
    message: /greater than 0/,
  },
  {
    name: "a request timeout that is not a number",
    args: () => ["status", id("web"), "--request-timeout", "soon"],
    code: 2,
    message: /greater than 0/,
  },
  {
    name: "a pipeline reference with escape sequences",
    args: () => ["status", "web\u001b]0;pwned\u0007"],
    env: simEnv,
    code: 2,
    message: /is not a pipeline id, alias or name/,
  },
  {
    name: "a 200-character pipeline reference",
    args: () => ["status", "p".repeat(200)],
    env: simEnv,
    code: 2,
    message: /is not a pipeline id/,
  },
  {
    name: "an endpoint that is not a URL",
    args: () => ["status", id("web"), "--endpoint", "::nope"],
    code: 2,
    message: /not a URL/,
  },
  {
    name: "an ftp endpoint",
    args: () => ["status", id("web"), "--endpoint", "ftp://example.com"],
    code: 2,
    message: /must be an http\(s\) URL/,
  },
  {
    name: "a plain-http remote endpoint",
    args: () => ["status", id("web"), "--endpoint", "http://example.com"],
    code: 2,
    message: /refusing to send credentials over plain http/,
  },
  {
    name: "an endpoint with a password in it",
    args: () => ["status", id("web"), "--endpoint", "https://user:hunter2@example.com"],
    code: 2,
    message: /must not contain a user name or password/,
  },
  {
    name: "a profile without a config file",
    args: () => ["status", id("web"), "--profile", "prod"],
    code: 2,
    message: /profile "prod"/,
  },
  {
    name: "both stdin credentials at once",
    args: () => ["status", id("web"), "--token-stdin", "--password-stdin"],
    code: 2,
    message: /cannot be used together/,
  },
  {
    name: "an empty --token-stdin",
    args: () => ["status", id("web"), "--token-stdin"],
    input: "",
    code: 2,
    message: /standard input was empty/,
  },
  {
    name: "a simulator port out of range",
    args: () => ["simulate", "--port", "99999"],
    code: 2,
    message: /port from 0 to 65535/,
  },
  {
    name: "an unknown simulator fault",
    args: () => ["simulate", "--port", "0", "--fault", "bogus"],
    code: 2,
    message: /fault kind "bogus"/i,
  },
  {
    name: "a simulator on a public interface",
    args: () => ["simulate", "--port", "0", "--host", "0.0.0.0"],
    code: 2,
    message: /loopback/,
  },
];

const ENV_CASES: Case[] = [
  {
    name: "a malformed CODEARTS_PROJECT_ID",
    args: () => ["status", id("web")],
    env: () => ({ ...simEnv(), CODEARTS_PROJECT_ID: "my project" }),
    code: 2,
    message: /CODEARTS_PROJECT_ID/,
  },
  {
    name: "an unknown CODEARTS_REGION",
    args: () => ["status", id("web")],
    env: () => ({ ...simEnv(), CODEARTS_ENDPOINT: "", CODEARTS_REGION: "moon-1" }),
    code: 2,
    message: /unknown region "moon-1"/,
  },
  {
    name: "a plain-http CODEARTS_ENDPOINT",
    args: () => ["status", id("web")],
    env: () => ({ ...simEnv(), CODEARTS_ENDPOINT: "http://10.1.2.3:8080" }),
    code: 2,
    message: /plain http to 10\.1\.2\.3:8080 \(CODEARTS_ENDPOINT\)/,
  },
  {
    name: "an AK without its SK",
    args: () => ["status", id("web")],
    env: () => ({ CODEARTS_ENDPOINT: sim.url, CODEARTS_PROJECT_ID: sim.projectId, CLOUD_SDK_AK: "AKAKAK" }),
    code: 2,
    message: /CLOUD_SDK_AK is set but its SK is not/,
  },
  {
    name: "a password without a user",
    args: () => ["status", id("web")],
    env: () => ({ CODEARTS_ENDPOINT: sim.url, CODEARTS_PROJECT_ID: sim.projectId, CODEARTS_PASSWORD: "pw" }),
    code: 2,
    message: /a password is given/,
  },
  {
    name: "a token with a line break (header injection)",
    args: () => ["status", id("web")],
    env: () => ({ ...simEnv(), CODEARTS_TOKEN: "abc\r\nX-Injected: 1" }),
    code: 2,
    message: /CODEARTS_TOKEN contains a line break or control character/,
  },
  {
    name: "no credentials at all",
    args: () => ["status", id("web")],
    env: () => ({ CODEARTS_ENDPOINT: sim.url, CODEARTS_PROJECT_ID: sim.projectId }),
    code: 2,
    message: /no credentials/,
  },
  {
    name: "an unknown CODEARTS_PROFILE",
    args: () => ["status", id("web")],
    env: () => ({ ...simEnv(), CODEARTS_PROFILE: "staging" }),
    cwd: "profile",
    code: 2,
    message: /profile "staging" \(CODEARTS_PROFILE\)/,
  },
];

const CONFIG_CASES: Case[] = [
  {
    name: "invalid YAML",
    args: () => ["status", id("web")],
    env: simEnv,
    cwd: "yaml",
    code: 2,
    message: /\.codeartsrc: it is not valid/,
  },
  {
    name: "invalid JSON",
    args: () => ["status", id("web")],
    env: simEnv,
    cwd: "json",
    code: 2,
    message: /\.codeartsrc\.json: it is not valid/,
  },
  {
    name: "a wrong type",
    args: () => ["status", id("web")],
    env: simEnv,
    cwd: "type",
    code: 2,
    message: /region must be a region name of lower-case letters, digits and hyphens/,
  },
  {
    name: "an unknown key",
    args: () => ["status", id("web")],
    env: simEnv,
    cwd: "unknown",
    code: 2,
    message: /regoin is not a known key/,
  },
  {
    name: "a list at the top level",
    args: () => ["status", id("web")],
    env: simEnv,
    cwd: "list",
    code: 2,
    message: /the top level must be a map/,
  },
  {
    name: "a JS config that throws (named: a found one is never run)",
    args: () => ["--config", "codearts.config.cjs", "status", id("web")],
    env: simEnv,
    cwd: "throws",
    code: 2,
    message: /boom from config/,
  },
  {
    name: "profiles that are not a map",
    args: () => ["status", id("web")],
    env: simEnv,
    cwd: "profiles",
    code: 2,
    message: /profiles must be a map/,
  },
  {
    name: "an alias with a bad id",
    args: () => ["status", "web"],
    env: simEnv,
    cwd: "alias",
    code: 2,
    message: /pipeline id for alias "web"/,
  },
  {
    name: "a directory given as --config",
    args: () => ["status", id("web"), "--config", path.join(dir, "a-directory")],
    env: simEnv,
    code: 2,
    message: /it is a directory, not a file/,
  },
  {
    name: "a missing --config file",
    args: () => ["status", id("web"), "--config", path.join(dir, "nope.yaml")],
    env: simEnv,
    code: 2,
    message: /nope\.yaml: no such file/,
  },
];

const SERVER_CASES: Case[] = [
  {
    name: "truncated JSON",
    args: () => ["status", id("web")],
    env: simEnv,
    fault: { kind: "truncated" },
    code: 5,
    message: /not valid JSON/,
  },
  {
    name: "an HTML 502 page",
    args: () => ["status", id("web")],
    env: simEnv,
    fault: { kind: "html-502" },
    code: 5,
    message: /non-JSON answer/,
  },
  {
    name: "an error body with HTTP 200",
    args: () => ["status", id("web")],
    env: simEnv,
    fault: { kind: "error-200" },
    code: 5,
    message: /HTTP 200; DEVPIPE/,
  },
  {
    name: "an answer larger than the bound",
    args: () => ["status", id("web")],
    env: simEnv,
    fault: { kind: "oversized" },
    code: 5,
    message: /larger than 32 MiB; refusing to read it/,
  },
  {
    name: "a slow drip past the request timeout",
    args: () => ["status", id("web"), "--request-timeout", "0.5"],
    env: simEnv,
    fault: { kind: "drip" },
    code: 5,
    message: /no complete answer from .* within 500 ms/,
  },
  {
    name: "dropped connections",
    args: () => ["status", id("web")],
    env: simEnv,
    fault: { kind: "drop" },
    code: 5,
    message: /the connection was closed before an answer arrived/,
  },
  {
    name: "a pipeline that never ran",
    args: () => ["status", id("empty")],
    env: simEnv,
    code: 4,
    message: /not found/,
  },
  {
    name: "a wrong project for the pipeline",
    args: () => ["status", id("web"), "--project", "ffffffffffffffffffffffffffffffff"],
    env: simEnv,
    code: 4,
    message: /does not belong to this project|project not found/,
  },
];

describe.each([
  ["argv", ARGV_CASES],
  ["environment", ENV_CASES],
  ["config files", CONFIG_CASES],
  ["server answers", SERVER_CASES],
])("hostile %s", (_group, cases) => {
  it.each(cases.map((c) => [c.name, c] as const))("%s", async (_name, c) => {
    sim.setFaults(c.fault ? [c.fault] : []);
    try {
      const result = await runCommand(c.args(), (c.env ?? noEnv)(), {
        cwd: c.cwd ? path.join(dir, c.cwd) : undefined,
        input: c.input,
      });
      expect(result.code, result.stderr).toBe(c.code);
      expect(result.stdout).toBe("");
      expect(result.stderr).toMatch(c.message);
      expect(result.stderr).not.toMatch(STACK_TRACE);
      expect(result.stderr).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/);
      expect(result.stderr).not.toContain("hunter2");
      // Commander's own usage errors end with the help pointer; ours with a hint.
      expect(result.stderr).toMatch(/(^|\n)error: [^\n]+\n(hint: [^\n]+\n|\(run with --help for usage\)\n)$/);
    } finally {
      sim.setFaults([]);
    }
  });
});

describe("hostile server answers that still hold a readable run", () => {
  it.each([
    ["escape sequences in every string", "escapes"],
    ["wrong types everywhere but the status", "wrong-types"],
    ["100,000 levels of nesting", "deep-nesting"],
    ["megabyte strings", "huge-strings"],
    ["invalid UTF-8", "invalid-utf8"],
  ] as const)("%s: rendered safely, exit code from the run's status", async (_name, kind) => {
    sim.setFaults([{ kind }]);
    try {
      const result = await runCommand(["status", id("api")], simEnv());
      expect(result.code).toBe(1);
      expect(result.stderr).not.toMatch(STACK_TRACE);
      // Layout newlines only: no escape sequence, C0/C1 control, bidi override or bare CR reaches the terminal.
      expect(result.stdout).not.toMatch(
        /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/,
      );
      expect(result.stdout).toContain("FAILED");
    } finally {
      sim.setFaults([]);
    }
  });
});
