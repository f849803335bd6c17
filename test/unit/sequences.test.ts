/** The sequence queries the order rules share (queries/sequences.ts): the fast way for lists in order gives what the general one gives. */
import * as assert from 'assert';
import { outOfOrder } from '../../server/src/service/queries/sequences';

/** The general way alone: each first occurrence against the earlier first occurrences. */
function reference(list: readonly string[], rank: (k: string) => number): Array<{ element: string; after: string }> {
  const firsts = list.filter((k, i) => list.indexOf(k) === i);
  const out: Array<{ element: string; after: string }> = [];
  firsts.forEach((k, i) => {
    const after = firsts.slice(0, i).find((j) => rank(j) > rank(k));
    if (after !== undefined) out.push({ element: k, after });
  });
  return out;
}

describe('sequence queries: outOfOrder', () => {
  const rank = (k: string) => 'abcd'.indexOf(k); // 'x' ranks -1
  it('finds nothing in lists in order, repeats included', () => {
    for (const list of [[], ['a'], ['a', 'b', 'b', 'd'], ['x', 'a', 'c']]) assert.deepStrictEqual(outOfOrder(list, String, rank), []);
  });

  it('gives what the general way gives, on every list of up to 4 keys', () => {
    const keys = ['a', 'b', 'c', 'd', 'x'];
    const lists: string[][] = [[]];
    for (let n = 0; n < 4; n++) for (const l of lists.filter((x) => x.length === n)) for (const k of keys) lists.push([...l, k]);
    for (const list of lists) assert.deepStrictEqual(outOfOrder(list, String, rank), reference(list, rank), list.join(''));
    assert.deepStrictEqual(outOfOrder(['c', 'a', 'c', 'b'], String, rank), [
      { element: 'a', after: 'c' },
      { element: 'b', after: 'c' },
    ]);
  });

  it('takes the general way when a rank is not a number', () => {
    const odd = (k: string) => (k === 'n' ? NaN : rank(k));
    assert.deepStrictEqual(outOfOrder(['c', 'n', 'a'], String, odd), [{ element: 'a', after: 'c' }]);
  });
});
