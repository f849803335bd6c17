#!/usr/bin/env node
// Generates docs/rules/<alias>.md, docs/rules/README.md and schemas/imr-lint.schema.json from
// the rule metadata.
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

/** The JSON Schema of .imr-lint.json, from the rule ids and aliases (editor completion and checks). */
function renderSchema(rules) {
  const setting = { anyOf: [{ type: 'boolean' }, { enum: ['off', 'error', 'warning', 'information', 'hint'] }] };
  const properties = {};
  for (const r of rules) {
    properties[r.id] = { ...setting, description: `${r.alias}: ${r.description} (default ${r.severity}).` };
    properties[r.alias] = { ...setting, description: `${r.id}: ${r.description} (default ${r.severity}).` };
  }
  const schema = {
    $schema: 'http://json-schema.org/draft-07/schema#',
    title: 'imr-lint configuration (.imr-lint.json)',
    type: 'object',
    additionalProperties: false,
    properties: {
      $schema: { type: 'string' },
      rules: { type: 'object', description: 'Per rule, by id or alias: true (default severity), false or "off", or a severity.', additionalProperties: false, properties },
      words: { type: 'array', description: 'Words the reviewer accepts (a new product, a local brand): never reported as misspellings. Case does not matter.', items: { type: 'string' } },
    },
  };
  return JSON.stringify(schema, null, 2) + '\n';
}

function render() {
  const { RULES } = require(path.join(root, 'out', 'server', 'src', 'service', 'rules'));
  const pages = new Map();
  pages.set(path.join(root, 'schemas', 'imr-lint.schema.json'), renderSchema(RULES));
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
    for (const [file, text] of pages) {
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, text);
    }
    console.log(`Wrote ${pages.size} pages to ${path.relative(root, docsDir)}`);
  }
}
