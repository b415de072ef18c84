import { UsageError } from "../core/errors.js";
import { quoteInput } from "../text/shown-input.js";

/** Project, pipeline and run ids are 32 letters or digits (reference, Tables 1 and 2). */
const ID_PATTERN = /^[A-Za-z0-9]{32}$/;

const EXAMPLE_ID = "e5460d1d403146a1935c2d4b68ef506c";

export function isId(value: string): boolean {
  return ID_PATTERN.test(value);
}

/** Rejects a malformed id before any request is made. `what` names it for the message. */
export function requireId(value: string, what: string, where: string): string {
  if (isId(value)) return value;
  const shape = isId(value.replace(/\s/g, ""))
    ? "it has a stray space"
    : value.length === 32
      ? "it has characters other than letters and digits"
      : `it has ${value.length} characters, not 32`;
  throw new UsageError(
    `invalid ${what} ${quoteInput(value, 48, { sayLength: false })} (${where}): ${shape}`,
    `a ${what} is 32 letters or digits, like ${EXAMPLE_ID}; copy it from the address of the page in CodeArts`,
  );
}
