import { HOSTILE_KINDS } from "./hostile.js";

/**
 * Faults on demand: which request gets which failure. A fault applies to every request
 * (or only those about one pipeline) until its `times` are used up.
 */

export const FAULT_KINDS = [
  "503",
  "429",
  "slow",
  "drop",
  "truncated",
  "error-200",
  "html-502",
  "drift",
  "stall",
  "drip",
  "start-lost",
  ...HOSTILE_KINDS,
] as const;

/** `start-lost`: a start request starts the run, but its answer is lost (504); no other request has it. */
const START_FAULTS: ReadonlySet<string> = new Set(["start-lost"]);

/** Faults that rewrite a run-detail document; other answers pass them by. */
const DOCUMENT_FAULTS: ReadonlySet<string> = new Set(["drift", ...HOSTILE_KINDS]);

export type FaultKind = (typeof FAULT_KINDS)[number];

export interface FaultSpec {
  kind: FaultKind;
  /** Pipeline id or name; absent: every request. */
  pipeline?: string;
  /** Apply to this many requests, then stop; absent: always. */
  times?: number;
  /** `429`: the Retry-After header, seconds (default 1). */
  retryAfterSeconds?: number;
  /** `slow`: delay before answering, ms (default 2000). */
  delayMs?: number;
}

export function isFaultKind(value: string): value is FaultKind {
  return (FAULT_KINDS as readonly string[]).includes(value);
}

interface ActiveFault {
  spec: FaultSpec;
  pipelineId: string | undefined;
  remaining: number;
}

/** The faults in force; `resolvePipeline` turns an id or name into an id (undefined: unknown). */
export class FaultBook {
  private active: ActiveFault[] = [];

  constructor(private readonly resolvePipeline: (idOrName: string) => string | undefined) {}

  /** Replaces the faults; throws on an unknown kind or pipeline so a typo is not silently ignored. */
  replace(specs: FaultSpec[]): void {
    this.active = specs.map((spec) => {
      if (!isFaultKind(spec.kind)) throw new Error(`Unknown fault kind "${spec.kind}"`);
      const pipelineId = spec.pipeline === undefined ? undefined : this.resolvePipeline(spec.pipeline);
      if (spec.pipeline !== undefined && pipelineId === undefined) {
        throw new Error(`Fault "${spec.kind}" names an unknown pipeline "${spec.pipeline}"`);
      }
      return { spec, pipelineId, remaining: spec.times ?? Number.POSITIVE_INFINITY };
    });
  }

  /**
   * The first fault that applies to a request about `pipelineId`, using up one of its times.
   * Document faults (`drift`, the hostile ones) only apply to run-detail answers, which they rewrite.
   */
  take(pipelineId: string | undefined, isRunDetail: boolean, isStart = false): FaultSpec | undefined {
    const match = this.active.find(
      (fault) =>
        fault.remaining > 0 &&
        (fault.pipelineId === undefined || fault.pipelineId === pipelineId) &&
        (!DOCUMENT_FAULTS.has(fault.spec.kind) || isRunDetail) &&
        (!START_FAULTS.has(fault.spec.kind) || isStart),
    );
    if (!match) return undefined;
    match.remaining -= 1;
    return match.spec;
  }
}
