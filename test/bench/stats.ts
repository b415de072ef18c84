/** Small statistics for the bench: medians, and measurements taken turn about. */

export function median(values: number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const upper = sorted[middle] as number;
  return sorted.length % 2 === 1 ? upper : ((sorted[middle - 1] as number) + upper) / 2;
}

/**
 * Takes each measurement `repetitions` times, turn about, starting each round with the next one
 * (a b c, b c a, c a b …), so a machine that slows down or speeds up during the bench weighs on
 * every side of a ratio alike. `warmups` rounds first fill the page cache and are not counted.
 * Returns the samples of each measurement, in the order given.
 */
export async function roundRobin(
  measures: (() => Promise<number>)[],
  repetitions: number,
  warmups = 1,
): Promise<number[][]> {
  const samples = measures.map((): number[] => []);
  for (let round = 0; round < warmups + repetitions; round += 1) {
    for (let k = 0; k < measures.length; k += 1) {
      const which = (round + k) % measures.length;
      const value = await (measures[which] as () => Promise<number>)();
      if (round >= warmups) samples[which]?.push(value);
    }
  }
  return samples;
}
