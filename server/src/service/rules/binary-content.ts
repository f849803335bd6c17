import type { Rule } from './rule';

export const binaryContent: Rule = {
  id: 'IMR012',
  alias: 'binary-content',
  description: 'The file holds binary data, not a letter',
  severity: 'warning',
  tags: ['input'],
  docs: {
    why: 'A file with NUL bytes is not text: a PDF, a word-processor file or a damaged copy opened as text. Checking it would only produce noise, so nothing else is reported for it.',
    bad: '(a .imr file that is really a PDF or .docx)',
    good: '(the letter saved as plain text, e.g. with pdftotext -layout)',
    fix: 'Open or export the letter as plain text and check that file instead.',
  },
  check({ model, report }) {
    if (!model.binary) return;
    report({
      message: 'This file contains NUL bytes: it looks like binary data, not a letter, and was not checked. Export the letter as plain text.',
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    });
  },
};
