/**
 * Whether two run-detail answers say the same thing, compared on their bytes before any parsing:
 * a watch polls an unchanged run many times, and parsing a large document (hundreds of KB) each
 * time costs more than everything else in a poll. The one field that moves on every poll without
 * the run changing is `current_system_time` (the server's clock; a number, or a string in some
 * answers, and absent from the reference example — see reference §7), so its value is skipped.
 */

const KEY = Buffer.from('"current_system_time"');

/** Where the server clock's value lies in the body; undefined when the body has none. */
function clockSpan(body: Buffer): { start: number; end: number } | undefined {
  // From the end: the field is top-level and the last one in the reference page's table (and in
  // the simulator's answer), so a multi-MB body is not scanned whole; it occurs once, so the
  // answer is the same either way.
  const at = body.lastIndexOf(KEY);
  if (at < 0) return undefined;
  let i = at + KEY.length;
  while (i < body.length && (body[i] === 0x20 || body[i] === 0x0a || body[i] === 0x0d || body[i] === 0x09))
    i++;
  if (body[i] !== 0x3a) return undefined; // not followed by ":": a string value, not the key
  i++;
  while (i < body.length && (body[i] === 0x20 || body[i] === 0x0a || body[i] === 0x0d || body[i] === 0x09))
    i++;
  const start = i;
  if (body[i] === 0x22) {
    // A string: up to the closing quote that is not escaped.
    for (i++; i < body.length && body[i] !== 0x22; i++) if (body[i] === 0x5c) i++;
    return { start, end: i + 1 };
  }
  while (i < body.length && body[i] !== 0x2c && body[i] !== 0x7d && body[i] !== 0x20 && body[i] !== 0x0a) i++;
  return { start, end: i };
}

/** The server clock's value as sent (JSON text), for reading without parsing the rest. */
export function serverClockText(body: Buffer): string | undefined {
  const span = clockSpan(body);
  return span && body.subarray(span.start, span.end).toString("utf8");
}

/** True when `next` differs from `previous` at most in the value of `current_system_time`. */
export function sameDocument(previous: Buffer, next: Buffer): boolean {
  if (previous.equals(next)) return true;
  const a = clockSpan(previous);
  const b = clockSpan(next);
  if (!a || !b || a.start !== b.start) return false;
  return (
    previous.subarray(0, a.start).equals(next.subarray(0, b.start)) &&
    previous.subarray(a.end).equals(next.subarray(b.end))
  );
}
