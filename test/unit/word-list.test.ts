import * as assert from 'assert';
import { addWordEdit, newConfigText } from '../../server/src/word-list';
import { applyFixes, parseConfigText } from '../../server/src/service';
import type { TextEdit } from 'vscode-languageserver-types';

const URI = 'file:///ws/.imr-lint.json';

function apply(text: string, word: string): string {
  const edit = addWordEdit(URI, text, word);
  assert.ok(edit?.documentChanges, 'no edit');
  const change = edit.documentChanges[0] as { textDocument: { uri: string }; edits: TextEdit[] };
  assert.strictEqual(change.textDocument.uri, URI);
  const result = applyFixes(text, change.edits);
  assert.ok(!result.refused);
  return result.text;
}

const words = (text: string) => parseConfigText(text, 'test').config.words;

describe('the workspace word list edit (.imr-lint.json)', () => {
  it('creates the file when there is none', () => {
    const edit = addWordEdit(URI, undefined, 'Lidopro')!;
    assert.deepStrictEqual(edit.documentChanges![0], { kind: 'create', uri: URI, options: { ignoreIfExists: true } });
    assert.strictEqual((edit.documentChanges![1] as { edits: TextEdit[] }).edits[0].newText, newConfigText('Lidopro'));
    assert.deepStrictEqual(words(newConfigText('Lidopro')), ['Lidopro']);
  });

  it('fills an empty file', () => {
    const edit = addWordEdit(URI, '', 'Lidopro')!;
    assert.strictEqual(edit.documentChanges!.length, 1);
  });

  it('appends to an existing list, keeping the rest of the file (comments included)', () => {
    const text = '{\n  // team settings\n  "rules": { "IMR029": "off" },\n  "words": [\n    "Terocin"\n  ]\n}\n';
    const out = apply(text, 'Lidopro');
    assert.deepStrictEqual(words(out), ['Terocin', 'Lidopro']);
    assert.ok(out.includes('// team settings') && out.includes('"IMR029": "off"'));
  });

  it('fills an empty list', () => {
    assert.deepStrictEqual(words(apply('{ "words": [] }', 'Lidopro')), ['Lidopro']);
    assert.deepStrictEqual(words(apply('{ "words": [ ] , "rules": {} }', 'Lidopro')), ['Lidopro']);
  });

  it('adds the list to a configuration without one, and to an empty object', () => {
    const out = apply('{\n  "rules": { "words": "off-topic" }\n}\n', 'Lidopro');
    assert.deepStrictEqual(words(out), ['Lidopro']);
    assert.deepStrictEqual(JSON.parse(out), { words: ['Lidopro'], rules: { words: 'off-topic' } });
    assert.deepStrictEqual(words(apply('{}', 'Lidopro')), ['Lidopro']);
  });

  it('does not mistake a "words" string or comment for the list', () => {
    const out = apply('{ /* "words": [] */ "$schema": "words", "words": ["A"] }', 'B');
    assert.deepStrictEqual(words(out), ['A', 'B']);
  });

  it('escapes the word and refuses text that is not an object', () => {
    assert.deepStrictEqual(words(apply('{}', 'Say "hi"')), ['Say "hi"']);
    assert.strictEqual(addWordEdit(URI, '[1, 2]', 'x'), undefined);
  });
});
