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
