import { describe, expect, it } from "vitest";
import { type SettingProblem, validateConfig } from "../../src/config/schema.js";

function problem(raw: unknown): string {
  try {
    validateConfig(raw, "/p/.codeartsrc");
  } catch (error) {
    return (error as Error).message;
  }
  return "no problem";
}

describe("validateConfig", () => {
  it("accepts every documented key, at the top and in profiles", () => {
    const config = {
      region: "cn-north-4",
      projectId: "x",
      endpoint: "https://e",
      iamEndpoint: "https://i",
      iamProjectId: "i",
      domain: "d",
      username: "u",
      password: "p",
      token: "t",
      ak: "a",
      sk: "s",
      securityToken: "st",
      output: "json",
      requestTimeout: 10,
      pipelines: { web: "id" },
      defaultProfile: "p",
      profiles: { p: { region: "cn-north-1", pipelines: { api: "id" } } },
    };
    expect(validateConfig(config, "/p/.codeartsrc")).toEqual(config);
    expect(validateConfig(null, "/p/.codeartsrc")).toEqual({});
  });

  it("reports a wrong type or an unknown key with the file and key path", () => {
    expect(problem({ region: 4 })).toBe(
      "config file /p/.codeartsrc: region must be a region name of lower-case letters, digits and hyphens, e.g. cn-north-4, not number 4",
    );
    expect(problem({ regoin: "x" })).toBe(
      "config file /p/.codeartsrc: regoin is not a known key; did you mean region?",
    );
    expect(problem({ profiles: { ci: { projectID: "x" } } })).toBe(
      "config file /p/.codeartsrc: profiles.ci.projectID is not a known key; did you mean projectId?",
    );
    expect(problem({ colour: true })).toBe("config file /p/.codeartsrc: colour is not a known key");
    expect(problem({ profiles: { prod: { requestTimeout: "10s" } } })).toBe(
      'config file /p/.codeartsrc: profiles.prod.requestTimeout must be a number of seconds greater than 0, not string "10s"',
    );
    expect(problem({ profiles: { prod: { profiles: {} } } })).toBe(
      "config file /p/.codeartsrc: profiles.prod.profiles is not a known key",
    );
    expect(problem({ output: "xml" })).toMatch(/output must be table, json, markdown/);
    expect(problem({ pipelines: ["a"] })).toBe(
      "config file /p/.codeartsrc: pipelines must be a map of keys, not a list",
    );
    expect(problem({ pipelines: { web: 1 } })).toMatch(/pipelines.web must be a pipeline id string/);
    expect(problem(["a"])).toBe(
      "config file /p/.codeartsrc: the top level must be a map of keys, not a list",
    );
    expect(problem({ defaultProfile: 3 })).toMatch(/defaultProfile must be a profile name/);
  });

  it("with a problem list, records every problem and keeps every key that is right", () => {
    const problems: SettingProblem[] = [];
    const config = validateConfig(
      {
        region: "cn-north-4",
        regoin: "x",
        output: "xml",
        pipelines: { web: "id", bad: 1 },
        defaultProfile: 3,
        profiles: { ci: { token: "t", requestTimeout: "10s" }, broken: "nope" },
      },
      "/p/.codeartsrc",
      problems,
    );
    expect(config).toEqual({
      region: "cn-north-4",
      pipelines: { web: "id" },
      profiles: { ci: { token: "t" }, broken: {} },
    });
    expect(problems.map((p) => p.setting)).toEqual([
      "regoin",
      "output",
      "pipelines.bad",
      "defaultProfile",
      "profiles.ci.requestTimeout",
      "profiles.broken",
    ]);
    expect(problems[0]?.message).toMatch(/did you mean region\?$/);
  });
});
