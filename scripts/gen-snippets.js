#!/usr/bin/env node
// Generates, from the quotation library (server/data/quotations.json) and the guideline catalog:
//   snippets/imr.code-snippets   VS Code snippets (contributes.snippets, language "imr")
//   docs/quotations.md           the list of every standard quotation with its source
//   node scripts/gen-snippets.js          write both files
//   node scripts/gen-snippets.js --check  exit 1 when a committed file differs (the tests do the same)
'use strict';
const fs = require('fs');
const path = require('path');

const root = path.resolve(__dirname, '..');
const snippetFile = path.join(root, 'snippets', 'imr.code-snippets');
const docFile = path.join(root, 'docs', 'quotations.md');

function load() {
  const read = (name) => JSON.parse(fs.readFileSync(path.join(root, 'server', 'data', name), 'utf8'));
  return { library: read('quotations.json'), guidelines: read('guidelines.json') };
}

/** Text as literal snippet content: $, } and \ are escaped. */
function literal(text) {
  return text.replace(/[\\$}]/g, (c) => `\\${c}`);
}

function prefixOf(q) {
  if (q.kind === 'boilerplate') return `imr-${q.id}`;
  if (q.kind === 'non-mtus') return `odg-${q.id.replace(/^odg-/, '')}`;
  return `mtus-${q.id}`;
}

/** "Chronic Pain Medical Treatment 2016, Section(s): Benzodiazepines" as the MAXIMUS line writes it. */
function citationOf(q, parts) {
  if (q.kind !== 'mtus' || !q.partId) return undefined;
  const part = parts.get(q.partId);
  const label = part ? part.labels[0] : q.partId;
  return `${label} ${q.year}${q.section ? `, Section(s): ${q.section}` : ''}`;
}

function citationLine(q, parts) {
  const cite = citationOf(q, parts);
  if (cite) return `Decision based on MTUS ${cite}.`;
  if (q.kind === 'non-mtus')
    return 'The Expert Reviewer based their decision on recommendation(s) outside of the MTUS Guidelines. Decision based on Non-MTUS Citation ${9:Official Disability Guidelines (ODG)}.';
  return undefined;
}

function introOf(q, parts) {
  if (q.kind === 'mtus' && q.regulation) return q.regulation.startsWith('Labor Code') ? `${q.regulation} states: ` : `The MTUS (${q.regulation}) states: `;
  if (q.kind === 'mtus') {
    const part = parts.get(q.partId);
    return `The California MTUS ${part ? part.labels[0] : ''} ${q.year} guidelines state: `.replace(/\s+/g, ' ');
  }
  if (q.kind === 'non-mtus') return 'The ODG states: ';
  return '';
}

function renderSnippets(library, parts) {
  const snippets = {};
  for (const t of library.templates) {
    snippets[t.title] = { prefix: t.id, description: `${t.description} Source: ${t.source}.`, body: t.body.split('\n') };
  }
  for (const q of library.quotations) {
    const prefix = prefixOf(q);
    const where = citationOf(q, parts);
    const source = `${q.source}${q.confidence === 'unconfirmed' ? ' (wording UNCONFIRMED)' : ''}`;
    if (q.kind === 'boilerplate') {
      snippets[`${q.title}`] = { prefix, description: `MAXIMUS standard statement. Source: ${source}.`, body: [literal(q.text)] };
      continue;
    }
    const quoted = `"${literal(q.text)}"`;
    snippets[`${q.title} (quotation)`] = {
      prefix,
      description: `${where ? `${where}. ` : ''}Goes with the MAXIMUS line: ${(citationLine(q, parts) ?? '').replace(/\$\{\d+:([^}]*)\}/g, '$1')} Source: ${source}.`,
      body: [`${literal(introOf(q, parts))}${quoted} \${1:In this case, the documentation \${2:...}.}$0`],
    };
    const example = (q.keywords ?? [])[0] ?? 'treatment';
    snippets[`${q.title} (item)`] = {
      prefix: `${prefix}-item`,
      description: `A whole item quoting ${q.title}, with its MAXIMUS guideline line. Source: ${source}.`,
      body: [
        `\${1:${literal(example)}} \${2:dose} \${3:#quantity}: \${4|Upheld,Overturned|}`,
        '',
        'Claims Administrator guideline: Decision based on MTUS ${5:Chronic Pain Medical Treatment 2016}.',
        '',
        `MAXIMUS guideline: ${citationLine(q, parts) ?? 'Decision based on MTUS ${9:part and year, Section(s): ...}.'}`,
        '',
        `Decision rationale: \${6:The injured worker ...} ${literal(introOf(q, parts))}${quoted} \${7:In this case, ...} \${8|The request is not medically necessary.,The request is medically necessary.|}`,
        '$0',
      ],
    };
  }
  return JSON.stringify(snippets, null, 2) + '\n';
}

function renderDoc(library, parts) {
  const out = [
    '# Standard quotations',
    '',
    'The passages reviewers quote in rationales, with their exact wording and source. The misquotation rules',
    '([IMR030](rules/misquoted-meaning.md), [IMR031](rules/misquoted-wording.md), [IMR032](rules/quotation-wrong-citation.md))',
    'compare rationales with them; the snippets (`snippets/imr.code-snippets`) and the completion in a rationale insert them.',
    'Wording marked **confirmed** was checked against the guideline or regulation text (the source names the copy read)',
    'or is backed by at least two documents; wording marked **unconfirmed** is not: it is offered for completion but',
    'differences from it are only hints. A changed negation, number or word with a listed opposite (the `antonyms` table',
    'of server/data/quotations.json) in confirmed wording is a warning (IMR030).',
    '',
    `${library.quotations.length} entries: ${library.quotations.filter((q) => q.confidence === 'confirmed').length} confirmed, ${library.quotations.filter((q) => q.confidence !== 'confirmed').length} unconfirmed.`,
    '',
    '| Id | Snippet | Quotation | Citation | Applies to | Confidence |',
    '| --- | --- | --- | --- | --- | --- |',
  ];
  for (const q of library.quotations) {
    const applies = [...(q.drugClasses ?? []), ...q.topics].filter((v, i, a) => a.indexOf(v) === i).join(', ');
    out.push(
      `| [${q.id}](#${q.id}) | \`${prefixOf(q)}\` | ${q.title} | ${citationOf(q, parts) ?? (q.regulation ? `${q.regulation.startsWith('8 CCR') ? 'MTUS regulation' : 'Statute'}, ${q.regulation}` : q.kind === 'boilerplate' ? 'MAXIMUS statement' : 'Non-MTUS (ODG)')} | ${applies} | ${q.confidence} |`,
    );
  }
  out.push('');
  for (const q of library.quotations) {
    out.push(`## ${q.id}`, '', `**${q.title}**${q.pages ? `, page(s) ${q.pages}` : ''}`, '', `> ${q.text}`, '');
    const cite = citationLine(q, parts);
    if (cite) out.push(`- MAXIMUS line: \`${cite.replace(/\$\{\d+:([^}]*)\}/g, '$1')}\``);
    if (q.regulation)
      out.push(
        `- ${q.regulation.startsWith('8 CCR') ? 'MTUS regulation' : 'Statute'}: ${q.regulation} (no guideline part: cite the part the rationale applies)`,
      );
    if (q.alsoSections) out.push(`- Also cited under: ${q.alsoSections.join('; ')}`);
    if (q.leadIns) out.push(`- Accepted lead-ins: ${q.leadIns.map((l) => `"${l}"`).join(', ')}`);
    if (q.equivalents) out.push(`- Accepted variants: ${q.equivalents.map(([a, b]) => `"${a}" / "${b}"`).join(', ')}`);
    out.push(`- Source: ${q.source}`, `- Confidence: ${q.confidence}`, '');
  }
  if (library.antonyms && library.antonyms.length) {
    out.push(
      '## Opposites',
      '',
      'Word pairs of opposite meaning (`antonyms` in server/data/quotations.json). One of them in place of the other inside confirmed wording is a',
      'changed meaning ([IMR030](rules/misquoted-meaning.md)), reported at the changed word; beside a word of degree ("less clear" / "unclear") it is a paraphrase.',
      '',
    );
    out.push(library.antonyms.map(([a, b]) => `${a} / ${b}`).join('; ') + '.', '');
  }
  out.push('## Templates', '');
  for (const t of library.templates) out.push(`- \`${t.id}\`: ${t.description} Source: ${t.source}.`);
  out.push('', '<!-- Generated from server/data/quotations.json by scripts/gen-snippets.js: edit the data, then run node scripts/gen-snippets.js. -->', '');
  return out.join('\n');
}

function render() {
  const { library, guidelines } = load();
  const parts = new Map(guidelines.parts.map((p) => [p.id, p]));
  return new Map([
    [snippetFile, renderSnippets(library, parts)],
    [docFile, renderDoc(library, parts)],
  ]);
}

module.exports = { render, snippetFile, docFile, prefixOf };

if (require.main === module) {
  const files = render();
  if (process.argv.includes('--check')) {
    const stale = [...files]
      .filter(([file, text]) => !fs.existsSync(file) || fs.readFileSync(file, 'utf8') !== text)
      .map(([file]) => path.relative(root, file));
    if (stale.length) {
      console.error(`Out of date (run node scripts/gen-snippets.js): ${stale.join(', ')}`);
      process.exit(1);
    }
  } else {
    for (const [file, text] of files) {
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, text);
    }
    console.log(`Wrote ${[...files.keys()].map((f) => path.relative(root, f)).join(', ')}`);
  }
}
