import type { Rule } from './rule';
import { missingSpaces } from '../parser/body';

export const missingSpace: Rule = {
  id: 'IMR033',
  alias: 'missing-space',
  description: 'Two words or sentences are run together without a space',
  severity: 'information',
  tags: ['spelling', 'prose'],
  scope: 'line',
  docs: {
    why: "Text pasted from records or joined while editing often loses a space: 'x-rays.The appeal', 'lumbar radiculopathyPer the doctor's note', 'injured on 10/13/2009Patient sustained'. It reads as careless in a decision the parties and the WCAB read closely. On the published letters this finds the two such joins there are (CM16-0242302 '5mg.Physician', CM17-0019066 'x-rays.The'); seed 003 has six more. It is information only.",
    bad: 'Lumbar spine x-rays.The appeal requests an MRI.',
    good: 'Lumbar spine x-rays. The appeal requests an MRI.',
    fix: 'Insert the space (the quick fix does).',
  },
  check({ model, report }) {
    // Only lines holding a lower-case letter or digit right before a capital can have a join:
    // find those in the whole text, then look at each such line once.
    const lines = model.lines;
    const candidate = /[a-z\d]\.?[A-Z]/g;
    let done = -1;
    for (let m = candidate.exec(lines.text); m; m = candidate.exec(lines.text)) {
      const line = lines.lineOf(m.index);
      if (line === done) continue;
      done = line;
      const text = lines.lineText(line);
      for (const gap of missingSpaces(text)) {
        const at = { line, character: gap.at };
        report({
          message: `'${text.slice(gap.from, gap.to)}' runs two words together: a space is missing.`,
          range: { start: { line, character: gap.from }, end: { line, character: gap.to } },
          fixes: [{ title: 'Insert a space', edits: [{ range: { start: at, end: at }, newText: ' ' }], preferred: true }],
        });
      }
    }
  },
};
