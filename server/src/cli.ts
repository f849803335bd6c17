/**
 * imr-lint: the command-line linter over the same language service as the editor.
 *   imr-lint [--format text|json|sarif|html] [--fix] [--quiet] [--max-warnings N] [--min-severity S]
 *            [--config FILE] [--stdin] FILES_OR_DIRS...
 * Exit 0: no error-severity problem (and warnings within --max-warnings); 1: otherwise; 2: usage or I/O failure.
 */
import * as fs from 'fs';
import * as path from 'path';
import { pathToFileURL } from 'url';
import { getLanguageService, looksLikeLetter, parseConfigText, resolveRules, resolveWords, RULES } from './service';
import type { LintConfig, Problem, Severity } from './service';
import { fixInputs } from './cli/fix';
import { renderHtmlReport } from './cli/html-report';
import { Progress } from './cli/progress';

const USAGE = `Usage: imr-lint [options] FILES_OR_DIRS...

Checks IMR Final Determination letters. Folders are searched for *.imr, *.imr.txt and *.txt
files that are letters; files named on the command line are always checked.

  --format text|json|sarif|html  output format (default text); html is one self-contained page
  --fix                     apply every unambiguous fix to the files, then report what remains
  --quiet                   report errors only
  --min-severity S          report problems of severity S and above: error, warning, information,
                            hint (default: information for text, hint for the other formats)
  --max-warnings N          exit with status 1 when more than N warnings are reported
  --config FILE             rule settings and words (default: .imr-lint.json in the current folder)
  --stdin                   check one letter read from standard input
  --help, --version

Exit status: 0 no errors (and no more warnings than --max-warnings), 1 otherwise,
2 usage or I/O failure.`;

export interface FileResult {
  file: string;
  problems: Problem[];
}

const SEVERITY_RANK: Record<Severity, number> = { error: 0, warning: 1, information: 2, hint: 3 };

interface Options {
  format: 'text' | 'json' | 'sarif' | 'html';
  fix: boolean;
  quiet: boolean;
  minSeverity?: Severity;
  maxWarnings?: number;
  config?: string;
  stdin: boolean;
  paths: string[];
}

class UsageError extends Error {}

function parseArgs(argv: string[]): Options | 'help' | 'version' {
  const options: Options = { format: 'text', fix: false, quiet: false, stdin: false, paths: [] };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const [flag, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = () => {
      const v = inline ?? argv[++i];
      if (v === undefined) throw new UsageError(`${flag} needs a value.`);
      return v;
    };
    switch (flag) {
      case '--help':
      case '-h':
        return 'help';
      case '--version':
        return 'version';
      case '--format': {
        const f = value();
        if (f !== 'text' && f !== 'json' && f !== 'sarif' && f !== 'html') throw new UsageError(`unknown format '${f}' (use text, json, sarif or html).`);
        options.format = f;
        break;
      }
      case '--fix':
        options.fix = true;
        break;
      case '--quiet':
        options.quiet = true;
        break;
      case '--min-severity': {
        const s = value();
        if (!(s in SEVERITY_RANK)) throw new UsageError(`unknown severity '${s}' (use error, warning, information or hint).`);
        options.minSeverity = s as Severity;
        break;
      }
      case '--max-warnings': {
        const v = value();
        if (!/^\d+$/.test(v)) throw new UsageError(`--max-warnings needs a whole number, not '${v}'.`);
        options.maxWarnings = Number(v);
        break;
      }
      case '--config':
        options.config = value();
        break;
      case '--stdin':
        options.stdin = true;
        break;
      default:
        if (arg.startsWith('-') && arg !== '-') throw new UsageError(`unknown option '${arg}'.`);
        options.paths.push(arg);
    }
  }
  if (!options.stdin && options.paths.length === 0) throw new UsageError('no files or folders given.');
  return options;
}

const LETTER_EXTENSIONS = /\.(imr|imr\.txt|txt)$/i;
const SKIP_DIRS = new Set(['node_modules', '.git', 'out', 'dist']);

/** Files to check under a folder, sorted; plain .txt files only when they look like letters. */
function collect(dir: string, errors: string[]): string[] {
  const found: string[] = [];
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch (e) {
    errors.push(`cannot read folder ${dir}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
    return found;
  }
  for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!SKIP_DIRS.has(entry.name) && !entry.name.startsWith('.')) found.push(...collect(full, errors));
    } else if (entry.isFile() && LETTER_EXTENSIONS.test(entry.name)) {
      if (/\.imr(\.txt)?$/i.test(entry.name)) found.push(full);
      else {
        try {
          const head = readHead(full);
          if (looksLikeLetter(head)) found.push(full);
        } catch (e) {
          errors.push(`cannot read ${full}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
        }
      }
    }
  }
  return found;
}

function readHead(file: string): string {
  const fd = fs.openSync(file, 'r');
  try {
    const buffer = Buffer.alloc(16384);
    const n = fs.readSync(fd, buffer, 0, buffer.length, 0);
    return buffer.subarray(0, n).toString('utf8');
  } finally {
    fs.closeSync(fd);
  }
}

function decode(buffer: Buffer): string {
  const text = buffer.toString('utf8');
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

const docsDir = path.resolve(__dirname, '..', 'docs', 'rules');
const docsBaseUri = pathToFileURL(docsDir).href;

const uriOf = (file: string) => (file === '<stdin>' ? 'stdin://letter' : pathToFileURL(path.resolve(file)).href);

export function lintTexts(inputs: Array<{ file: string; text: string }>, config?: LintConfig, onProgress?: (done: number) => void): FileResult[] {
  const service = getLanguageService({ docsBaseUri, cacheSize: 1 });
  const rules = resolveRules(config);
  const words = resolveWords(config);
  return inputs.map(({ file, text }, i) => {
    const uri = uriOf(file);
    const problems = service.validate({ uri, version: 0, getText: () => text }, rules, words);
    service.forget(uri);
    onProgress?.(i + 1);
    return { file, problems };
  });
}

function formatText(results: FileResult[], hidden = 0): string {
  const lines: string[] = [];
  const counts = { error: 0, warning: 0, information: 0, hint: 0 };
  for (const r of results) {
    for (const p of r.problems) {
      counts[p.severity]++;
      lines.push(`${r.file}:${p.range.start.line + 1}:${p.range.start.character + 1} ${p.severity} ${p.ruleId} ${p.message}`);
    }
  }
  const total = counts.error + counts.warning + counts.information + counts.hint;
  const files = `${results.length} file${results.length === 1 ? '' : 's'}`;
  lines.push(total === 0 ? `No problems in ${files}.` : `${total} problem${total === 1 ? '' : 's'} (${counts.error} errors, ${counts.warning} warnings, ${counts.information + counts.hint} notes) in ${files}.`);
  if (hidden > 0) lines.push(`(${hidden} less severe problem${hidden === 1 ? '' : 's'} not shown: use --min-severity hint to see them.)`);
  return lines.join('\n');
}

function formatJson(results: FileResult[]): string {
  return JSON.stringify(
    results.map((r) => ({
      file: r.file,
      diagnostics: r.problems.map((p) => ({ rule: p.ruleId, alias: p.alias, severity: p.severity, message: p.message, range: p.range })),
    })),
    null,
    2,
  );
}

const SARIF_LEVEL = { error: 'error', warning: 'warning', information: 'note', hint: 'note' } as const;

function formatSarif(results: FileResult[], version: string): string {
  const sarif = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'imr-lint',
            version,
            informationUri: pathToFileURL(path.resolve(__dirname, '..', 'README.md')).href,
            rules: RULES.map((r) => ({
              id: r.id,
              name: r.alias,
              shortDescription: { text: r.description },
              fullDescription: { text: r.docs.why },
              helpUri: `${docsBaseUri}/${r.alias}.md`,
              defaultConfiguration: { level: SARIF_LEVEL[r.severity] },
            })),
          },
        },
        results: results.flatMap((r) =>
          r.problems.map((p) => ({
            ruleId: p.ruleId,
            ruleIndex: RULES.findIndex((x) => x.id === p.ruleId),
            level: SARIF_LEVEL[p.severity],
            message: { text: p.message },
            locations: [
              {
                physicalLocation: {
                  artifactLocation: { uri: r.file === '<stdin>' ? 'stdin' : r.file.split(path.sep).join('/') },
                  region: { startLine: p.range.start.line + 1, startColumn: p.range.start.character + 1, endLine: p.range.end.line + 1, endColumn: p.range.end.character + 1 },
                },
              },
            ],
          })),
        ),
      },
    ],
  };
  return JSON.stringify(sarif, null, 2);
}

function readVersion(): string {
  try {
    return JSON.parse(fs.readFileSync(path.resolve(__dirname, '..', 'package.json'), 'utf8')).version;
  } catch {
    return '0.0.0';
  }
}

function readStdin(): string {
  const chunks: Buffer[] = [];
  const buffer = Buffer.alloc(65536);
  for (;;) {
    let n = 0;
    try {
      n = fs.readSync(0, buffer, 0, buffer.length, null);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'EAGAIN') continue;
      if ((e as NodeJS.ErrnoException).code === 'EOF') break;
      throw e;
    }
    if (n === 0) break;
    chunks.push(Buffer.from(buffer.subarray(0, n)));
  }
  return decode(Buffer.concat(chunks));
}

export function main(argv: string[], out: (s: string) => void = (s) => process.stdout.write(s + '\n'), err: (s: string) => void = (s) => process.stderr.write(s + '\n')): number {
  let options: ReturnType<typeof parseArgs>;
  try {
    options = parseArgs(argv);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    err(`imr-lint: ${e.message}\n\n${USAGE}`);
    return 2;
  }
  if (options === 'help') {
    out(USAGE);
    return 0;
  }
  const version = readVersion();
  if (options === 'version') {
    out(version);
    return 0;
  }

  let config: LintConfig | undefined;
  const configPath = options.config ?? (fs.existsSync('.imr-lint.json') ? '.imr-lint.json' : undefined);
  if (configPath) {
    let text: string;
    try {
      text = fs.readFileSync(configPath, 'utf8');
    } catch (e) {
      err(`imr-lint: cannot read the configuration ${configPath}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
      return 2;
    }
    const parsed = parseConfigText(text, configPath);
    if (parsed.errors.length) {
      for (const message of parsed.errors) err(`imr-lint: ${message}`);
      return 2;
    }
    config = parsed.config;
  }

  const ioErrors: string[] = [];
  const inputs: Array<{ file: string; text: string }> = [];
  if (options.stdin) inputs.push({ file: '<stdin>', text: readStdin() });
  for (const p of options.paths) {
    let stat: fs.Stats;
    try {
      stat = fs.statSync(p);
    } catch (e) {
      ioErrors.push(`cannot read ${p}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file or folder' : (e as Error).message}`);
      continue;
    }
    const files = stat.isDirectory() ? collect(p, ioErrors) : [p];
    for (const file of files) {
      try {
        inputs.push({ file, text: decode(fs.readFileSync(file)) });
      } catch (e) {
        ioErrors.push(`cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
      }
    }
  }
  for (const message of ioErrors) err(`imr-lint: ${message}`);

  const checked = options.fix ? fixInputs(inputs, config, uriOf, options.format === 'text' ? out : err) : inputs;
  const progress = new Progress(checked.length, process.stderr);
  const all = lintTexts(checked, config, (done) => progress.update(done));
  progress.end();
  // --quiet: errors only; hints are hidden from text output unless asked for.
  const minimum: Severity = options.quiet ? 'error' : options.minSeverity ?? (options.format === 'text' ? 'information' : 'hint');
  const results = all.map((r) => ({ file: r.file, problems: r.problems.filter((p) => SEVERITY_RANK[p.severity] <= SEVERITY_RANK[minimum]) }));
  const hidden = all.reduce((n, r) => n + r.problems.length, 0) - results.reduce((n, r) => n + r.problems.length, 0);
  out(
    options.format === 'json'
      ? formatJson(results)
      : options.format === 'sarif'
        ? formatSarif(results, version)
        : options.format === 'html'
          ? renderHtmlReport({ results, rules: RULES, docsBaseUri, version })
          : formatText(results, options.quiet ? 0 : hidden),
  );
  if (ioErrors.length) return 2;
  const warnings = results.reduce((n, r) => n + r.problems.filter((p) => p.severity === 'warning').length, 0);
  if (options.maxWarnings !== undefined && warnings > options.maxWarnings) {
    err(`imr-lint: ${warnings} warnings, more than --max-warnings ${options.maxWarnings}.`);
    return 1;
  }
  return results.some((r) => r.problems.some((p) => p.severity === 'error')) ? 1 : 0;
}

if (require.main === module) {
  process.exitCode = main(process.argv.slice(2));
}
