/**
 * `list.map(f)` as a packed array. V8's optimised `map` makes a holey array where the builtin (the
 * code before optimisation) makes a packed one, so the arrays a `map` returns change kind once its
 * caller is optimised; code that read only one kind is then thrown away and compiled again (a
 * de-optimisation, "wrong map"). A `push` keeps arrays packed in both. For arrays the parser and
 * the analyses hand to every rule; elsewhere `map` is fine.
 */
export function mapPacked<T, U>(list: readonly T[], f: (t: T, index: number) => U): U[] {
  const out: U[] = [];
  for (let i = 0; i < list.length; i++) out.push(f(list[i], i));
  return out;
}

/**
 * An empty array of the kind an array of objects has once it holds one (V8's "packed, holding
 * objects"): an empty literal is an array of small integers until its first push, and code that
 * reads both kinds (`.length`, a loop) is compiled again when it meets the other ("wrong map").
 * Undefined is stored, then the length set back to 0.
 */
export function emptyObjectArray<T extends object>(): T[] {
  const list: T[] = [undefined as unknown as T];
  list.length = 0;
  return list;
}
