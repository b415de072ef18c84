import { describe, expect, it } from "vitest";
import { exitCodeForRunStatus, isTerminalRunStatus, statusKind } from "../../src/model/status.js";

describe("the run status → exit code predicate", () => {
  it("follows the documented contract", () => {
    expect(exitCodeForRunStatus("COMPLETED")).toBe(0);
    expect(exitCodeForRunStatus("FAILED")).toBe(1);
    expect(exitCodeForRunStatus("ASYNC_FAILED")).toBe(1);
    expect(exitCodeForRunStatus("CANCELED")).toBe(6);
    expect(exitCodeForRunStatus("IGNORED")).toBe(6);
    for (const unfinished of ["RUNNING", "PAUSED", "SUSPEND", "QUEUED", "INIT", "SOMETHING_NEW"]) {
      expect(exitCodeForRunStatus(unfinished)).toBe(0);
      expect(isTerminalRunStatus(unfinished)).toBe(false);
    }
  });

  it("classifies unknown statuses as unknown rather than guessing", () => {
    expect(statusKind("NEW_STATUS")).toBe("unknown");
    expect(statusKind("SUSPEND")).toBe("waiting");
    expect(statusKind("UNSELECTED")).toBe("skipped");
  });
});
