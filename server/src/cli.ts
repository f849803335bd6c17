/**
 * imr-lint: the command-line linter over the same language service as the editor.
 *   imr-lint [--format text|json|sarif] [--config FILE] [--stdin] FILES_OR_DIRS...
 * Exit 0: no error-severity problem; 1: at least one; 2: usage or I/O failure.
 */
import * as fs from 'fs';
import * as path from 'path';
import { pathToFileURL } from 'url';
import { getLanguageService, looksLikeLetter, parseConfigText, resolveRules, RULES } from './service';
import type { LintConfig, Problem } from './service';

const USAGE = `Usage: imr-lint [--format text|json|sarif] [--config FILE] [--stdin] FILES_OR_DIRS...

Checks IMR Final Determination letters. Folders are searched for *.imr, *.imr.txt and *.txt
files that are letters; files named on the command line are always checked.

  --format text|json|sarif  output format (default text)
  --config FILE             rule settings (default: .imr-lint.json in the current folder, if any)
  --stdin                   check one letter read from standard input
  --help, --version

Exit status: 0 no errors, 1 errors found, 2 usage or I/O failure.`;

export interface FileResult {
  file: string;
  problems: Problem[];
}

interface Options {
  format: 'text' | 'json' | 'sarif';
  config?: string;
  stdin: boolean;
  paths: string[];
}

class UsageError extends Error {}

function parseArgs(argv: string[]): Options | 'help' | 'version' {
  const options: Options = { format: 'text', stdin: false, paths: [] };
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
        if (f !== 'text' && f !== 'json' && f !== 'sarif') throw new UsageError(`unknown format '${f}' (use text, json or sarif).`);
        options.format = f;
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

export function lintTexts(inputs: Array<{ file: string; text: string }>, config?: LintConfig): FileResult[] {
  const service = getLanguageService({ docsBaseUri, cacheSize: 1 });
  const rules = resolveRules(config);
  return inputs.map(({ file, text }) => {
    const uri = file === '<stdin>' ? 'stdin://letter' : pathToFileURL(path.resolve(file)).href;
    const problems = service.validate({ uri, version: 0, getText: () => text }, rules);
    service.forget(uri);
    return { file, problems };
  });
}

function formatText(results: FileResult[]): string {
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

  const results = lintTexts(inputs, config);
  out(options.format === 'json' ? formatJson(results) : options.format === 'sarif' ? formatSarif(results, version) : formatText(results));
  if (ioErrors.length) return 2;
  return results.some((r) => r.problems.some((p) => p.severity === 'error')) ? 1 : 0;
}

if (require.main === module) {
  process.exitCode = main(process.argv.slice(2));
}
