import { describe, expect, test } from "vitest";
import { normaliseRun } from "../../src/model/run.js";
import { type RenderOptions, renderRunMarkdown, renderRunTable } from "../../src/render/index.js";
import { labelWithOrder, visibleRows } from "../../src/render/run-tree.js";
import { displayWidth } from "../../src/text/text-width.js";
import { loadDocument, RICH_NOW } from "./helpers.js";

/** mulberry32: a tiny seeded generator, so every failure is reproducible from its seed. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// Building blocks of hostile server text: escape introducers and terminators, C0/C1, bidi, line
// breaks, markdown syntax, wide characters, plus ordinary words so layout paths get exercised.
const PIECES = [
  "\u001b",
  "\u001b[",
  "\u001b]",
  "\u001bP",
  "\u001b\\",
  "\u0007",
  "\u009b",
  "\u009c",
  "\u009d",
  "\u0090",
  "\u0085",
  "\r",
  "\b",
  "\u0000",
  "\u007f",
  "\n",
  "\t",
  "\r\n",
  "\u2028",
  "\u2029",
  "\u202a",
  "\u202e",
  "\u2066",
  "\u2069",
  "\u200f",
  "[31m",
  "[2J",
  "8;;https://evil.example",
  "0;title",
  ";",
  "1",
  "m",
  "\\",
  "|",
  "*",
  "_",
  "`",
  "<",
  ">",
  "[",
  "]",
  "&",
  "$",
  "~",
  "#",
  "构建",
  "失败",
  "🚀",
  "é",
  "e\u0301",
  "Build",
  "deploy",
  "a very long word without any spaces at all to force a hard break",
  " ",
  "  ",
];

function hostileText(next: () => number): string {
  const length = Math.floor(next() * 12);
  let text = "";
  for (let i = 0; i < length; i++) text += PIECES[Math.floor(next() * PIECES.length)];
  return text;
}

/** The rich fixture with most of its strings (names, messages, statuses, ids, URLs…) replaced. */
function hostileDocument(value: unknown, next: () => number): unknown {
  if (typeof value === "string") return next() < 0.8 ? hostileText(next) : value;
  if (Array.isArray(value)) return value.map((item) => hostileDocument(item, next));
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, hostileDocument(item, next)]));
  }
  return value;
}

// Everything a terminal could act on, except the newline the layout itself puts in.
const CONTROL =
  /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]/u;
const OUR_SGR = /\u001b\[\d+m/g;

describe("random hostile server text never reaches the output as control characters", () => {
  const base = loadDocument("run-detail-rich.json");

  test.each(Array.from({ length: 150 }, (_, i) => i + 1))("seed %i", (seed) => {
    const next = random(seed);
    const document = hostileDocument(base, next) as Record<string, unknown>;
    // A third of the runs failed, so the failure footer (with a hostile next command) shows too;
    // the others get a hostile status (it must stay a non-empty string to count as a run).
    const status = seed % 3 === 0 ? "FAILED" : hostileText(next) || "RUNNING";
    const run = normaliseRun({ ...document, status });
    const columns = next() < 0.2 ? undefined : 50 + Math.floor(next() * 110);
    const options: RenderOptions = {
      colorLevel: 0,
      columns,
      timeStyle: next() < 0.5 ? "relative" : "iso",
      now: RICH_NOW,
      unicode: next() < 0.7,
      compact: next() < 0.3,
      showSteps: next() < 0.8,
      nextCommands: [hostileText(next)],
    };

    const plain = renderRunTable(run, options);
    expect(plain).not.toMatch(CONTROL);
    // Links and next commands are never cut (they are for copy and paste); on a terminal everything
    // else fits. Into a pipe (no columns) nothing is cut: every name is there whole.
    const [body = ""] = plain.split("\nNext steps:");
    if (columns !== undefined) {
      for (const line of body.split("\n").filter((line) => !line.startsWith("Link"))) {
        expect(displayWidth(line), JSON.stringify(line)).toBeLessThanOrEqual(columns);
      }
    } else {
      for (const row of visibleRows(run, options)) expect(plain).toContain(labelWithOrder(row.node));
    }

    const coloured = renderRunTable(run, { ...options, colorLevel: 1 });
    expect(coloured.replace(OUR_SGR, "")).not.toMatch(CONTROL);

    const markdown = renderRunMarkdown(run, options);
    expect(markdown).not.toMatch(CONTROL);
  });
});
