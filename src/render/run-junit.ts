import type { JobView, RunView, StageView, StepView } from "../model/run.js";
import { statusKind } from "../model/status.js";
import { sanitizeText } from "../text/sanitize.js";
import { elapsedMs } from "./elapsed.js";
import { jobLabel, stageLabel, stepLabel } from "./run-tree.js";
import { formatIso } from "./time-format.js";

/**
 * The run as a JUnit XML report, for CI servers that show test results. One <testsuite> per stage
 * (the unit a CodeArts run is read by, and what a report groups by), one <testcase> per step, named
 * "job/step" so a job's steps sort together; entry and exit steps are "entry: …" / "exit: …", and a
 * job without steps is one testcase of its own so a skipped or failed job is never lost.
 * FAILED → <failure> with the message; anything else that did not complete → <skipped>.
 */

interface Case {
  name: string;
  status: string;
  message?: string;
  ms?: number;
}

interface Tally {
  tests: number;
  failures: number;
  skipped: number;
}

// Characters XML 1.0 does not allow at all (not even escaped): most C0 controls, lone surrogates,
// U+FFFE and U+FFFF.
const NOT_XML = /[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]/gu;

function xml(value: string, inAttribute = false): string {
  const escaped = value
    .replace(NOT_XML, "")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&apos;");
  // A parser turns a raw newline in an attribute into a space; the character reference survives.
  return inAttribute ? escaped.replace(/\n/g, "&#10;") : escaped;
}

function cleanMessage(value: string | undefined): string | undefined {
  const text = value === undefined ? "" : sanitizeText(value, { keepNewlines: true }).trim();
  return text === "" ? undefined : text;
}

function seconds(ms: number | undefined): string {
  return ((ms ?? 0) / 1000).toFixed(3);
}

function stepCase(step: StepView, name: string, clock: number | undefined): Case {
  return {
    name,
    status: step.status,
    message: cleanMessage(step.message),
    ms: clock === undefined ? undefined : elapsedMs(step, clock),
  };
}

function jobCases(job: JobView, clock: number | undefined): Case[] {
  const job_ = jobLabel(job);
  if (job.steps.length === 0) {
    return [
      {
        name: job_,
        status: job.status,
        message: cleanMessage(job.message),
        ms: clock === undefined ? undefined : elapsedMs(job, clock),
      },
    ];
  }
  return job.steps.map((step) => stepCase(step, `${job_}/${stepLabel(step)}`, clock));
}

function stageCases(stage: StageView, clock: number | undefined): Case[] {
  return [
    ...stage.pre.map((step) => stepCase(step, `entry: ${stepLabel(step)}`, clock)),
    ...stage.jobs.flatMap((job) => jobCases(job, clock)),
    ...stage.post.map((step) => stepCase(step, `exit: ${stepLabel(step)}`, clock)),
  ];
}

function tally(cases: Case[]): Tally {
  const kinds = cases.map((c) => statusKind(c.status));
  return {
    tests: cases.length,
    failures: kinds.filter((k) => k === "failed").length,
    skipped: kinds.filter((k) => k !== "failed" && k !== "success").length,
  };
}

function counts(t: Tally): string {
  return `tests="${t.tests}" failures="${t.failures}" errors="0" skipped="${t.skipped}"`;
}

function renderCase(c: Case, classname: string): string[] {
  const open = `    <testcase classname="${xml(classname, true)}" name="${xml(c.name, true)}" time="${seconds(c.ms)}"`;
  const kind = statusKind(c.status);
  const status = sanitizeText(c.status);
  if (kind === "success") return [`${open}/>`];
  if (kind === "failed") {
    const message = c.message ?? status;
    return [
      `${open}>`,
      `      <failure message="${xml(message, true)}" type="${xml(status, true)}">${xml(message)}</failure>`,
      "    </testcase>",
    ];
  }
  const reason = c.message ? `${status}: ${c.message}` : status;
  return [`${open}>`, `      <skipped message="${xml(reason, true)}"/>`, "    </testcase>"];
}

function renderSuite(stage: StageView, clock: number | undefined): { lines: string[]; tally: Tally } {
  const name = stageLabel(stage);
  const cases = stageCases(stage, clock);
  const t = tally(cases);
  const ms = clock === undefined ? undefined : elapsedMs(stage, clock);
  const timestamp =
    stage.startTime === undefined ? "" : ` timestamp="${formatIso(stage.startTime).slice(0, 19)}"`;
  return {
    tally: t,
    lines: [
      `  <testsuite name="${xml(name, true)}" ${counts(t)} time="${seconds(ms)}"${timestamp}>`,
      ...cases.flatMap((c) => renderCase(c, name)),
      "  </testsuite>",
    ],
  };
}

export function renderRunJunit(run: RunView): string {
  // Running items are measured on the server's clock; without it they get no time.
  const clock = run.serverTime ?? run.endTime;
  const suites = run.stages.map((stage) => renderSuite(stage, clock));
  const total = suites.reduce(
    (sum, s) => ({
      tests: sum.tests + s.tally.tests,
      failures: sum.failures + s.tally.failures,
      skipped: sum.skipped + s.tally.skipped,
    }),
    { tests: 0, failures: 0, skipped: 0 },
  );
  const name = sanitizeText(run.name ?? "").trim() || "(unnamed pipeline)";
  const title = run.runNumber === undefined ? name : `${name} #${run.runNumber}`;
  const ms = clock === undefined ? undefined : elapsedMs(run, clock);
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="${xml(title, true)}" ${counts(total)} time="${seconds(ms)}">`,
    ...suites.flatMap((s) => s.lines),
    "</testsuites>",
    "",
  ].join("\n");
}
