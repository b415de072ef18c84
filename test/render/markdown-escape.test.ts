import { expect, test } from "vitest";
import { escapeMarkdown, fencedBlock, markdownLink } from "../../src/render/markdown-escape.js";

test("markdown-significant characters from the server are shown as written", () => {
  expect(escapeMarkdown("a|b *c* _d_ `e` [f](g) ~h~ $i$ \\j")).toBe(
    "a\\|b \\*c\\* \\_d\\_ \\`e\\` \\[f\\](g) \\~h\\~ \\$i\\$ \\\\j",
  );
  expect(escapeMarkdown('<img src=x onerror="alert(1)"> & &amp;')).toBe(
    '&lt;img src=x onerror="alert(1)"&gt; &amp; &amp;amp;',
  );
});

test("only plain http(s) URLs become links", () => {
  expect(markdownLink("https://example.com/run/1?x=1")).toBe("<https://example.com/run/1?x=1>");
  expect(markdownLink("javascript:alert(1)")).toBe("javascript:alert(1)");
  expect(markdownLink("https://example.com/a>b")).toBe("https://example.com/a&gt;b");
});

test("a fenced block cannot be closed early by backticks inside it", () => {
  expect(fencedBlock(["echo ```"], "sh")).toBe("````sh\necho ```\n````");
  expect(fencedBlock(["codearts-run status x"], "sh")).toBe("```sh\ncodearts-run status x\n```");
});
