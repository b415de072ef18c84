import { describe, expect, it } from "vitest";
import { logHeader, logTextForTerminal } from "../../src/render/log-text.js";
import { createChalk } from "../../src/render/style.js";
import { showSgr } from "./helpers.js";

describe("log text", () => {
  it("heads each step with its path and status, the status coloured by kind on a terminal", () => {
    expect(logHeader("Test / Unit tests / Run tests", "FAILED", createChalk(0))).toBe(
      "==> Test / Unit tests / Run tests (FAILED)\n",
    );
    expect(showSgr(logHeader("A / B / C", "COMPLETED", createChalk(1)))).toBe(
      "{1}==>{22} {1}A / B / C{22} {32}(COMPLETED){39}\n",
    );
    expect(logHeader("A / B / C", "\u001b]0;pwned\u0007", createChalk(0))).toBe("==> A / B / C (UNKNOWN)\n");
  });

  it("keeps lines and removes escape sequences and control characters", () => {
    expect(
      logTextForTerminal("ok\r\n\u001b[31mred\u001b[0m\n\u001b]8;;http://x\u0007link\u001b]8;;\u0007\n"),
    ).toBe("ok\nred\nlink\n");
  });
});
