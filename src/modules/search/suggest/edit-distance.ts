/**
 * Edit distance with adjacent transpositions (optimal string alignment): insert, delete, substitute
 * or swap two neighbouring characters, one each. `diabtees` → `diabetes` is 1. Stops early, returning
 * `max + 1`, once the distance must exceed `max`, so scanning a large vocabulary stays cheap.
 *
 * ### Examples
 * editDistance('diabtees', 'diabetes', 2)  // 1
 * editDistance('asthma', 'astma', 2)       // 1
 * editDistance('heart', 'liver', 2)        // 3 (more than 2)
 */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let before: number[] = [];
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min((previous[j] as number) + 1, (current[j - 1] as number) + 1, (previous[j - 1] as number) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) value = Math.min(value, (before[j - 2] as number) + 1);
      current.push(value);
      best = Math.min(best, value);
    }
    if (best > max) return max + 1;
    before = previous;
    previous = current;
  }
  return Math.min(previous[b.length] as number, max + 1);
}
