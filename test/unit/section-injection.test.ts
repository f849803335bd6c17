/**
 * Injected defects (issue 10): in an in-memory copy of each published letter (and each seed with
 * a Section(s) list), one cited section name is replaced by a plausible wrong one, alternately a
 * real section of another guideline part and a misspelling of the name itself. unknown-section
 * must report it at the replaced range in at least 95% of the letters; the original letters stay
 * quiet at that place. The corpus is read at run time and never copied.
 */
import * as assert from 'assert';
import { getLanguageService } from '../../server/src/service';
import { buildCatalog } from '../../server/src/service/catalog';
import type { GuidelinePart } from '../../server/src/service/catalog';
import type { Span } from '../../server/src/service/parser/model';
import { corpusDir, corpusMissingReason, readCorpus } from '../util';

const dir = corpusDir();
const service = getLanguageService();
const catalog = buildCatalog();
let version = 0;

function offsetOf(text: string, position: { line: number; character: number }): number {
  let offset = 0;
  for (let line = 0; line < position.line; line++) offset = text.indexOf('\n', offset) + 1;
  return offset + position.character;
}

/** A misspelling: two adjacent letters of the longest word swapped, that resolves to nothing. */
function misspell(part: GuidelinePart, name: string): string | undefined {
  const words = [...name.matchAll(/[A-Za-z]{5,}/g)].sort((a, b) => b[0].length - a[0].length);
  for (const w of words) {
    for (let i = 1; i + 2 < w[0].length; i++) {
      if (w[0][i] === w[0][i + 1]) continue;
      const at = w.index! + i;
      const wrong = name.slice(0, at) + name[at + 1] + name[at] + name.slice(at + 2);
      if (!catalog.section(part.id, wrong)) return wrong;
    }
  }
  return undefined;
}

/** A real section of another part, that the cited part does not have. */
function otherPartsSection(part: GuidelinePart): string | undefined {
  const others = catalog.parts.filter((p) => p.id !== part.id && p.sections.length > 0);
  // ACOEM chapters get a Chronic Pain topic, the treatment guidelines an ACOEM heading.
  others.sort((a, b) => Number(a.kind === part.kind) - Number(b.kind === part.kind));
  for (const other of others) {
    for (const s of other.sections) {
      if (/[,;]|^\d/.test(s.name) || catalog.section(part.id, s.name)) continue;
      return s.name;
    }
  }
  return undefined;
}

interface Target {
  part: GuidelinePart;
  section: Span;
}

function firstCitedSection(text: string, name: string): Target | undefined {
  const model = service.parse({ uri: `inject://${name}`, version: ++version, getText: () => text });
  for (const kind of ['maximus', 'claimsAdministrator'] as const) {
    for (const item of model.items) {
      const paragraph = kind === 'maximus' ? item.maximus : item.claimsAdministrator;
      for (const citation of paragraph?.citations?.mtus ?? []) {
        for (const g of citation.guidelines) {
          const part = g.partId ? catalog.partById(g.partId) : undefined;
          if (!part || g.legacy) continue;
          const section = g.sections.find((s) => catalog.section(part.id, s.text));
          if (section) return { part, section };
        }
      }
    }
  }
  return undefined;
}

describe('injected wrong section names are found at the right place', function () {
  before(function () {
    if (!dir) this.skip();
  });
  if (!dir)
    it(`skipped: ${corpusMissingReason}`, function () {
      this.skip();
    });

  it('in at least 95% of the letters, with the originals quiet there', () => {
    const letters = [...readCorpus('letters'), ...readCorpus('seeds')];
    let tried = 0;
    let found = 0;
    let notApplicable = 0;
    const missed: string[] = [];
    const noisy: string[] = [];
    letters.forEach(({ name, text }, n) => {
      const target = firstCitedSection(text, name);
      if (!target) {
        notApplicable++;
        return;
      }
      const wrong = n % 2 === 0 ? otherPartsSection(target.part) : misspell(target.part, target.section.text);
      assert.ok(wrong, `${name}: a wrong name for '${target.section.text}'`);
      const start = offsetOf(text, target.section.range.start);
      const end = offsetOf(text, target.section.range.end);
      const injected = text.slice(0, start) + wrong + text.slice(end);
      tried++;
      const before = service.validate({ uri: `inject://${name}`, version: ++version, getText: () => text });
      if (
        before.some(
          (p) =>
            p.ruleId === 'IMR014' && p.range.start.line === target.section.range.start.line && p.range.start.character === target.section.range.start.character,
        )
      )
        noisy.push(name);
      const after = service.validate({ uri: `inject://${name}`, version: ++version, getText: () => injected });
      const hit = after.find(
        (p) =>
          p.ruleId === 'IMR014' &&
          p.range.start.line === target.section.range.start.line &&
          p.range.start.character === target.section.range.start.character &&
          p.range.end.line === target.section.range.start.line &&
          p.range.end.character === target.section.range.start.character + wrong!.length &&
          p.message.includes(`'${wrong}'`),
      );
      if (hit) found++;
      else missed.push(`${name}: '${target.section.text}' -> '${wrong}'`);
    });
    console.log(
      `      found ${found} of ${tried} injected wrong section names at the right range (${((100 * found) / tried).toFixed(1)}%); ${notApplicable} letters cite no section`,
    );
    for (const m of missed) console.log(`      missed: ${m}`);
    assert.deepStrictEqual(noisy, [], 'the originals are quiet at the injected place');
    assert.ok(found >= 0.95 * tried, `${found} of ${tried}`);
  });
});
