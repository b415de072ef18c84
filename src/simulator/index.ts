/** The built-in CodeArts API simulator: used by `codearts-run simulate`, the demo and every test. */
export type { SimCredentials } from "./auth.js";
export { createManualClock, type SimClock } from "./clock.js";
export { FAULT_KINDS, type FaultKind, type FaultSpec, isFaultKind } from "./faults.js";
export { ErrorCodes } from "./responses.js";
export {
  DEFAULT_SEED,
  isLoopbackHost,
  type RunningSimulator,
  type SimPipeline,
  type SimulatorOptions,
  startSimulator,
} from "./server.js";
export { SYNTHETIC_PIPELINE, type SyntheticRunOptions } from "./synthetic.js";
