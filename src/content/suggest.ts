// "Did you mean …?" for a mistyped field name or value: the nearest known name, when one is close enough.

/**
 * Edit distance counting an insertion, deletion, substitution or swap of two neighbouring characters as one
 * edit (the "optimal string alignment" Damerau–Levenshtein distance): `masteryScroe` is one edit from `masteryScore`.
 */
export function editDistance(a: string, b: string): number {
  // Three rows of the classic dynamic-programming table: two back for the swap, one back, and the current one.
  let twoBack: number[] = [];
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min((prev[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, (twoBack[j - 2] ?? 0) + 1);
      row.push(d);
    }
    twoBack = prev;
    prev = row;
  }
  return prev[b.length] ?? 0;
}

/**
 * The known name nearest to `typed`, ignoring letter case, or undefined when none is close: at most one edit
 * per three characters typed (at least one edit), so a short name is never "corrected" into an unrelated one.
 * On a tie the name listed first wins, so the answer does not depend on anything but the schema.
 */
export function nearestName(typed: string, known: readonly string[]): string | undefined {
  const word = typed.toLowerCase();
  const limit = Math.max(1, Math.floor(typed.length / 3));
  let best: string | undefined;
  let bestDistance = limit + 1;
  for (const name of known) {
    if (name === typed || Math.abs(name.length - typed.length) >= bestDistance) continue;
    const d = editDistance(word, name.toLowerCase());
    if (d < bestDistance) [best, bestDistance] = [name, d];
  }
  return best;
}

/** The hint appended to a message, or "" when there is nothing to suggest. */
export function didYouMean(suggestion: string | undefined): string {
  return suggestion === undefined ? "" : ` — did you mean '${suggestion}'?`;
}
