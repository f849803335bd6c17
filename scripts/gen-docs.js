#!/usr/bin/env node
// Generates docs/rules/<alias>.md and docs/rules/README.md from the rule metadata.
//   node scripts/gen-docs.js          write the pages
//   node scripts/gen-docs.js --check  exit 1 when a committed page differs (used by the tests)
'use strict';
const fs = require('fs');
const path = require('path');

const root = path.resolve(__dirname, '..');
const docsDir = path.join(root, 'docs', 'rules');

function fence(text) {
  return '```text\n' + text.replace(/\n+$/, '') + '\n```';
}

function renderRule(rule) {
  return [
    `# ${rule.id} \`${rule.alias}\``,
    '',
    `${rule.description}.`,
    '',
    `- Default severity: **${rule.severity}**`,
    `- Tags: ${rule.tags.join(', ')}`,
    `- Turn it off or change its severity: \`{ "rules": { "${rule.alias}": "off" } }\` in \`.imr-lint.json\` or the \`imrLint.rules\` setting.`,
    '',
    '## Why it matters',
    '',
    rule.docs.why,
    '',
    '## Example',
    '',
    'Reported:',
    '',
    fence(rule.docs.bad),
    '',
    'Correct:',
    '',
    fence(rule.docs.good),
    '',
    '## How to fix',
    '',
    rule.docs.fix,
    '',
    '<!-- Generated from the rule metadata by scripts/gen-docs.js: edit the rule, then run npm run docs. -->',
    '',
  ].join('\n');
}

function renderIndex(rules) {
  const rows = rules.map((r) => `| [${r.id}](${r.alias}.md) | \`${r.alias}\` | ${r.severity} | ${r.description} |`);
  return [
    '# Rules',
    '',
    'Every diagnostic names its rule; each page says what the rule checks, why it matters, an example and how to fix it.',
    '',
    '| Id | Alias | Default | What it reports |',
    '| --- | --- | --- | --- |',
    ...rows,
    '',
    '<!-- Generated from the rule metadata by scripts/gen-docs.js: edit the rule, then run npm run docs. -->',
    '',
  ].join('\n');
}

function render() {
  const { RULES } = require(path.join(root, 'out', 'server', 'src', 'service', 'rules'));
  const pages = new Map();
  for (const rule of RULES) pages.set(path.join(docsDir, `${rule.alias}.md`), renderRule(rule));
  pages.set(path.join(docsDir, 'README.md'), renderIndex(RULES));
  return pages;
}

module.exports = { render, docsDir };

if (require.main === module) {
  const pages = render();
  if (process.argv.includes('--check')) {
    const stale = [...pages].filter(([file, text]) => !fs.existsSync(file) || fs.readFileSync(file, 'utf8') !== text).map(([file]) => path.relative(root, file));
    if (stale.length) {
      console.error(`Out of date (run npm run docs): ${stale.join(', ')}`);
      process.exit(1);
    }
  } else {
    fs.mkdirSync(docsDir, { recursive: true });
    for (const [file, text] of pages) fs.writeFileSync(file, text);
    console.log(`Wrote ${pages.size} pages to ${path.relative(root, docsDir)}`);
  }
}
