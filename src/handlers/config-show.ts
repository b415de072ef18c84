import { outputFor } from "../command-kit/output.js";
import type { SettingProblem } from "../config/schema.js";
import { SETTINGS, type SettingRow } from "../config/setting-table.js";
import type { Credentials, Settings, Sourced } from "../config/settings.js";
import type { Context } from "../core/context.js";
import { ExitCode, type ExitCodeValue } from "../core/exit-codes.js";
import { type GlobalOptions, loadSettings } from "../session/session.js";
import { sanitizeText } from "../text/sanitize.js";
import { displayWidth } from "../text/text-width.js";

/**
 * `codearts-run config show [-o json]`: the effective settings and where each came from, one row
 * per row of the settings table (src/config/setting-table.ts), in its order, the profile first.
 * Secrets are never shown: a secret row's value appears only as "<redacted>", and a masked one (the
 * access key) only by its first four characters. Credentials are shown for the method in use only.
 * A setting that cannot be used (a wrong region, an unknown key) is shown with its problem under
 * its row rather than ending the command: that is exactly when the user needs to see the rest.
 */

const REDACTED = "<redacted>";
const NOT_SET = "(not set)";

interface Row {
  setting: string;
  value: string;
  source: string;
  problems?: SettingProblem[];
}

type Value = Sourced<string | number> | undefined;

const METHOD: Record<Credentials["kind"], string> = {
  token: "IAM token",
  aksk: "AK/SK request signing",
  password: "IAM user and password",
};

/** The value as it may be shown: redacted when secret, cut when masked. */
function shownValue(row: SettingRow, value: string | number): string | number {
  if (row.secret) return REDACTED;
  return row.masked ? `${String(value).slice(0, 4)}…` : value;
}

function tableRow(row: SettingRow, found: Value): Row {
  if (!found) return { setting: row.label, value: NOT_SET, source: "" };
  const value = String(shownValue(row, found.value));
  return { setting: row.label, value: row.unit ? `${value} ${row.unit}` : value, source: found.source };
}

function jsonValue(row: SettingRow, found: Value) {
  return found ? { value: shownValue(row, found.value), source: found.source } : null;
}

/** In table order, the profile first: it picks where the others are read from. */
const SHOWN_ROWS: readonly SettingRow[] = [
  ...SETTINGS.filter((row) => row.resolution === "profile"),
  ...SETTINGS.filter((row) => row.resolution !== "profile"),
];
const CREDENTIAL_ROWS = SETTINGS.filter((row) => row.resolution === "credential");
/** The credentials are shown together (one method), where the table's first one is. */
const isFirstCredential = (row: SettingRow) => row === CREDENTIAL_ROWS[0];

function credentialRows(settings: Settings): Row[] {
  const credentials = settings.credentials;
  const method: Row = {
    setting: "auth method",
    value: credentials ? METHOD[credentials.kind] : "(none)",
    source: "",
  };
  if (!credentials) return [method, { setting: "credentials", value: NOT_SET, source: "" }];
  const inUse = CREDENTIAL_ROWS.filter((row) => settings.effective[row.key] !== undefined);
  return [method, ...inUse.map((row) => tableRow(row, settings.effective[row.key]))];
}

/** Rows name the problems of their setting; a config file's key problems go under the file's row. */
function withProblems(rows: Row[], problems: readonly SettingProblem[]): Row[] {
  const rowOf = (problem: SettingProblem) =>
    rows.find((r) => r.setting === problem.setting) ??
    rows.find((r) => r.setting === (problem.setting === "credentials" ? "auth method" : "config file"));
  for (const problem of problems) {
    const target = rowOf(problem);
    if (target) target.problems = [...(target.problems ?? []), problem];
  }
  return rows;
}

function rowsFor(settings: Settings, unreadable: boolean): Row[] {
  const profiles = settings.availableProfiles ?? [];
  const rows: Row[] = [
    {
      setting: "config file",
      value: settings.configFile ?? (unreadable ? "(not read)" : "(none found)"),
      source: "",
    },
    { setting: "profiles", value: profiles.length > 0 ? profiles.join(", ") : "(none)", source: "" },
  ];
  for (const row of SHOWN_ROWS) {
    if (isFirstCredential(row)) rows.push(...credentialRows(settings));
    else if (row.resolution !== "credential") rows.push(tableRow(row, settings.effective[row.key]));
  }
  for (const [alias, id] of Object.entries(settings.pipelines)) {
    rows.push({ setting: `pipeline alias ${alias}`, value: id.value, source: id.source });
  }
  return rows;
}

/** Every credential of the method in use, `null` when not given (e.g. no security token). */
function credentialJson(settings: Settings) {
  const ofMethod = CREDENTIAL_ROWS.filter((row) => row.method === settings.credentials?.kind);
  return Object.fromEntries(ofMethod.map((row) => [row.key, jsonValue(row, settings.effective[row.key])]));
}

function asJson(settings: Settings, problems: readonly SettingProblem[]): unknown {
  const credentials = settings.credentials;
  return {
    configFile: settings.configFile ?? null,
    profiles: settings.availableProfiles ?? [],
    ...Object.fromEntries(
      SHOWN_ROWS.filter((row) => row.resolution !== "credential" || isFirstCredential(row)).map((row) =>
        isFirstCredential(row)
          ? ["credentials", credentials ? { kind: credentials.kind, ...credentialJson(settings) } : null]
          : [row.jsonKey ?? row.key, jsonValue(row, settings.effective[row.key])],
      ),
    ),
    pipelines: Object.fromEntries(
      Object.entries(settings.pipelines).map(([alias, id]) => [
        alias,
        { value: id.value, source: id.source },
      ]),
    ),
    problems,
  };
}

function padToWidth(text: string, width: number): string {
  return `${text}${" ".repeat(Math.max(0, width - displayWidth(text)))}`;
}

/** Aligned by display width, so an alias in CJK or with emoji does not push its row out of line. */
function printRows(rows: Row[], ctx: Context): void {
  const width = Math.max(...rows.map((r) => displayWidth(r.setting)));
  const valueWidth = Math.min(60, Math.max(...rows.map((r) => displayWidth(r.value))));
  const indent = " ".repeat(width + 2);
  for (const r of rows) {
    const line = `${padToWidth(r.setting, width)}  ${r.source ? `${padToWidth(r.value, valueWidth)}  ${r.source}` : r.value}`;
    ctx.io.out.write(`${line.trimEnd()}\n`);
    for (const problem of r.problems ?? []) {
      ctx.io.out.write(`${indent}problem: ${problem.message}\n`);
      if (problem.hint) ctx.io.out.write(`${indent}hint: ${problem.hint}\n`);
    }
  }
}

export async function runConfigShow(options: GlobalOptions, ctx: Context): Promise<ExitCodeValue> {
  const problems: SettingProblem[] = [];
  const settings = await loadSettings(options, ctx, { problems });
  const clean = (text: string) => sanitizeText(text);
  const shown = problems.map((p) => ({
    setting: clean(p.setting),
    message: clean(p.message),
    ...(p.hint ? { hint: clean(p.hint) } : {}),
  }));
  if (outputFor("settings", settings.output.value) === "json") {
    ctx.io.out.write(`${JSON.stringify(asJson(settings, shown), null, 2)}\n`);
    return ExitCode.Ok;
  }
  const unreadable = problems.some((p) => p.setting === "config file");
  const rows = rowsFor(settings, unreadable).map((r) => ({
    ...r,
    setting: clean(r.setting),
    value: clean(r.value),
    source: clean(r.source),
  }));
  printRows(withProblems(rows, shown), ctx);
  return ExitCode.Ok;
}
