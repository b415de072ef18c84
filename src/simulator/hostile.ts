/**
 * Hostile run-detail answers, for proving the CLI survives what a broken or malicious server (or a
 * proxy in between) could send: terminal escape sequences in every string, wrong types, absurd
 * nesting, huge strings, invalid UTF-8, and answers too large to read.
 */

type Doc = Record<string, unknown>;

/** Rewriting faults: they change a run-detail answer's body, so they apply to run detail only. */
export const HOSTILE_KINDS = [
  "escapes",
  "wrong-types",
  "deep-nesting",
  "huge-strings",
  "invalid-utf8",
  "oversized",
] as const;
export type HostileKind = (typeof HOSTILE_KINDS)[number];

/** Escape sequences and controls a terminal would act on: clear screen, OSC 8 link, title, bidi, CR, BS, C1 CSI. */
export const HOSTILE_TEXT =
  "\u001b[2J\u001b[H\u001b]8;;https://evil.example\u0007click\u001b]8;;\u0007\u001b]0;pwned\u0007\u202Eevil\u202C\rback\bspace\u009b31m";

const OVERSIZED_BYTES = 33 * 1024 * 1024;

function objects(value: unknown): Doc[] {
  return Array.isArray(value) ? value.filter((v): v is Doc => v !== null && typeof v === "object") : [];
}

function everyStep(document: Doc): Doc[] {
  return objects(document.stages).flatMap((stage) => [
    ...objects(stage.pre),
    ...objects(stage.jobs).flatMap((job) => objects(job.steps)),
    ...objects(stage.post),
  ]);
}

function withEscapes(document: Doc): Doc {
  document.name = `${document.name}${HOSTILE_TEXT}`;
  document.executor_name = HOSTILE_TEXT;
  document.detail_url = `https://console.example/${HOSTILE_TEXT}`;
  for (const stage of objects(document.stages)) {
    stage.name = `${stage.name}${HOSTILE_TEXT}`;
    for (const job of objects(stage.jobs)) {
      job.name = `${job.name}${HOSTILE_TEXT}`;
      job.status = `${HOSTILE_TEXT}`;
    }
  }
  for (const step of everyStep(document)) {
    step.name = `${step.name}${HOSTILE_TEXT}`;
    step.message = `line one${HOSTILE_TEXT}\nline two`;
  }
  return document;
}

function withWrongTypes(document: Doc): Doc {
  // Everything but the run's status, which the exit code depends on, takes a type it should not.
  document.run_number = "seven";
  document.start_time = { when: "yesterday" };
  document.end_time = [];
  document.name = 42;
  document.sources = "not a list";
  objects(document.stages).forEach((stage, i) => {
    stage.jobs = i % 2 === 0 ? "no jobs" : { 0: "x" };
    stage.pre = 17;
    stage.name = null;
    stage.depends_on = { a: 1 };
  });
  document.stages = [...objects(document.stages), "a stage that is a string", null, 5];
  return document;
}

function withDeepNesting(document: Doc): string {
  // Built as text: a value this deep cannot be created with JSON.stringify without overflowing.
  const depth = 100_000;
  const json = JSON.stringify(document);
  return `${json.slice(0, -1)},"nested":${"[".repeat(depth)}${"]".repeat(depth)}}`;
}

function withHugeStrings(document: Doc): Doc {
  const huge = `${"x".repeat(1024 * 1024)} end`;
  document.name = huge;
  for (const step of everyStep(document)) step.message = huge;
  return document;
}

function withInvalidUtf8(body: string): Buffer {
  // Bytes that are not UTF-8 (a lone continuation byte, an overlong form, a truncated sequence) in a name.
  const marker = '"name" : "';
  const at = body.indexOf(marker) + marker.length;
  const head = Buffer.from(body.slice(0, at));
  return Buffer.concat([head, Buffer.from([0x80, 0xc0, 0xaf, 0xe2, 0x82]), Buffer.from(body.slice(at))]);
}

function withOversizedPadding(document: Doc): string {
  const json = JSON.stringify(document);
  return `${json.slice(0, -1)},"padding":"${"p".repeat(OVERSIZED_BYTES)}"}`;
}

export function hostileBody(kind: HostileKind, body: string): string | Buffer {
  const document = JSON.parse(body) as Doc;
  switch (kind) {
    case "escapes":
      return JSON.stringify(withEscapes(document));
    case "wrong-types":
      return JSON.stringify(withWrongTypes(document));
    case "deep-nesting":
      return withDeepNesting(document);
    case "huge-strings":
      return JSON.stringify(withHugeStrings(document));
    case "invalid-utf8":
      return withInvalidUtf8(body);
    case "oversized":
      return withOversizedPadding(document);
  }
}
