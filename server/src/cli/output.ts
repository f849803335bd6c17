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

/** What the JSON output says of a problem. */
function jsonDiagnostic(p: Problem) {
  return { rule: p.ruleId, alias: p.alias, severity: p.severity, message: p.message, range: p.range };
}

/**
 * Diagnostics written per group (JSON.stringify of at most this many at once): a file with more
 * (a 5 MB document has thousands) is written in pieces, never as one string (docs/performance-cli.md).
 */
export const JSON_GROUP = 64;

/** `[{"diagnostics": [0], ...}]` (indented by two) begins with this: what follows the 0 is the entry's end. */
const TAIL_LEAD = '[\n  {\n    "diagnostics": [\n      0\n';
/** `[{..., "diagnostics": [0]}]` (indented by two) ends with this: what comes before the 0 is the entry's head. */
const HEAD_END = '\n      0\n    ]\n  }\n]';
/** JSON.stringify([[group]], null, 2) puts the group's items (indented by six, as in an entry) between these. */
const GROUP_OPEN = '[\n  [\n    [\n'.length;
const GROUP_CLOSE = '\n    ]\n  ]\n]'.length;
/** An entry's last line, and the array's end, as JSON.stringify([entry], null, 2) ends. */
const ENTRY_END = '\n  }\n]'.length;

/**
 * An entry's text as JSON.stringify([entry], null, 2) gives it, without the array's brackets and
 * the entry's last line ("  }"), given to `write` in pieces that end where a line ends: one piece
 * when the file has at most JSON_GROUP diagnostics, else its head, its diagnostics by groups, and
 * its end. The pieces are what one JSON.stringify would give, byte for byte: each is made by
 * JSON.stringify at the depth it has in the whole (the array trick: each level of array nesting
 * indents by two more), and the groups' items are joined as JSON.stringify joins items (",\n").
 */
function writeJsonEntry(r: FileResult, write: (piece: string) => void): void {
  const rest: Record<string, unknown> = {};
  if (r.notLetter) rest.notLetter = r.notLetter;
  if (r.failures?.length) rest.failures = r.failures;
  const problems = r.problems;
  if (problems.length <= JSON_GROUP) {
    const entry = { file: r.file, diagnostics: problems.map(jsonDiagnostic), ...rest };
    // The entry as an array's item: JSON.stringify indents it by two spaces itself.
    write(JSON.stringify([entry], null, 2).slice(2, -ENTRY_END));
    return;
  }
  write(JSON.stringify([{ file: r.file, diagnostics: [0] }], null, 2).slice(2, -HEAD_END.length));
  for (let from = 0; from < problems.length; from += JSON_GROUP) {
    const group = problems.slice(from, from + JSON_GROUP).map(jsonDiagnostic);
    const items = JSON.stringify([[group]], null, 2).slice(GROUP_OPEN, -GROUP_CLOSE);
    write(from + JSON_GROUP < problems.length ? items + ',' : items);
  }
  write(JSON.stringify([{ diagnostics: [0], ...rest }], null, 2).slice(TAIL_LEAD.length, -ENTRY_END));
}

/**
 * A JSON array with an entry per file, written as each file comes: the entry's last line ("  }")
 * waits for the next file (with a comma) or the end (without).
 */
function jsonReporter(out: (s: string) => void): Reporter {
  let entries = 0;
  return {
    file(r) {
      out(entries++ === 0 ? '[' : '  },');
      writeJsonEntry(r, out);
    },
    end() {
      out(entries === 0 ? '[]' : '  }\n]');
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
