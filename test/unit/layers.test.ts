/**
 * The layers of docs/architecture.md, enforced from the source: every import line of
 * server/src and client/src (import, export ... from, require, dynamic import) is read with the
 * TypeScript pre-processor and checked against what its layer may import. Also: no module-level
 * global or sticky regular expression anywhere in server/src or client/src (a `lastIndex` shared
 * between calls).
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as ts from 'typescript';
import { repoRoot } from '../util';

interface SourceFile {
  /** Repository-relative, with forward slashes. */
  file: string;
  text: string;
}

function collect(dir: string): SourceFile[] {
  const out: SourceFile[] = [];
  for (const entry of fs.readdirSync(path.join(repoRoot, dir), { withFileTypes: true })) {
    const rel = `${dir}/${entry.name}`;
    if (entry.isDirectory()) out.push(...collect(rel));
    else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts')) out.push({ file: rel, text: fs.readFileSync(path.join(repoRoot, rel), 'utf8') });
  }
  return out;
}

/** The layer of a source file, by its folder (docs/architecture.md). */
function layerOf(file: string): string {
  if (file.startsWith('client/')) return 'client';
  const m = /^server\/src\/service\/(features|rules|parser|catalog|queries)\//.exec(file);
  if (m) return m[1];
  if (/^server\/src\/service\/(text|dates|detect|positions|problem|jsonc|fixes|arrays)\.ts$/.test(file)) return 'base';
  if (file.startsWith('server/src/service/')) return 'service';
  if (file.startsWith('server/')) return 'server';
  return 'other';
}

/** Node built-ins and packages that do I/O or belong to the connection: never in the service. */
const SERVICE_FORBIDDEN_PACKAGES =
  /^(node:)?(fs|fs\/promises|net|tls|http|https|http2|dgram|dns|child_process|worker_threads|cluster|readline|vscode|vscode-languageserver|vscode-languageserver\/.*|vscode-languageclient(\/.*)?)$/;

/** Which layers each layer must not import (what is not listed is allowed). */
const FORBIDDEN_LAYERS: Record<string, string[]> = {
  features: ['rules'],
  rules: ['features'],
  queries: ['rules', 'features'],
  parser: ['rules', 'features', 'queries'],
  catalog: ['parser', 'rules', 'features', 'queries', 'service'],
  base: ['parser', 'rules', 'features', 'queries', 'catalog', 'service'],
};

/** The analyses every rule and feature shares are read through `Analyses`, never recomputed. */
const SHARED_ANALYSES = /\b(quotationMatches|guidelineReferences|itemQuotationMatches|itemGuidelineReferences)\b/;

/** Every violation of the layer rules in a set of files. */
export function layerViolations(files: SourceFile[]): string[] {
  const out: string[] = [];
  const known = new Set(files.map((f) => f.file));
  const resolve = (from: string, spec: string): string => {
    const base = path.posix.normalize(path.posix.join(path.posix.dirname(from), spec));
    for (const candidate of [`${base}.ts`, `${base}/index.ts`, base]) if (known.has(candidate)) return candidate;
    return base;
  };
  for (const { file, text } of files) {
    const layer = layerOf(file);
    const imports = ts.preProcessFile(text, true, true).importedFiles.map((i) => i.fileName);
    for (const spec of imports) {
      const relative = spec.startsWith('.');
      const target = relative ? resolve(file, spec) : spec;
      const where = `${file} imports '${spec}'`;
      if (layer === 'client' && (!relative ? /^(vscode-languageserver(\/|$)|.*server\/src)/.test(spec) : !target.startsWith('client/')))
        out.push(`${where}: the client shares no source with the server`);
      if (file.startsWith('server/src/service/') && !relative && SERVICE_FORBIDDEN_PACKAGES.test(spec))
        out.push(`${where}: the service knows no file system, network or connection`);
      if (file.startsWith('server/src/service/') && relative && !target.startsWith('server/src/service/') && !target.startsWith('server/data/'))
        out.push(`${where}: the service imports only the service and server/data`);
      if (relative && target.startsWith('server/src/service/')) {
        const targetLayer = layerOf(target);
        if (targetLayer !== layer && FORBIDDEN_LAYERS[layer]?.includes(targetLayer)) out.push(`${where}: ${layer} must not import ${targetLayer}`);
      }
    }
    if (layer === 'rules' || layer === 'features') {
      for (const m of text.matchAll(/import\s*(?:type\s*)?\{([^}]*)\}\s*from\s*'([^']*queries\/(?:quotations|references))'/g)) {
        if (SHARED_ANALYSES.test(m[1]))
          out.push(`${file} imports ${SHARED_ANALYSES.exec(m[1])![1]} from '${m[2]}': read it through Analyses (computed once per model version)`);
      }
    }
  }
  return out;
}

/** Global or sticky regular expressions created once per module (their lastIndex is shared by every caller). */
export function sharedRegexState(files: SourceFile[]): string[] {
  const out: string[] = [];
  for (const { file, text } of files) {
    const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
    const flagged = (flags: string) => /[gy]/.test(flags);
    const visit = (node: ts.Node, inFunction: boolean) => {
      const at = () => `${file}:${source.getLineAndCharacterOfPosition(node.getStart()).line + 1}`;
      if (!inFunction && ts.isRegularExpressionLiteral(node) && flagged(node.text.slice(node.text.lastIndexOf('/') + 1)))
        out.push(`${at()} ${node.text.slice(0, 40)}`);
      if (!inFunction && (ts.isNewExpression(node) || ts.isCallExpression(node)) && ts.isIdentifier(node.expression) && node.expression.text === 'RegExp') {
        const flags = node.arguments?.[1];
        if (flags && ts.isStringLiteralLike(flags) && flagged(flags.text)) out.push(`${at()} new RegExp(..., '${flags.text}')`);
      }
      const entersFunction = ts.isFunctionLike(node) || ts.isClassStaticBlockDeclaration(node);
      ts.forEachChild(node, (child) => visit(child, inFunction || entersFunction));
    };
    visit(source, false);
  }
  return out;
}

/** Positions compared by hand (`a.line < b.line || (a.line === b.line && a.character < b.character)`) outside positions.ts. */
export function handWrittenComparators(files: SourceFile[]): string[] {
  const out: string[] = [];
  const shape =
    /\.line\s*(?:[<>]=?|===)\s*[\w.]+\.line\b[^;\n]{0,80}\.character\s*[<>]=?\s*[\w.]+\.character\b|\.line\s*-\s*[\w.]+\.line\s*\|\|\s*[\w.]+\.character\s*-\s*[\w.]+\.character/;
  for (const { file, text } of files) {
    if (file === 'server/src/service/positions.ts') continue;
    text.split('\n').forEach((line, i) => {
      if (shape.test(line)) out.push(`${file}:${i + 1}`);
    });
  }
  return out;
}

/** The import cycles among the files (strongly connected components of more than one file). */
export function importCycles(files: SourceFile[]): string[][] {
  const known = new Set(files.map((f) => f.file));
  const edges = new Map<string, string[]>();
  for (const { file, text } of files) {
    const targets = ts
      .preProcessFile(text, true, true)
      .importedFiles.map((i) => i.fileName)
      .filter((spec) => spec.startsWith('.'))
      .map((spec) => path.posix.normalize(path.posix.join(path.posix.dirname(file), spec)))
      .map((base) => [`${base}.ts`, `${base}/index.ts`].find((c) => known.has(c)))
      .filter((t): t is string => t !== undefined);
    edges.set(file, targets);
  }
  // Tarjan's strongly connected components.
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  const visit = (v: string) => {
    index.set(v, index.size);
    low.set(v, index.get(v)!);
    stack.push(v);
    onStack.add(v);
    for (const w of edges.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1) cycles.push(component.sort());
    }
  };
  for (const { file } of files) if (!index.has(file)) visit(file);
  return cycles;
}

describe('layers (docs/architecture.md)', () => {
  const files = [...collect('server/src'), ...collect('client/src')];

  it('reads every source file', () => {
    assert.ok(files.some((f) => f.file === 'server/src/service/rules/describe.ts'));
    assert.ok(files.some((f) => f.file === 'client/src/extension.ts'));
  });

  it('no layer imports what it may not', () => {
    assert.deepStrictEqual(layerViolations(files), []);
  });

  it('the check catches each kind of violation', () => {
    const sample: SourceFile[] = [
      {
        file: 'server/src/service/features/a.ts',
        text: "import { itemName } from '../rules/describe';\nimport { quotationMatches } from '../queries/quotations';",
      },
      { file: 'server/src/service/rules/describe.ts', text: "export * from '../features/a';" },
      { file: 'server/src/service/rules/d.ts', text: "import { itemQuotationMatches } from '../queries/quotations';" },
      { file: 'server/src/service/catalog/b.ts', text: "import type { LetterModel } from '../parser/model';" },
      { file: 'server/src/service/parser/model.ts', text: '' },
      { file: 'server/src/service/text.ts', text: "import { RULES } from './rules';" },
      { file: 'server/src/service/rules/index.ts', text: '' },
      {
        file: 'server/src/service/c.ts',
        text: "import * as fs from 'fs';\nimport { createConnection } from 'vscode-languageserver/node';\nimport { Range } from 'vscode-languageserver-types';\nconst io = require('child_process');",
      },
      { file: 'client/src/extension.ts', text: "import { looksLikeLetter } from '../../server/src/service/detect';" },
    ];
    const found = layerViolations(sample);
    assert.deepStrictEqual(
      found.map((v) => v.replace(/ imports '.*': /, ': ')),
      [
        'server/src/service/features/a.ts: features must not import rules',
        "server/src/service/features/a.ts imports quotationMatches from '../queries/quotations': read it through Analyses (computed once per model version)",
        'server/src/service/rules/describe.ts: rules must not import features',
        "server/src/service/rules/d.ts imports itemQuotationMatches from '../queries/quotations': read it through Analyses (computed once per model version)",
        'server/src/service/catalog/b.ts: catalog must not import parser',
        'server/src/service/text.ts: base must not import rules',
        'server/src/service/c.ts: the service knows no file system, network or connection',
        'server/src/service/c.ts: the service knows no file system, network or connection',
        'server/src/service/c.ts: the service knows no file system, network or connection',
        'client/src/extension.ts: the client shares no source with the server',
      ],
    );
  });

  it('positions are compared in one module (server/src/service/positions.ts)', () => {
    assert.deepStrictEqual(handWrittenComparators(files), []);
    const sample: SourceFile[] = [
      { file: 'a.ts', text: 'const before = (a, b) => a.line < b.line || (a.line === b.line && a.character < b.character);' },
      { file: 'b.ts', text: 'list.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);' },
      { file: 'c.ts', text: 'if (position.line < model.lines.lineCount) return;' },
    ];
    assert.deepStrictEqual(handWrittenComparators(sample), ['a.ts:1', 'b.ts:1']);
  });

  it('no import cycles (catalog/index.ts and catalog/quotations.ts among them)', () => {
    assert.deepStrictEqual(importCycles(files), []);
    const sample: SourceFile[] = [
      { file: 'a/index.ts', text: "import type { Q } from './q';" },
      { file: 'a/q.ts', text: "import type { Catalog } from './index';" },
      { file: 'a/r.ts', text: "import { x } from './q';" },
    ];
    assert.deepStrictEqual(importCycles(sample), [['a/index.ts', 'a/q.ts']]);
  });

  it('no module-level global or sticky regular expression (no lastIndex shared between calls)', () => {
    assert.deepStrictEqual(sharedRegexState(files), []);
  });

  it('the regex check catches module-level /g and /y, not those made per call', () => {
    const sample: SourceFile[] = [
      {
        file: 'x.ts',
        text: [
          'const A = /a+/g;',
          "const B = new RegExp('b', 'gi');",
          'const C = { pattern: /c/y };',
          'const D = /d/i;',
          'function f(s: string) { const e = /e/g; return new RegExp(D.source, "g").test(s) || e.test(s); }',
          'const g = (s: string) => s.replace(/x/g, "");',
        ].join('\n'),
      },
    ];
    assert.deepStrictEqual(sharedRegexState(sample), ['x.ts:1 /a+/g', "x.ts:2 new RegExp(..., 'gi')", 'x.ts:3 /c/y']);
  });
});
