/**
 * A tiny schema language for the service's JSON answers, and a validator that lists every
 * difference (not just the first). Written from the official SDK models (reference §7): each SDK
 * field is a pointer with `omitempty`, so a field may be absent or null unless marked required,
 * but when present it must have the SDK's type — a string is never a number, and a field the
 * model does not have is reported. The client parses leniently; the simulator is held to this.
 */

export type Schema =
  | { kind: "string" | "integer" | "boolean" | "any" }
  | { kind: "array"; of: Schema }
  | { kind: "object"; fields: Record<string, Schema>; required: string[]; open: boolean }
  | { kind: "oneOf"; of: Schema[] }
  /** Never null, even though a field may otherwise be. */
  | { kind: "present"; of: Schema };

export const str: Schema = { kind: "string" };
export const int: Schema = { kind: "integer" };
export const bool: Schema = { kind: "boolean" };
export const anything: Schema = { kind: "any" };
export const arr = (of: Schema): Schema => ({ kind: "array", of });
export const oneOf = (...of: Schema[]): Schema => ({ kind: "oneOf", of });
/** Must be there and not null. */
export const present = (of: Schema): Schema => ({ kind: "present", of });

/** An object with exactly these fields; those wrapped in `present` must be there. */
export function obj(fields: Record<string, Schema>, options: { open?: boolean } = {}): Schema {
  const required = Object.entries(fields)
    .filter(([, schema]) => schema.kind === "present")
    .map(([name]) => name);
  return { kind: "object", fields, required, open: options.open ?? false };
}

export interface Difference {
  /** Where, as `$.stages[0].jobs[1].async`. */
  path: string;
  problem: string;
}

function typeName(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  if (typeof value === "number") return Number.isInteger(value) ? "integer" : "number";
  return typeof value;
}

function describe(schema: Schema): string {
  switch (schema.kind) {
    case "array":
      return `array of ${describe(schema.of)}`;
    case "object":
      return "object";
    case "oneOf":
      return schema.of.map(describe).join(" or ");
    case "present":
      return describe(schema.of);
    default:
      return schema.kind;
  }
}

export function validate(schema: Schema, value: unknown, path = "$"): Difference[] {
  const wrongType = (): Difference[] => [
    { path, problem: `expected ${describe(schema)}, got ${typeName(value)}` },
  ];
  if (schema.kind === "present") {
    return value === null || value === undefined
      ? [{ path, problem: `expected ${describe(schema.of)}, got ${typeName(value ?? null)}` }]
      : validate(schema.of, value, path);
  }
  // SDK fields are nullable pointers: null is an absent value, never a type error.
  if (value === null || schema.kind === "any") return [];
  switch (schema.kind) {
    case "string":
    case "boolean":
      return typeof value === schema.kind ? [] : wrongType();
    case "integer":
      return typeof value === "number" && Number.isInteger(value) ? [] : wrongType();
    case "oneOf":
      return schema.of.some((option) => validate(option, value, path).length === 0) ? [] : wrongType();
    case "array":
      return Array.isArray(value)
        ? value.flatMap((item, i) => validate(schema.of, item, `${path}[${i}]`))
        : wrongType();
    case "object": {
      if (typeof value !== "object" || Array.isArray(value)) return wrongType();
      const record = value as Record<string, unknown>;
      const missing = schema.required
        .filter((name) => !(name in record))
        .map((name) => ({ path: `${path}.${name}`, problem: "missing" }));
      const fields = Object.entries(record).flatMap(([name, field]) => {
        const fieldSchema = schema.fields[name];
        if (fieldSchema) return validate(fieldSchema, field, `${path}.${name}`);
        return schema.open ? [] : [{ path: `${path}.${name}`, problem: "not in the SDK model" }];
      });
      return [...missing, ...fields];
    }
  }
}
