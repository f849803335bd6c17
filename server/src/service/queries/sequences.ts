/** Sequence algorithms the rules share (repeats, order): no wording, no model knowledge. */

/** Each element whose key was seen before, with the first element of that key. */
export function repeats<T>(list: readonly T[], key: (t: T) => string): Array<{ first: T; repeat: T }> {
  const first = new Map<string, T>();
  const out: Array<{ first: T; repeat: T }> = [];
  for (const element of list) {
    const k = key(element);
    const earlier = first.get(k);
    if (earlier) out.push({ first: earlier, repeat: element });
    else first.set(k, element);
  }
  return out;
}

/**
 * Elements out of the standard order: for each first occurrence of a key, the earliest first
 * occurrence before it that ranks after it.
 */
export function outOfOrder<T>(list: readonly T[], key: (t: T) => string, rank: (t: T) => number): Array<{ element: T; after: T }> {
  // Most lists are in order: ranks that never fall are in order among first occurrences too
  // (any rank that is not a number takes the general way).
  let previous = -Infinity;
  let sorted = true;
  for (const t of list) {
    const r = rank(t);
    if (!(r >= previous)) {
      sorted = false;
      break;
    }
    previous = r;
  }
  if (sorted) return [];
  const seen = new Set<string>();
  const firsts: T[] = [];
  const ranks: number[] = [];
  for (const t of list) {
    const k = key(t);
    if (seen.has(k)) continue;
    seen.add(k);
    firsts.push(t);
    ranks.push(rank(t));
  }
  const out: Array<{ element: T; after: T }> = [];
  for (let i = 0; i < firsts.length; i++) {
    for (let j = 0; j < i; j++) {
      if (ranks[j] > ranks[i]) {
        out.push({ element: firsts[i], after: firsts[j] });
        break;
      }
    }
  }
  return out;
}
