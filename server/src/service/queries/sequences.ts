/** Sequence algorithms the rules share (repeats, order): no wording, no model knowledge. */

/** Each element whose key was seen before, with the first element of that key. */
export function repeats<T>(list: readonly T[], key: (t: T) => string): Array<{ first: T; repeat: T }> {
  const first = new Map<string, T>();
  const out: Array<{ first: T; repeat: T }> = [];
  for (const element of list) {
    const earlier = first.get(key(element));
    if (earlier) out.push({ first: earlier, repeat: element });
    else first.set(key(element), element);
  }
  return out;
}

/**
 * Elements out of the standard order: for each first occurrence of a key, an earlier first
 * occurrence that ranks after it.
 */
export function outOfOrder<T>(list: readonly T[], key: (t: T) => string, rank: (t: T) => number): Array<{ element: T; after: T }> {
  const seen = new Set<string>();
  const firsts = list.filter((t) => !seen.has(key(t)) && seen.add(key(t)));
  const out: Array<{ element: T; after: T }> = [];
  firsts.forEach((element, i) => {
    const after = firsts.slice(0, i).find((earlier) => rank(earlier) > rank(element));
    if (after) out.push({ element, after });
  });
  return out;
}
