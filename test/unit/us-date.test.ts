/**
 * parseUsDate reads MM/DD/YYYY on the characters (dates.ts): the same answers as the regular
 * expression and Date it replaced, on a grid of shapes (white space, one or two digits, years in
 * and out of range, leap days, other separators, trailing text).
 */
import * as assert from 'assert';
import { parseUsDate } from '../../server/src/service/dates';

function reference(text: string): { year: number; month: number; day: number } | undefined {
  const m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(text.trim());
  if (!m) return undefined;
  const month = Number(m[1]);
  const day = Number(m[2]);
  const year = Number(m[3]);
  if (month < 1 || month > 12 || day < 1 || year < 1900 || year > 2100) return undefined;
  return day <= new Date(Date.UTC(year, month, 0)).getUTCDate() ? { year, month, day } : undefined;
}

describe('parseUsDate', () => {
  it('gives the answers of the regular expression on a grid of shapes', () => {
    const around = ['', ' ', '\t', '\u00a0', 'x'];
    const numbers = ['', '0', '1', '2', '9', '00', '01', '02', '12', '13', '28', '29', '30', '31', '32', '001', '1a'];
    const years = ['', '1899', '1900', '1999', '2000', '2016', '2100', '2101', '216', '20160'];
    let valid = 0;
    for (const before of around)
      for (const month of numbers)
        for (const separator of ['/', '-', '//'])
          for (const day of numbers)
            for (const year of years) {
              const text = `${before}${month}${separator}${day}/${year}${before}`;
              const expected = reference(text);
              if (expected) valid++;
              assert.deepStrictEqual(parseUsDate(text), expected, JSON.stringify(text));
            }
    assert.ok(valid > 1000, `${valid} valid dates in the grid`);
    assert.deepStrictEqual(parseUsDate('02/29/2016'), { year: 2016, month: 2, day: 29 });
    assert.strictEqual(parseUsDate('02/29/2100'), undefined);
    assert.strictEqual(parseUsDate('\uff11/1/2017'), undefined);
  });
});
