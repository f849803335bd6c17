import * as fs from 'fs';
import * as path from 'path';
import { repoRoot } from './util';

/** The repository's own fictitious example letters (examples/). */
export const exampleLetter = (name: 'clean-letter.imr' | 'defective-letter.imr') => fs.readFileSync(path.join(repoRoot, 'examples', name), 'utf8');

/** The clean example with `n` dates in its first rationale (issue 13: about 125k overflowed the stack). */
export function letterWithDates(n: number): string {
  return exampleLetter('clean-letter.imr').replace(
    'Decision rationale: The MTUS Opioids',
    `Decision rationale: ${'Seen 01/02/2015, '.repeat(n)}The MTUS Opioids`,
  );
}
