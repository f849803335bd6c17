/**
 * drug-fact (IMR024) looks a sentence's drugs up only when the sentence may hold a claim: its
 * test of a class claim anywhere in a sentence must hold wherever the claim is found after a name
 * (on a slice of the sentence), or a claim would go unreported.
 */
import * as assert from 'assert';
import { buildCatalog } from '../../server/src/service/catalog';
import { getLanguageService } from '../../server/src/service';
import { mayClaimClass } from '../../server/src/service/rules/drug-fact';
import { readCorpus } from '../util';

const catalog = buildCatalog();
const claim = catalog.classClaim;
const mayClaim = mayClaimClass(claim);

/** Whether the claim holds after some position of the sentence, as the rule tries it (a slice of 120 characters). */
function claimedSomewhere(sentence: string): boolean {
  for (let i = 0; i < sentence.length; i++) if (claim.test(sentence.slice(i, i + 120))) return true;
  return false;
}

const SENTENCES = [
  'Norco is an opioid analgesic.',
  'Pepcid, a proton pump inhibitor, was requested.',
  'Ultram (tramadol) is a centrally acting synthetic opioid analgesic.',
  'Soma was the muscle relaxants prescribed.',
  'Omeprazole is  a\tPPI.',
  'The patient was seen on 01/02/2015 and is a candidate for surgery.',
  'Gabapentin is an anti-epilepsy drug (AED) also referred to as an anticonvulsant.',
  'The request is, the reviewer finds, an NSAID',
  'There is no documentation of functional improvement.',
  `Celebrex is a ${'x'.repeat(90)} NSAIDs`,
  'Lyrica, the anticonvulsantly named drug.',
];

describe('drug-fact: which sentences are looked up', () => {
  it('narrows the catalog claim: a sentence with no link ("is a", ", the") is not looked up', () => {
    assert.strictEqual(mayClaim('There is no documentation of functional improvement.'), false);
    assert.strictEqual(mayClaim('The request for Norco 10/325mg #120 is not medically necessary.'), false);
    assert.strictEqual(mayClaim('Norco is an opioid analgesic.'), true);
  });

  it('holds wherever the claim is found after a position of the sentence', () => {
    const sentences = [...SENTENCES];
    const service = getLanguageService({ catalog });
    for (const { name, text } of [...readCorpus('letters'), ...readCorpus('seeds')]) {
      const model = service.parse({ uri: `drug-fact://${name}`, version: 1, getText: () => text });
      for (const item of model.items) for (const s of item.rationale?.sentences ?? []) sentences.push(s.text);
    }
    let claimed = 0;
    for (const sentence of sentences) {
      if (!claimedSomewhere(sentence)) continue;
      claimed++;
      assert.ok(mayClaim(sentence), sentence);
    }
    assert.ok(claimed >= 5, `${claimed} sentences with a claim`);
  });

  it('finds a claim on random texts exactly where the link and then the whole claim searched anywhere do', () => {
    // The test before: the link ("is a", ", the") anywhere, then the claim without its anchor and final s?\b.
    const flags = claim.flags.replace(/[gy]/g, '');
    const link = new RegExp('(?:\\s(?:is|are|was)|,)\\s+(?:a|an|the)\\s', flags);
    const anywhere = new RegExp(claim.source.slice(1, -'s?\\b'.length), flags);
    const words = [...catalog.classWords, ...catalog.classWords.map((w) => w.toUpperCase())];
    const spaces = [' ', '  ', '\t', '\n', '\u00a0', '\u2028', '\u3000', '', ' \n '];
    const names = ['', 'Norco', 'Ultram (tramadol)', 'x', 'Soma.'];
    const asides = ['', '', '(Ultram)', '( long )', '(', ')'];
    const links = ['is', 'IS', 'Is', 'are', 'Are', 'was', 'WAS', ',', ', ', 'be', '\u0131s', 'i\u017f'];
    const articles = ['a', 'A', 'an', 'AN', 'the', 'The', 'thE', 'th', 'an-', '\u212a'];
    const fillers = ['long-acting', 'very', 'x', '-', 'centrally acting', '1', 'non'];
    const ends = ['', 's', 'S', '.', 'x', '-', 'ly'];
    let seed = 20261201;
    const random = (n: number): number => {
      seed = (seed * 1103515245 + 12345) >>> 0;
      return (seed >>> 8) % n;
    };
    const any = (list: readonly string[]): string => list[random(list.length)];
    let claims = 0;
    for (let t = 0; t < 20000; t++) {
      // A name, an aside, the link, the article, a few words and a class word, each part drawn
      // from near misses as well, then now and then a character dropped or a part put anywhere.
      let text = any(names) + any(spaces) + any(asides) + any(spaces) + any(links) + any(spaces) + any(articles) + any(spaces);
      for (let k = random(7); k > 0; k--) text += any(fillers) + any(spaces);
      text += any(words) + any(ends);
      for (let k = random(4); k > 0; k--) {
        const at = random(text.length + 1);
        text = random(2) ? text.slice(0, at) + text.slice(at + 1) : text.slice(0, at) + any([...spaces, ...links, ...articles, ...words]) + text.slice(at);
      }
      const before = link.test(text) && anywhere.test(text);
      if (before) claims++;
      assert.strictEqual(mayClaim(text), before, JSON.stringify(text));
    }
    assert.ok(claims >= 2000 && claims <= 18000, `${claims} texts with a claim`);
  });

  it('does not narrow a claim pattern of another form', () => {
    assert.strictEqual(mayClaimClass(/(?:is|are)\s+an?\s+(opioid)/i)('anything'), true);
  });
});
