import { describe, expect, it } from "vitest";
import { UsageError } from "../../src/core/errors.js";
import { buildStartBody, type LatestRun, type StartChoices } from "../../src/handlers/run-request.js";
import { normaliseRun } from "../../src/model/run.js";

/** The start request's code sources, from the latest run's `sources`: one, several, none. */

function source(alias: string, branch: string) {
  return {
    type: "code",
    params: {
      git_type: "codehub",
      git_url: `https://example.com/team/${alias}.git`,
      repo_name: alias,
      codehub_id: "2111699716",
      alias,
      default_branch: "main",
      endpoint_id: "",
      ssh_git_url: "not sent back",
      build_params: { build_type: "branch", target_branch: branch, commit_id: "abc", event_type: "Push" },
    },
  };
}

function latest(sources: unknown[]): LatestRun {
  const document = { id: "25adfa6784124cfc9b9274ceaecf9957", status: "COMPLETED", stages: [], sources };
  return { run: normaliseRun(document), document };
}

function thrown(action: () => unknown): UsageError {
  try {
    action();
  } catch (error) {
    return error as UsageError;
  }
  throw new Error("expected an error");
}

const choices = (more: Partial<StartChoices>): StartChoices => ({
  variables: [],
  stages: [],
  jobs: [],
  ...more,
});

describe("buildStartBody: code sources", () => {
  it("sends every code source, the chosen one with the new branch, the others as they last built", () => {
    const body = buildStartBody(
      choices({ branch: "feature/x", source: "api" }),
      latest([source("web", "main"), source("api", "develop"), { type: "artifact", params: {} }]),
      "shop",
    );
    expect(body).toEqual({
      sources: [
        {
          type: "code",
          params: {
            git_type: "codehub",
            git_url: "https://example.com/team/web.git",
            codehub_id: "2111699716",
            alias: "web",
            default_branch: "main",
            endpoint_id: "",
            build_params: { build_type: "branch", target_branch: "main" },
          },
        },
        {
          type: "code",
          params: {
            git_type: "codehub",
            git_url: "https://example.com/team/api.git",
            codehub_id: "2111699716",
            alias: "api",
            default_branch: "main",
            endpoint_id: "",
            build_params: { build_type: "branch", target_branch: "feature/x", event_type: "Manual" },
          },
        },
      ],
    });
  });

  it("refuses several code sources when none is chosen, naming them", () => {
    const error = thrown(() =>
      buildStartBody(choices({ tag: "v1" }), latest([source("web", "main"), source("api", "main")]), "shop"),
    );
    expect(error).toBeInstanceOf(UsageError);
    expect(error.message).toBe("shop has 2 code sources; say which one --branch/--tag/--commit is for");
    expect(error.hint).toBe("add --source <alias>, one of: web, api");
  });

  it("refuses --branch for a pipeline without a code source", () => {
    expect(() => buildStartBody(choices({ branch: "x" }), latest([]), "nightly")).toThrow(
      /nightly has no code source, so --branch, --tag and --commit do not apply/,
    );
  });

  it("refuses a --source that is not one of them", () => {
    expect(() =>
      buildStartBody(choices({ branch: "x", source: "docs" }), latest([source("web", "main")]), "shop"),
    ).toThrow(/shop has no code source named "docs"/);
  });
});
