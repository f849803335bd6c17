/**
 * The IMR letter language service: a pure library (no connection, no file system). The server,
 * the CLI and the tests all call it (STYLE.md: getLanguageService).
 */
import {
  CodeAction,
  CodeActionKind,
  Diagnostic,
  DiagnosticSeverity,
  DiagnosticRelatedInformation,
  OptionalVersionedTextDocumentIdentifier,
  Range,
  TextDocumentEdit,
  TextEdit as LspTextEdit,
} from 'vscode-languageserver-types';
import type { CompletionList, DocumentSymbol, FoldingRange, Hover, Location, Position } from 'vscode-languageserver-types';
import { catalogDocument, citationDefinition } from './features/citations';
export { CATALOG_SCHEME } from './features/citations';
import { buildCatalog, Catalog } from './catalog';
import { AcceptedWords, configKey, resolveRules, ResolvedRules } from './config';
import { doComplete } from './features/completion';
import { getFoldingRanges } from './features/folding';
import { doHover } from './features/hover';
import { fixAll, minimalEdit, unambiguousFix } from './features/fix-all';
import type { FixAllResult } from './features/fix-all';
import { lineEndingOf, withLineEnding } from './fixes';
import { LineMap } from './text';
import { commonPrefixLength, commonSuffixLength, detached } from './text-change';
import { reuseEqualProblems } from './problem-reuse';
import { findDocumentSymbols } from './features/symbols';
import type { Item, LetterModel } from './parser/model';
import { ItemReuse, parseLetter } from './parser/parse';
import { Analyses, AnalysisCounts, createAnalyses } from './queries/analyses';
import { comparePositions, intersects } from './positions';
import { RULES } from './rules';
import { ruleScope } from './rules/rule';
import type { Problem, Rule, Severity } from './rules/rule';

export type { LetterModel } from './parser/model';
export type { Problem, Severity, Fix, Rule } from './rules/rule';
export type { LintConfig, RuleSetting, ResolvedRules } from './config';
export { resolveRules, resolveWords, parseConfigText, validateConfig, MAX_CONFIG_BYTES } from './config';
export type { AcceptedWords } from './config';
export type { Analyses, AnalysisCounts } from './queries/analyses';
export { RULES, findRule } from './rules';
export { looksLikeLetter } from './detect';
export { applyFixes, lineEndingOf, withLineEnding } from './fixes';
export type { ApplyResult } from './fixes';
export { unambiguousFix } from './features/fix-all';
export type { FixAllResult, FixedProblem } from './features/fix-all';

/** Code action kind of fix-all (`editor.codeActionsOnSave`: `"source.fixAll.imr-lint"`). */
export const FIX_ALL_KIND = 'source.fixAll.imr-lint';

export interface DocumentFixAll extends FixAllResult {
  /** One edit, in positions of the document, that turns its text into `text` (none when unchanged). */
  edits: LspTextEdit[];
}

/** What the service needs of a document (vscode-languageserver-textdocument's TextDocument fits). */
export interface LetterDocument {
  readonly uri: string;
  readonly version: number;
  getText(): string;
}

export interface LanguageServiceOptions {
  catalog?: Catalog;
  /** Base URI of the rule docs (docs/rules/): diagnostics link to `<base>/<alias>.md`. */
  docsBaseUri?: string;
  /** Called when a rule throws: the rule is skipped for that document. Never given letter text. */
  onRuleError?: (ruleId: string, error: unknown) => void;
  /** How many documents' results to keep (default 64). */
  cacheSize?: number;
  /**
   * How many of them (the most recently parsed or checked) also keep their model and what the next
   * version reuses (items, line results); the others keep their problems only and are parsed again
   * when a request needs the model (default: all of them). The server keeps a few, so that 200
   * open letters do not hold 200 models.
   */
  modelCacheSize?: number;
  /** Counts each shared analysis computed (tests assert that nothing is computed twice). */
  analysisCounts?: AnalysisCounts;
}

interface CacheEntry {
  version: number;
  /** The text the model was parsed from (compared by identity first, so a hit costs nothing). */
  text: string;
  /** The model and the per-document state below are absent while the entry is kept cold (modelCacheSize). */
  model?: LetterModel;
  /** The document's items by what they were built from, carried from version to version. */
  reuse?: ItemReuse;
  /** The line rules' problems by line, carried from version to version (see lineProblems). */
  lines?: LineResults;
  /** The shared analyses of this model version (computed on first use, read by rules and features). */
  analyses?: Analyses;
  problemsKey?: string;
  problems?: Problem[];
  /** The previous version's problems, until this version's are found (problem-reuse.ts). */
  previousProblems?: Problem[];
}

/** An entry with its model (entry() returns one). */
type ParsedEntry = CacheEntry & { model: LetterModel; reuse: ItemReuse; analyses: Analyses };

export interface LanguageService {
  parse(document: LetterDocument): LetterModel;
  /** The problems of a letter; `words` are accepted names (configuration 'words'). */
  validate(document: LetterDocument, rules?: ResolvedRules, words?: AcceptedWords): Problem[];
  toDiagnostic(problem: Problem): Diagnostic;
  doValidation(document: LetterDocument, rules?: ResolvedRules, words?: AcceptedWords): Diagnostic[];
  doHover(document: LetterDocument, position: Position): Hover | null;
  /** Go to definition on a citation: a location in the read-only catalog view. */
  findDefinition(document: LetterDocument, position: Position): Location | null;
  /** The text of a catalog view (an `imr-catalog:` URI), or undefined. */
  getCatalogDocument(uri: string): string | undefined;
  doComplete(document: LetterDocument, position: Position): CompletionList;
  findDocumentSymbols(document: LetterDocument): DocumentSymbol[];
  getFoldingRanges(document: LetterDocument): FoldingRange[];
  getCodeActions(document: LetterDocument, range: Range, rules?: ResolvedRules, words?: AcceptedWords): CodeAction[];
  /** Every unambiguous fix, re-checked until nothing more is fixable (fix-all, imr-lint --fix). */
  fixAll(document: LetterDocument, rules?: ResolvedRules, words?: AcceptedWords): DocumentFixAll;
  /** The fix-all code action (kind source.fixAll.imr-lint), or undefined when nothing is fixable. */
  getFixAllAction(document: LetterDocument, rules?: ResolvedRules, words?: AcceptedWords): CodeAction | undefined;
  /** Forget a closed document. */
  forget(uri: string): void;
  readonly catalog: Catalog;
}

const LSP_SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

/** The line rules' problems of one version, by line index. */
interface LineResults {
  key: string;
  lines: LineMap;
  byLine: Array<Map<string, Problem[]> | undefined>;
}

/** More changed lines than this: the line rules check the whole letter at once. */
const LINE_BATCH = 64;

function shiftRange(r: Range, delta: number): Range {
  return { start: { line: r.start.line + delta, character: r.start.character }, end: { line: r.end.line + delta, character: r.end.character } };
}

/** The problem moved down `delta` lines (a line rule's problem found on a one-line view, or on a line that moved). */
function shiftProblem(p: Problem, delta: number): Problem {
  if (delta === 0) return p;
  const moved: Problem = { ...p, range: shiftRange(p.range, delta) };
  if (p.related) moved.related = p.related.map((r) => ({ ...r, range: shiftRange(r.range, delta) }));
  if (p.fixes) moved.fixes = p.fixes.map((f) => ({ ...f, edits: f.edits.map((e) => ({ ...e, range: shiftRange(e.range, delta) })) }));
  return moved;
}

function shiftLines(byRule: Map<string, Problem[]> | undefined, delta: number): Map<string, Problem[]> | undefined {
  if (!byRule) return undefined;
  const moved = new Map<string, Problem[]>();
  for (const [rule, list] of byRule)
    moved.set(
      rule,
      list.map((p) => shiftProblem(p, delta)),
    );
  return moved;
}

export function getLanguageService(options: LanguageServiceOptions = {}): LanguageService {
  const catalog = options.catalog ?? buildCatalog();
  const cacheSize = options.cacheSize ?? 64;
  // At least one: the entry being checked holds its model while it is checked.
  const modelCacheSize = Math.max(1, Math.min(cacheSize, options.modelCacheSize ?? cacheSize));
  /** Every kept entry, least recently used first. */
  const cache = new Map<string, CacheEntry>();
  /** The entries that hold their model, least recently parsed or checked first. */
  const parsed = new Map<string, CacheEntry>();
  const defaultRules = resolveRules();
  const noWords: AcceptedWords = new Set();

  /**
   * The cached entry of this exact document version, or undefined. Keyed by the text too: a
   * client that reuses a version number for other text (a second didOpen, a buggy didChange)
   * gets fresh results, never the old ones.
   */
  function lookup(document: LetterDocument, text: string): CacheEntry | undefined {
    const cached = cache.get(document.uri);
    if (!cached || cached.version !== document.version || cached.text !== text) return undefined;
    cache.delete(document.uri);
    cache.set(document.uri, cached);
    return cached;
  }

  function forget(uri: string): void {
    cache.delete(uri);
    parsed.delete(uri);
  }

  /** Marks an entry as holding its model; the least recently used beyond modelCacheSize keep their results only. */
  function holdModel(uri: string, e: CacheEntry): void {
    parsed.delete(uri);
    parsed.set(uri, e);
    while (parsed.size > modelCacheSize) {
      const [oldest, cold] = parsed.entries().next().value as [string, CacheEntry];
      parsed.delete(oldest);
      cold.model = cold.reuse = cold.lines = cold.analyses = undefined;
    }
  }

  function entry(document: LetterDocument): ParsedEntry {
    const text = document.getText();
    const cached = lookup(document, text);
    if (cached?.model) {
      holdModel(document.uri, cached);
      return cached as ParsedEntry;
    }
    const previous = cached ?? cache.get(document.uri);
    // The previous version's items are reused where unchanged (an edit re-parses its own item only).
    const reuse = previous?.reuse ?? new ItemReuse();
    const model = parseLetter(text, document.uri, document.version, catalog, reuse);
    const analyses = createAnalyses(model, catalog, options.analysisCounts);
    // A cold entry of this very version keeps its problems (the same text gives the same problems).
    const fresh: ParsedEntry = cached
      ? Object.assign(cached, { reuse, model, analyses })
      : { version: document.version, text, reuse, lines: previous?.lines, model, analyses, previousProblems: previous?.problems };
    cache.delete(document.uri);
    cache.set(document.uri, fresh);
    while (cache.size > cacheSize) forget(cache.keys().next().value as string);
    holdModel(document.uri, fresh);
    return fresh;
  }

  /** Per item: the item rules' problems under one configuration, by rule id (see ruleScope). */
  const itemResults = new WeakMap<Item, { key: string; byRule: Map<string, Problem[]> }>();

  /** Rules that threw during the current check: each is reported once per check, not once per item or line. */
  let failed = new Set<string>();

  function runRule(rule: Rule, severity: Severity, model: LetterModel, analyses: Analyses, words: AcceptedWords, out: Problem[]): void {
    try {
      rule.check({
        model,
        catalog,
        analyses,
        words,
        report: (r) =>
          out.push({
            ruleId: rule.id,
            alias: rule.alias,
            severity: r.severity && severity === rule.severity ? r.severity : severity,
            message: r.message,
            range: r.range,
            related: r.related,
            fixes: r.fixes,
          }),
      });
    } catch (error) {
      if (failed.has(rule.id)) return;
      failed.add(rule.id);
      options.onRuleError?.(rule.id, error);
    }
  }

  /**
   * The item rules' problems for one item. Cached by the item object, which the parser keeps
   * while the item's text and first line are unchanged: an edit re-checks its own item only.
   */
  function problemsOfItem(model: LetterModel, item: Item, key: string, active: ReadonlyArray<{ rule: Rule; severity: Severity }>, words: AcceptedWords) {
    const known = itemResults.get(item);
    if (known && known.key === key) return known.byRule;
    // An item rule sees the model with this one item (rule.ts: scope).
    const view: LetterModel = { ...model, items: [item] };
    // The item's own analyses are cached by item, so the view's share them with the whole model's.
    const viewAnalyses = createAnalyses(view, catalog, undefined, options.analysisCounts);
    const byRule = new Map<string, Problem[]>();
    for (const { rule, severity } of active) {
      if (ruleScope(rule) !== 'item') continue;
      const found: Problem[] = [];
      runRule(rule, severity, view, viewAnalyses, words, found);
      if (found.length) byRule.set(rule.id, found);
    }
    itemResults.set(item, { key, byRule });
    return byRule;
  }

  /**
   * The line rules' problems, by line. A line whose text is unchanged since the previous version
   * (at the same index, or shifted by the number of lines the edit added or removed) keeps its
   * problems; the other lines are checked one by one, or the whole letter is when many changed.
   */
  function lineProblems(e: ParsedEntry, key: string, active: ReadonlyArray<{ rule: Rule; severity: Severity }>, words: AcceptedWords): LineResults {
    const model = e.model;
    const lines = model.lines;
    const count = lines.lineCount;
    const byLine: Array<Map<string, Problem[]> | undefined> = new Array(count);
    const prev = e.lines && e.lines.key === key ? e.lines : undefined;
    // Lines to check: 1 = changed (every line on a first check).
    const missed = new Uint8Array(count);
    let missing = 0;
    if (!prev) {
      missed.fill(1);
      missing = count;
    } else {
      const before = prev.lines;
      const delta = count - before.lineCount;
      // Only the lines around the changed characters are compared; the lines before them are the
      // same at the same index, the lines after them the same shifted by delta (text-change.ts).
      const head = commonPrefixLength(before.text, lines.text);
      const tail = commonSuffixLength(before.text, lines.text, Math.min(before.text.length, lines.text.length) - head);
      const first = Math.max(0, lines.lineOf(head) - 1);
      const last = Math.min(count - 1, lines.lineOf(lines.text.length - tail) + 1);
      for (let i = 0; i < first; i++) byLine[i] = prev.byLine[i];
      for (let i = last + 1; i < count; i++) byLine[i] = delta === 0 ? prev.byLine[i] : shiftLines(prev.byLine[i - delta], delta);
      for (let i = first; i <= last; i++) {
        const text = lines.lineText(i);
        if (i < before.lineCount && before.lineText(i) === text) {
          byLine[i] = prev.byLine[i];
          continue;
        }
        const j = i - delta;
        if (delta !== 0 && j >= 0 && j < before.lineCount && before.lineText(j) === text) {
          byLine[i] = shiftLines(prev.byLine[j], delta);
          continue;
        }
        missed[i] = 1;
        missing++;
      }
    }
    const lineRules = active.filter(({ rule }) => ruleScope(rule) === 'line');
    const put = (line: number, p: Problem) => {
      const map = (byLine[line] ??= new Map());
      const list = map.get(p.ruleId);
      if (list) list.push(p);
      else map.set(p.ruleId, [p]);
    };
    if (missing > LINE_BATCH) {
      // Most lines changed (or a first check): the whole letter, each rule once.
      for (const { rule, severity } of lineRules) {
        const found: Problem[] = [];
        runRule(rule, severity, model, e.analyses, words, found);
        for (const p of found) if (missed[p.range.start.line]) put(p.range.start.line, p);
      }
    } else {
      for (let i = 0; i < count; i++) {
        if (!missed[i]) continue;
        // A line rule sees a model whose text is this one line (rule.ts: scope), a copy that does
        // not keep the whole version alive from the rules' per-line memos (text-change.ts: detached).
        const view: LetterModel = { ...model, lines: new LineMap(detached(lines.lineText(i))) };
        for (const { rule, severity } of lineRules) {
          const found: Problem[] = [];
          runRule(rule, severity, view, e.analyses, words, found);
          for (const p of found) put(i, shiftProblem(p, i));
        }
      }
    }
    // The version's own line map (its lines are compared with the next version's, never copied).
    const results: LineResults = { key, lines, byLine };
    e.lines = results;
    return results;
  }

  function validate(document: LetterDocument, rules: ResolvedRules = defaultRules, words: AcceptedWords = noWords): Problem[] {
    const key = configKey(rules, words);
    // Problems already found for this version are returned without the model (a cold entry has none).
    const known = lookup(document, document.getText());
    if (known?.problems && known.problemsKey === key) return known.problems;
    const e = entry(document);
    const model = e.model;
    const problems: Problem[] = [];
    failed = new Set();
    if (!model.empty) {
      const active: Array<{ rule: Rule; severity: Severity }> = [];
      for (const rule of RULES) {
        const severity = rules.get(rule.id) ?? rule.severity;
        if (severity === 'off') continue;
        if (model.binary && rule.id !== 'IMR012') continue;
        active.push({ rule, severity });
      }
      const perItem = model.items.map((item) => problemsOfItem(model, item, key, active, words));
      const perLine = active.some(({ rule }) => ruleScope(rule) === 'line') ? lineProblems(e, key, active, words).byLine : [];
      // In the registry's order, each rule's problems in item order: the order the problems had
      // when every rule ran over the whole letter (the sort below is stable).
      for (const { rule, severity } of active) {
        if (ruleScope(rule) === 'letter') {
          runRule(rule, severity, model, e.analyses, words, problems);
          continue;
        }
        if (ruleScope(rule) === 'line') {
          for (const byRule of perLine) {
            const found = byRule?.get(rule.id);
            if (found) for (const p of found) problems.push(p);
          }
          continue;
        }
        for (const byRule of perItem) for (const p of byRule.get(rule.id) ?? []) problems.push(p);
      }
    }
    problems.sort((a, b) => comparePositions(a.range.start, b.range.start));
    // A problem as it was in the previous version keeps its object, so its diagnostic is reused too.
    if (e.previousProblems) reuseEqualProblems(problems, e.previousProblems);
    e.previousProblems = undefined;
    e.problems = problems;
    e.problemsKey = key;
    return problems;
  }

  /** A problem reused from the previous version (an untouched item or line) keeps its diagnostic too. */
  const diagnostics = new WeakMap<Problem, { uri: string; diagnostic: Diagnostic }>();
  function diagnosticOf(problem: Problem, uri: string): Diagnostic {
    const known = diagnostics.get(problem);
    if (known && known.uri === uri) return known.diagnostic;
    const diagnostic = toDiagnostic(problem, uri);
    diagnostics.set(problem, { uri, diagnostic });
    return diagnostic;
  }

  function toDiagnostic(problem: Problem, uri?: string): Diagnostic {
    const diagnostic = Diagnostic.create(problem.range, problem.message, LSP_SEVERITY[problem.severity], problem.ruleId, 'imr-lint');
    if (options.docsBaseUri) diagnostic.codeDescription = { href: `${options.docsBaseUri.replace(/\/$/, '')}/${problem.alias}.md` };
    if (problem.related?.length && uri) {
      diagnostic.relatedInformation = problem.related.map((r) => DiagnosticRelatedInformation.create({ uri, range: r.range }, r.message));
    }
    return diagnostic;
  }

  return {
    catalog,
    parse: (document) => entry(document).model,
    validate,
    toDiagnostic: (p) => toDiagnostic(p),
    doValidation: (document, rules, words) => validate(document, rules, words).map((p) => diagnosticOf(p, document.uri)),
    doHover: (document, position) => doHover(entry(document).model, catalog, position),
    findDefinition: (document, position) => citationDefinition(entry(document).model, catalog, position),
    getCatalogDocument: (uri) => catalogDocument(catalog, uri),
    doComplete(document, position) {
      const e = entry(document);
      return doComplete(e.model, catalog, position, e.analyses);
    },
    findDocumentSymbols: (document) => findDocumentSymbols(entry(document).model),
    getFoldingRanges: (document) => getFoldingRanges(entry(document).model),
    getCodeActions(document, range, rules, words) {
      const actions: CodeAction[] = [];
      const eol = lineEndingOf(document.getText());
      // Versioned edits: the editor refuses a fix computed for a version it has left, so a stale
      // fix can never be applied twice. Inserted line breaks take the document's own ending.
      const textDocument = OptionalVersionedTextDocumentIdentifier.create(document.uri, document.version);
      for (const problem of validate(document, rules, words)) {
        if (!problem.fixes || !intersects(problem.range, range)) continue;
        for (const fix of problem.fixes) {
          const edits = fix.edits.map((e) => LspTextEdit.replace(e.range, withLineEnding(e.newText, eol)));
          const action = CodeAction.create(fix.title, { documentChanges: [TextDocumentEdit.create(textDocument, edits)] }, CodeActionKind.QuickFix);
          action.diagnostics = [toDiagnostic(problem, document.uri)];
          if (fix.preferred) action.isPreferred = true;
          actions.push(action);
        }
      }
      return actions;
    },
    fixAll(document, rules, words) {
      return documentFixAll(document, rules, words);
    },
    getFixAllAction(document, rules, words) {
      if (!validate(document, rules, words).some((p) => unambiguousFix(p))) return undefined;
      const result = documentFixAll(document, rules, words);
      if (result.edits.length === 0) return undefined;
      // Versioned, like the quick fixes: the editor refuses it once the letter has changed.
      const textDocument = OptionalVersionedTextDocumentIdentifier.create(document.uri, document.version);
      const action = CodeAction.create(
        'Fix all auto-fixable problems',
        { documentChanges: [TextDocumentEdit.create(textDocument, result.edits)] },
        FIX_ALL_KIND,
      );
      return action;
    },
    forget,
  };

  function documentFixAll(document: LetterDocument, rules?: ResolvedRules, words?: AcceptedWords): DocumentFixAll {
    const original = document.getText();
    const scratch = `${document.uri}#fix-all`;
    const result = fixAll(original, (text, round) =>
      round === 0 ? validate(document, rules, words) : validate({ uri: scratch, version: round, getText: () => text }, rules, words),
    );
    forget(scratch);
    const change = minimalEdit(original, result.text);
    if (!change) return { ...result, edits: [] };
    const map = new LineMap(original);
    return { ...result, edits: [LspTextEdit.replace({ start: map.positionAt(change.start), end: map.positionAt(change.end) }, change.newText)] };
  }
}
