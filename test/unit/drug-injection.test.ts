/**
 * Injected drug swaps in copies of the published letters (../shared/letters, in memory): in
 * every item whose conclusion names the item's own drug or product, that name is replaced by
 * another entry of the drug vocabulary (any kind: generics, brands, combination products,
 * compounded topicals, medical foods, kits), and IMR023 (drug-subject) must find the swap on
 * the concluding sentence. The originals stay quiet. The letters are read at run time, never
 * copied.
 */
import * as assert from 'assert';
import { getLanguageService } from '../../server/src/service';
import type { Problem } from '../../server/src/service';
import type { DrugEntry } from '../../server/src/service/catalog';
import { buildCatalog } from '../../server/src/service/catalog';
import { corpusDir, corpusMissingReason, readCorpus } from '../util';

const catalog = buildCatalog();
const service = getLanguageService({ catalog });
let version = 0;
function lint(text: string, name: string): Problem[] {
  return service.validate({ uri: `drug-injection://${name}`, version: ++version, getText: () => text });
}
function offsetOf(text: string, line: number, character: number): number {
  let offset = 0;
  for (let i = 0; i < line; i++) offset = text.indexOf('\n', offset) + 1;
  return offset + character;
}

interface Swap {
  letter: string;
  item: number;
  mode: 'swapped' | 'named';
  from: string;
  to: DrugEntry;
  text: string;
  line: number;
}

/**
 * One swap per drug item. When the concluding sentence names the item's drug or product, the
 * names (from the first to the last, so that a compound's ingredient list goes as a whole) are
 * replaced by the other entry; when it names none ("the request is not medically necessary"),
 * the other entry is written in as the request's subject ("the request for X is ...").
 */
function swaps(name: string, text: string, pick: (own: DrugEntry[]) => DrugEntry): Swap[] {
  const model = service.parse({ uri: `drug-injection://${name}`, version: ++version, getText: () => text });
  const out: Swap[] = [];
  for (const item of model.items) {
    const own = catalog.drugsIn(item.header?.treatment.text ?? '').map((d) => d.drug);
    const conclusion = item.rationale?.conclusion?.sentence;
    if (own.length === 0 || !conclusion) continue;
    const start = offsetOf(text, conclusion.range.start.line, conclusion.range.start.character);
    const end = offsetOf(text, conclusion.range.end.line, conclusion.range.end.character);
    const sentence = text.slice(start, end);
    const mentions = catalog.mentionsIn(sentence).filter((m) => own.some((o) => catalog.sameDrug(o, m.drug)));
    if (mentions.length > 0) {
      const to = pick(own);
      const from = start + mentions[0].index;
      const last = mentions[mentions.length - 1];
      const until = start + last.index + last.name.length;
      out.push({
        letter: name,
        item: item.number,
        mode: 'swapped',
        from: text.slice(from, until),
        to,
        text: text.slice(0, from) + to.names[0] + text.slice(until),
        line: conclusion.range.start.line,
      });
      continue;
    }
    const request = /\b(?:the|this)\s+request(?!\s+for)\b/i.exec(sentence);
    if (!request) continue;
    const to = pick(own);
    const at = start + request.index + request[0].length;
    out.push({
      letter: name,
      item: item.number,
      mode: 'named',
      from: request[0],
      to,
      text: `${text.slice(0, at)} for ${to.names[0]}${text.slice(at)}`,
      line: conclusion.range.start.line,
    });
  }
  return out;
}

/** Passes over the letters, each with the next entries of the vocabulary. */
const PASSES = 8;
const dir = corpusDir();
const letters = readCorpus('letters');

describe('drug injection: a conclusion about another vocabulary entry (IMR023)', function () {
  before(function () {
    if (!dir) this.skip();
  });
  if (!dir)
    it(`skipped: ${corpusMissingReason}`, function () {
      this.skip();
    });

  it('the originals are quiet', () => {
    const found = letters.flatMap(({ name, text }) =>
      lint(text, name)
        .filter((p) => p.ruleId === 'IMR023')
        .map((p) => `${name}:${p.range.start.line + 1} ${p.message}`),
    );
    assert.deepStrictEqual(found, []);
  });

  it('finds a swapped drug or product in at least 95% of the letters with a drug item, at the concluding sentence', function () {
    this.timeout(120000); // 344 letters checked on a shared machine
    // Walk the whole vocabulary: swap k uses the k-th entry not related to the item's drugs.
    const entries = catalog.drugs;
    let k = 0;
    const skipped: DrugEntry[] = [];
    const pick = (own: DrugEntry[]): DrugEntry => {
      const unrelated = (d: DrugEntry) => !own.some((o) => catalog.sameDrug(o, d));
      // An entry skipped because it is the item's own drug (or an ingredient) goes in at the next item.
      const waiting = skipped.findIndex(unrelated);
      if (waiting >= 0) return skipped.splice(waiting, 1)[0];
      for (;;) {
        const candidate = entries[k++ % entries.length];
        if (unrelated(candidate)) return candidate;
        skipped.push(candidate);
      }
    };
    const byLetter = new Map<string, { tried: number; found: number; missed: string[] }>();
    const byMode = { swapped: [0, 0], named: [0, 0] };
    const kinds = new Set<string>();
    const used = new Set<string>();
    // PASSES passes over the letters: every entry of the vocabulary is swapped in at least once.
    for (let pass = 0; pass < PASSES; pass++)
      for (const { name, text } of letters) {
        for (const swap of swaps(name, text, pick)) {
          used.add(swap.to.id);
          const problems = lint(swap.text, `${name}-${swap.item}`).filter((p) => p.ruleId === 'IMR023');
          const hit = problems.some((p) => p.range.start.line <= swap.line && p.range.end.line >= swap.line && p.message.includes(`Item ${swap.item} `));
          const entry = byLetter.get(name) ?? { tried: 0, found: 0, missed: [] };
          entry.tried++;
          byMode[swap.mode][0]++;
          if (hit) {
            byMode[swap.mode][1]++;
            entry.found++;
            kinds.add(swap.to.kind ?? 'drug');
          } else entry.missed.push(`item ${swap.item}: ${swap.from} -> ${swap.to.names[0]}`);
          byLetter.set(name, entry);
        }
      }
    const withSwaps = [...byLetter.values()];
    const letterFound = withSwaps.filter((e) => e.found === e.tried).length;
    const items = withSwaps.reduce((n, e) => n + e.tried, 0);
    const itemsFound = withSwaps.reduce((n, e) => n + e.found, 0);
    const missed = [...byLetter].flatMap(([n, e]) => e.missed.map((m) => `${n} ${m}`));
    console.log(
      `      drug swaps (${PASSES} per item, ${used.size} entries used): ${letterFound}/${withSwaps.length} letters with every swap found, ${itemsFound}/${items} items (name swapped: ${byMode.swapped[1]}/${byMode.swapped[0]}; name written in: ${byMode.named[1]}/${byMode.named[0]}); kinds swapped in: ${[...kinds].sort().join(', ')}${missed.length ? `; missed: ${missed.join('; ')}` : ''}`,
    );
    assert.ok(withSwaps.length >= 20, `only ${withSwaps.length} letters have a drug item with a concluding sentence`);
    assert.ok(byMode.swapped[0] >= 25 * PASSES, `only ${byMode.swapped[0] / PASSES} conclusions name the item's drug`);
    assert.deepStrictEqual(
      entries.filter((e) => !used.has(e.id)).map((e) => e.id),
      [],
      'every vocabulary entry was swapped in',
    );
    assert.ok(letterFound / withSwaps.length >= 0.95, `found in ${letterFound}/${withSwaps.length} letters; missed: ${missed.join('; ')}`);
  });
});
