/**
 * The CLI's output, streamed: each file's results are written as soon as they are known, so
 * memory does not grow with the number of files (docs/reliability.md). Text output escapes
 * control characters in file names (a name cannot forge a line); SARIF URIs are
 * percent-encoded (valid `uri-reference`s).
 */
import * as path from 'path';
import { pathToFileURL } from 'url';
import { RULES } from '../service';
import type { Problem } from '../service';
import { renderHtmlReport } from './html-report';

export interface FileResult {
  file: string;
  problems: Problem[];
  /** Why the file is not a letter (empty or blank): nothing was checked. */
  notLetter?: string;
  /** Failures inside the linter for this file (a rule id or the parser, and an error name; never text). */
  failures?: string[];
}

export interface Reporter {
  file(result: FileResult): void;
  /**
   * Ends the output; `notices` are run-level problems (unreadable files) for formats that carry
   * them; `hidden` counts the less severe problems left out (--min-severity), said in text output.
   */
  end(notices: string[], hidden?: number): void;
}

/** Escapes control characters, line and paragraph separators and bidi controls (file names, quoted letter text). */
export function escapeName(name: string): string {
  return name.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, (c) => {
    switch (c) {
      case '\n':
        return '\\n';
      case '\r':
        return '\\r';
      case '\t':
        return '\\t';
      default: {
        const hex = c.charCodeAt(0).toString(16).padStart(2, '0');
        return c.charCodeAt(0) < 0x100 ? `\\x${hex}` : `\\u${hex.padStart(4, '0')}`;
      }
    }
  });
}

/** Replaces lone surrogates (an undecodable file name) so that the name can be encoded. */
function wellFormed(s: string): string {
  return s.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd');
}

/** A file's SARIF artifact URI: relative paths as percent-encoded relative references, absolute ones as file: URIs. */
export function sarifUri(file: string): { uri: string; uriBaseId?: string } {
  if (file === '<stdin>') return { uri: 'stdin' };
  const segments = wellFormed(file).split(path.sep === '\\' ? /[\\/]/ : '/');
  const encoded = segments.map((s) => encodeURIComponent(s)).join('/');
  if (path.isAbsolute(file)) return { uri: `file://${encoded.startsWith('/') ? '' : '/'}${encoded}` };
  return { uri: encoded, uriBaseId: 'SRCROOT' };
}

const SARIF_LEVEL = { error: 'error', warning: 'warning', information: 'note', hint: 'note' } as const;

export type OutputFormat = 'text' | 'json' | 'sarif' | 'html';

export function createReporter(
  format: OutputFormat,
  out: (s: string) => void,
  context: { version: string; docsBaseUri: string; readmeUri: string; cwd: string },
): Reporter {
  if (format === 'json') return jsonReporter(out);
  if (format === 'sarif') return sarifReporter(out, context);
  if (format === 'html') return htmlReporter(out, context);
  return textReporter(out);
}

/**
 * The HTML report is one page with a summary before the letters, so it is written at the end; it
 * keeps only each file's name and problems (never its text), so memory stays small.
 */
function htmlReporter(out: (s: string) => void, context: { version: string; docsBaseUri: string }): Reporter {
  const results: FileResult[] = [];
  return {
    file(r) {
      results.push({ file: r.file, problems: r.problems });
    },
    end() {
      out(renderHtmlReport({ results, rules: RULES, docsBaseUri: context.docsBaseUri, version: context.version }));
    },
  };
}

function textReporter(out: (s: string) => void): Reporter {
  const counts = { error: 0, warning: 0, information: 0, hint: 0 };
  let files = 0;
  let notChecked = 0;
  return {
    file(r) {
      const name = escapeName(r.file);
      if (r.notLetter) {
        notChecked++;
        out(`${name}: not checked: ${r.notLetter}`);
        return;
      }
      files++;
      const lines: string[] = [];
      for (const p of r.problems) {
        counts[p.severity]++;
        // Messages can quote the letter: its control characters (a terminal escape, U+2028) are escaped too.
        lines.push(`${name}:${p.range.start.line + 1}:${p.range.start.character + 1} ${p.severity} ${p.ruleId} ${escapeName(p.message)}`);
      }
      for (const f of r.failures ?? []) lines.push(`${name}: internal error: ${f}`);
      if (lines.length) out(lines.join('\n'));
    },
    end(_notices, hidden = 0) {
      const total = counts.error + counts.warning + counts.information + counts.hint;
      const n = `${files} file${files === 1 ? '' : 's'}`;
      let summary =
        total === 0
          ? `No problems in ${n}.`
          : `${total} problem${total === 1 ? '' : 's'} (${counts.error} errors, ${counts.warning} warnings, ${counts.information + counts.hint} notes) in ${n}.`;
      if (notChecked) summary += ` ${notChecked} file${notChecked === 1 ? ' was' : 's were'} not checked (not a letter).`;
      out(summary);
      if (hidden > 0) out(`(${hidden} less severe problem${hidden === 1 ? '' : 's'} not shown: use --min-severity hint to see them.)`);
    },
  };
}

function indent(json: string, by: string): string {
  return json.replace(/\n/g, `\n${by}`);
}

function jsonReporter(out: (s: string) => void): Reporter {
  let first = true;
  let previous: string | undefined;
  return {
    file(r) {
      const entry: Record<string, unknown> = {
        file: r.file,
        diagnostics: r.problems.map((p) => ({ rule: p.ruleId, alias: p.alias, severity: p.severity, message: p.message, range: p.range })),
      };
      if (r.notLetter) entry.notLetter = r.notLetter;
      if (r.failures?.length) entry.failures = r.failures;
      // Written one entry behind, so that the last one is written without a comma.
      if (previous !== undefined) {
        out(`${first ? '[\n' : ''}  ${previous},`);
        first = false;
      }
      // The entry as an array's item: JSON.stringify indents it by two spaces itself, where
      // `indent` took a second pass over the text (a 1 MB entry: 2.9 ms instead of 5.2, min of 8).
      const item = JSON.stringify([entry], null, 2);
      previous = item.slice(4, -2);
    },
    end() {
      if (previous === undefined) out('[]');
      else out(`${first ? '[\n' : ''}  ${previous}\n]`);
    },
  };
}

function sarifReporter(out: (s: string) => void, context: { version: string; docsBaseUri: string; readmeUri: string; cwd: string }): Reporter {
  const marker = 'IMR_LINT_SARIF_RESULTS';
  const skeleton = (invocations?: unknown) => ({
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'imr-lint',
            version: context.version,
            informationUri: context.readmeUri,
            rules: RULES.map((r) => ({
              id: r.id,
              name: r.alias,
              shortDescription: { text: r.description },
              fullDescription: { text: r.docs.why },
              helpUri: `${context.docsBaseUri}/${r.alias}.md`,
              defaultConfiguration: { level: SARIF_LEVEL[r.severity] },
            })),
          },
        },
        originalUriBaseIds: { SRCROOT: { uri: `${pathToFileURL(context.cwd).href.replace(/\/?$/, '/')}` } },
        results: marker as unknown,
        ...(invocations ? { invocations } : {}),
      },
    ],
  });
  const split = (invocations?: unknown) => {
    const json = JSON.stringify(skeleton(invocations), null, 2);
    const at = json.indexOf(`"${marker}"`);
    return { before: json.slice(0, at), after: json.slice(at + marker.length + 2) };
  };
  const notifications: unknown[] = [];
  // Each result is written one behind, so that the last one is written without a comma.
  let pending: string | undefined;
  out(`${split().before}[`);
  return {
    file(r) {
      const location = { physicalLocation: { artifactLocation: sarifUri(r.file) } };
      if (r.notLetter) notifications.push({ level: 'note', message: { text: `Not checked: ${r.notLetter}.` }, locations: [location] });
      for (const f of r.failures ?? []) notifications.push({ level: 'error', message: { text: `Internal error: ${f}.` }, locations: [location] });
      const results = r.problems.map((p) => ({
        ruleId: p.ruleId,
        ruleIndex: RULES.findIndex((x) => x.id === p.ruleId),
        level: SARIF_LEVEL[p.severity],
        message: { text: p.message },
        locations: [
          {
            physicalLocation: {
              artifactLocation: sarifUri(r.file),
              region: {
                startLine: p.range.start.line + 1,
                startColumn: p.range.start.character + 1,
                endLine: p.range.end.line + 1,
                endColumn: p.range.end.character + 1,
              },
            },
          },
        ],
      }));
      for (const result of results) {
        if (pending !== undefined) out(`        ${pending},`);
        pending = indent(JSON.stringify(result, null, 2), '        ');
      }
    },
    end(notices) {
      for (const n of notices) notifications.push({ level: 'error', message: { text: n } });
      const invocations = [
        { executionSuccessful: notifications.every((n) => (n as { level: string }).level !== 'error'), toolExecutionNotifications: notifications },
      ];
      if (pending !== undefined) out(`        ${pending}`);
      out(`      ]${split(invocations).after}`);
    },
  };
}
