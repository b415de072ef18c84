import { describe, expect, it } from "vitest";
import { headingAnchors, linkTargets, tableUnder } from "./markdown.js";

describe("reading the docs' markdown", () => {
  it("gives headings the anchors GitHub gives them", () => {
    const anchors = headingAnchors(
      [
        "# Exit codes",
        "## Several pipelines: `status web api docs` or `status --all`",
        "### codearts-run config show",
        "## --json_lines and *more*",
        "## Exit codes",
        "```sh",
        "# a comment, not a heading",
        "```",
      ].join("\n"),
    );
    expect([...anchors]).toEqual([
      "exit-codes",
      "several-pipelines-status-web-api-docs-or-status---all",
      "codearts-run-config-show",
      "--json_lines-and-more",
      "exit-codes-1",
    ]);
  });

  it("finds the links of the prose, not those in code", () => {
    const text =
      "See [a](docs/a.md#x) and ![b](img.png).\n\n```md\n[c](c.md)\n```\n`[d](d.md)` [e](https://e.example)";
    expect(linkTargets(text)).toEqual(["docs/a.md#x", "img.png", "https://e.example"]);
  });

  it("reads a table's rows under a heading, escaped pipes kept in their cell", () => {
    const text = "## T\n\n| a | b |\n| - | - |\n| `x\\|y` | 2 |\n| 3 | 4 |\n\nafter\n\n| z |\n";
    expect(tableUnder(text, "T")).toEqual([
      ["`x|y`", "2"],
      ["3", "4"],
    ]);
    expect(tableUnder(text, "missing")).toEqual([]);
  });
});
