/** Time for the simulator: the clock it reads, and how scenario time maps onto it. */

export interface SimClock {
  now(): number;
}

export const realClock: SimClock = { now: () => Date.now() };

/** A clock that only moves when told to; tests drive scenario time with it. */
export function createManualClock(
  startMs: number,
): SimClock & { advance(ms: number): void; set(ms: number): void } {
  let current = startMs;
  return {
    now: () => current,
    advance: (ms) => {
      current += ms;
    },
    set: (ms) => {
      current = ms;
    },
  };
}

/**
 * Scenario time is anchored at the clock's value when the simulator starts (`t0`) and runs
 * `speed` times faster. Documents show clock-frame times, so with speed 10 a 30 s run
 * is reported as lasting 3 s and `current_system_time` stays consistent with them.
 */
export interface TimeFrame {
  t0: number;
  speed: number;
}

export function scenarioNow(frame: TimeFrame, clockMs: number): number {
  return frame.t0 + (clockMs - frame.t0) * frame.speed;
}

export function toClock(frame: TimeFrame, scenarioMs: number): number {
  return Math.round(frame.t0 + (scenarioMs - frame.t0) / frame.speed);
}
