/**
 * JSON pretty-printed the way the CodeArts service (Jackson's default pretty printer) does:
 * `"key" : value`, two-space indents, arrays inline as `[ a, b ]`, empty ones as `[ ]`.
 */
function indent(depth: number): string {
  return "  ".repeat(depth);
}

function render(value: unknown, depth: number): string {
  if (Array.isArray(value)) {
    return value.length === 0 ? "[ ]" : `[ ${value.map((item) => render(item, depth)).join(", ")} ]`;
  }
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined);
    if (entries.length === 0) return "{ }";
    const lines = entries.map(
      ([k, v]) => `${indent(depth + 1)}${JSON.stringify(k)} : ${render(v, depth + 1)}`,
    );
    return `{\n${lines.join(",\n")}\n${indent(depth)}}`;
  }
  return JSON.stringify(value) ?? "null";
}

export function jacksonJson(value: unknown): string {
  return render(value, 0);
}
