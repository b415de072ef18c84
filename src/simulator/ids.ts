/** Deterministic identifiers and pseudo-random numbers derived from the simulator's seed. */
import { createHash } from "node:crypto";

export type IdSource = (label: string) => string;

/** 32 lower-case hex chars, stable for a given seed and label. */
export function seededIds(seed: number): IdSource {
  return (label) => createHash("sha256").update(`${seed}/${label}`).digest("hex").slice(0, 32);
}

/** A uniform number in [0, 1), stable for a given seed and label. */
export function seededFraction(seed: number, label: string): number {
  const hex = createHash("sha256").update(`${seed}/random/${label}`).digest("hex").slice(0, 8);
  return Number.parseInt(hex, 16) / 2 ** 32;
}

/** `<13-digit ms><uuid>`, the shape of the job identifiers in the reference example. */
export function timestampedIdentifier(createdMs: number, hexId: string): string {
  const h = hexId.padEnd(32, "0");
  return `${createdMs}${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}
