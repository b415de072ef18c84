/** "did you mean …?" for a mistyped config key, region or profile name. */

/**
 * Edit distance where swapping two neighbours counts as one edit (`regoin` → `region`), as do an
 * insertion, a deletion and a substitution; case-insensitive.
 */
function editDistance(a: string, b: string): number {
  const x = [...a.toLowerCase()];
  const y = [...b.toLowerCase()];
  const d = Array.from({ length: x.length + 1 }, (_, i) =>
    Array.from({ length: y.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  const at = (i: number, j: number) => d[i]?.[j] ?? Number.POSITIVE_INFINITY;
  for (let i = 1; i <= x.length; i++) {
    for (let j = 1; j <= y.length; j++) {
      const cost = x[i - 1] === y[j - 1] ? 0 : 1;
      let best = Math.min(at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + cost);
      if (i > 1 && j > 1 && x[i - 1] === y[j - 2] && x[i - 2] === y[j - 1])
        best = Math.min(best, at(i - 2, j - 2) + 1);
      (d[i] as number[])[j] = best;
    }
  }
  return at(x.length, y.length);
}

/** The candidate closest to `word`, when it is close enough to be a typo: a third of it, at least one edit. */
export function closestMatch(word: string, candidates: readonly string[]): string | undefined {
  const limit = Math.max(1, Math.floor(word.length / 3));
  let best: { candidate: string; score: number } | undefined;
  for (const candidate of candidates) {
    const score = editDistance(word, candidate);
    // A one-letter word is one edit from every other one-letter word: no suggestion is better.
    if (score <= limit && score < word.length && (best === undefined || score < best.score)) {
      best = { candidate, score };
    }
  }
  return best?.candidate;
}

/** "; did you mean X?" or "". */
export function didYouMean(word: string, candidates: readonly string[]): string {
  const match = closestMatch(word, candidates);
  return match === undefined ? "" : `; did you mean ${match}?`;
}
