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
import type { CatalogCacheBounds } from './catalog/types';
import { AcceptedWords, configKey, resolveRules, ResolvedRules } from './config';
import { doComplete } from './features/completion';
import { getFoldingRanges } from './features/folding';
import { doHover } from './features/hover';
import { fixAll, minimalEdit, unambiguousFix } from './features/fix-all';
import type { FixAllResult } from './features/fix-all';
import { lineEndingOf, withLineEnding } from './fixes';
import { LineMap } from './text';
import { LineCache, LineFindings, MAX_REMEMBERED_LINES } from './line-cache';
import { commonPrefixLength, commonSuffixLength } from './text-change';
import { reuseEqualProblems } from './problem-reuse';
import { findDocumentSymbols } from './features/symbols';
import type { Item, LetterModel } from './parser/model';
import { ItemReuse, parseLetter } from './parser/parse';
import { Analyses, AnalysisCounts, createAnalyses } from './queries/analyses';
import { comparePositions, intersects } from './positions';
import { emptyObjectArray } from './arrays';
import { RULES } from './rules';
import { ruleScope } from './rules/rule';
import type { Problem, Report, Rule, RuleContext, RuleScope, Severity } from './rules/rule';

export type { LetterModel } from './parser/model';
export type { Problem, Severity, Fix, Rule } from './rules/rule';
export type { LintConfig, RuleSetting, ResolvedRules } from './config';
export { resolveRules, resolveWords, parseConfigText, validateConfig, MAX_CONFIG_BYTES } from './config';
export type { AcceptedWords } from './config';
export type { Analyses, AnalysisCounts } from './queries/analyses';
export type { CatalogCacheBounds } from './catalog/types';
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
  /**
   * Whether a document's next version reuses the unchanged items of the previous one (default
   * true). A one-shot check (the CLI: every document checked once) passes false, so that no parse
   * records what a next version would reuse, and no item's problems are kept by item (a new parse
   * makes new items, so no check could find them).
   */
  itemReuse?: boolean;
  /** Counts each shared analysis computed (tests assert that nothing is computed twice). */
  analysisCounts?: AnalysisCounts;
  /**
   * Bounds of the catalog's memories of texts seen (default: sized for a batch of letters). With
   * bounds and no `catalog`, the service builds a catalog of its own with them (the server's).
   */
  cacheBounds?: CatalogCacheBounds;
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
  /** What this version's text has in common with that of the line map `from` (an earlier version's), when the entry was parsed after it. */
  change?: TextChange;
  /** The shared analyses of this model version (computed on first use, read by rules and features). */
  analyses?: Analyses;
  problemsKey?: string;
  problems?: Problem[];
  /** The previous version's problems, until this version's are found (problem-reuse.ts). */
  previousProblems?: Problem[];
}

/** An entry with its model (entry() returns one). */
type ParsedEntry = CacheEntry & { model: LetterModel; analyses: Analyses };

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

/** The line rules' problems of one version. */
interface LineResults {
  key: string;
  lines: LineMap;
  /**
   * A first check's problems, per line rule (in the plan's order) over the whole letter, in the
   * order reported. The per-line maps are built from them only when a next version needs them
   * (the CLI checks each letter once and never does).
   */
  whole?: Problem[][];
  /** By line index, by rule id. */
  byLine?: Array<Map<string, Problem[]> | undefined>;
}

interface ActiveRule {
  rule: Rule;
  severity: Severity;
}

/**
 * The active rules of one configuration, computed once per configuration: each scope's rules
 * in registry order, and the registry order itself with each rule's slot in its scope's list.
 */
interface RulePlan {
  key: string;
  order: Array<ActiveRule & { scope: RuleScope; slot: number }>;
  item: ActiveRule[];
  line: ActiveRule[];
}

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

/** Appends `list` (if any) to `to`. */
function appendAll(to: Problem[], list: readonly Problem[] | undefined): void {
  if (list) for (let i = 0; i < list.length; i++) to.push(list[i]);
}

const byStart = (a: Problem, b: Problem) => comparePositions(a.range.start, b.range.start);

/**
 * An array for an item's results by slot (`length` slots, none set yet). Always made here and of
 * one kind (holey, holding objects), like NOTHING below: validate reads every item's results in
 * one loop, and V8 de-optimised it each time that loop met an array of another kind (a results
 * array whose slot 0 was set first is "packed", an empty literal holds "small integers").
 */
function slotArray<T = Problem[]>(length: number): Array<T | undefined> {
  const slots = new Array<T | undefined>(Math.max(1, length));
  // Storing undefined makes the kind "holding objects" at once; the length is then set back.
  slots[0] = undefined;
  slots.length = length;
  return slots;
}

/** The most lines checkLines' scratch array is kept for (index.ts: waitingScratch). */
const MAX_KEPT_WAITING = 65536;

/** An item's results when no item rule reported anything (read by slot: every slot undefined). */
const NOTHING: ReadonlyArray<Problem[] | undefined> = slotArray(0);

/**
 * An empty list of problems of the kind a list has once it holds one (arrays.ts), for the line
 * rules' lists by rule: validate, which reads every list in one loop, was de-optimised whenever an
 * edit left a rule's list empty.
 */
const problemList = (): Problem[] => emptyObjectArray<Problem>();

/**
 * One empty problemList per line rule, in an array made always the same way (Array.prototype.map
 * returns arrays of one kind or another depending on the path it takes; validate reads these).
 */
function problemLists(count: number): Problem[][] {
  const lists: Problem[][] = new Array(count);
  for (let k = 0; k < count; k++) lists[k] = problemList();
  return lists;
}

/** A copy of a line finding (found on line 0), moved to `line`: each document gets its own problem objects. */
function placeProblem(p: Problem, line: number): Problem {
  return line === 0 ? { ...p } : shiftProblem(p, line);
}

/**
 * Files a line rule's problems (found on a view whose lines are the texts checked) under their
 * view line, moved to line 0, in the rule's slot. Its own function: most checks find nothing,
 * and checkLines was de-optimised when its loop over them first ran.
 */
function fileByViewLine(found: readonly Problem[], slot: number, rules: number, findings: Array<Problem[][] | undefined>): void {
  for (let k = 0; k < found.length; k++) {
    const p = found[k];
    const viewLine = p.range.start.line;
    (findings[viewLine] ??= problemLists(rules))[slot].push(shiftProblem(p, -viewLine));
  }
}

/** Gives each of a line's findings (found on line 0; none when undefined) to `put` with its rule's slot, moved to `line`. */
function placeAll(findings: LineFindings | undefined | null, line: number, put: (slot: number, p: Problem) => void): void {
  if (!findings) return;
  for (let slot = 0; slot < findings.length; slot++) {
    const found = findings[slot];
    for (let k = 0; k < found.length; k++) put(slot, placeProblem(found[k], line));
  }
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

/** Files `p` under its start line and its rule (a version's line problems, by line). */
function putByLine(byLine: Array<Map<string, Problem[]> | undefined>, line: number, p: Problem): void {
  const map = (byLine[line] ??= new Map());
  const list = map.get(p.ruleId);
  if (list) list.push(p);
  else map.set(p.ruleId, [p]);
}

/** A version's line problems by line (built from a first check's whole-letter lists on first use). */
function byLineOf(results: LineResults): Array<Map<string, Problem[]> | undefined> {
  if (results.byLine) return results.byLine;
  const byLine: Array<Map<string, Problem[]> | undefined> = new Array(results.lines.lineCount);
  for (const found of results.whole ?? []) for (const p of found) putByLine(byLine, p.range.start.line, p);
  results.byLine = byLine;
  results.whole = undefined;
  return byLine;
}

/** The rule settings and words of the last check, and their key (a batch checks every letter with the same objects). */
interface ConfigMemo {
  rules: ResolvedRules;
  words: AcceptedWords;
  /** What they held when the key was made (compared, so a map changed in place gets a new key). */
  entries: string[];
  key: string;
}

function configEntries(rules: ResolvedRules, words: AcceptedWords): string[] {
  const entries: string[] = [];
  rules.forEach((severity, id) => entries.push(id, severity));
  entries.push('');
  words.forEach((word) => entries.push(word));
  return entries;
}

function sameEntries(memo: ConfigMemo, rules: ResolvedRules, words: AcceptedWords): boolean {
  const entries = memo.entries;
  if (entries.length !== rules.size * 2 + 1 + words.size) return false;
  let i = 0;
  let same = true;
  rules.forEach((severity, id) => {
    same = same && entries[i] === id && entries[i + 1] === severity;
    i += 2;
  });
  i++;
  words.forEach((word) => {
    same = same && entries[i++] === word;
  });
  return same;
}

/** How many characters the text of `from` and `text` have in common at their start and, after it, at their end (text-change.ts). */
interface TextChange {
  from: LineMap;
  head: number;
  tail: number;
}

function textChange(from: LineMap, text: string): TextChange {
  const head = commonPrefixLength(from.text, text);
  return { from, head, tail: commonSuffixLength(from.text, text, Math.min(from.text.length, text.length) - head) };
}

export function getLanguageService(options: LanguageServiceOptions = {}): LanguageService {
  const catalog = options.catalog ?? buildCatalog(undefined, options.cacheBounds);
  const cacheSize = options.cacheSize ?? 64;
  const itemReuse = options.itemReuse ?? true;
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
      cold.model = cold.reuse = cold.lines = cold.change = cold.analyses = undefined;
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
    const reuse = itemReuse ? (previous?.reuse ?? new ItemReuse()) : undefined;
    // What the previous version's text has in common with this one at their start: the parse
    // takes the line starts before it from the previous model, and lineProblems compares lines
    // from there (found once here, for both).
    const change = !cached && previous?.model ? textChange(previous.model.lines, text) : undefined;
    const model = parseLetter(
      text,
      document.uri,
      document.version,
      catalog,
      reuse,
      change && { model: previous!.model!, head: change.head, tail: change.tail },
    );
    const analyses = createAnalyses(model, catalog, options.analysisCounts, options.analysisCounts, previous?.analyses);
    // A cold entry of this very version keeps its problems (the same text gives the same problems).
    const fresh: ParsedEntry = cached
      ? Object.assign(cached, { reuse, model, analyses })
      : { version: document.version, text, reuse, lines: previous?.lines, change, model, analyses, previousProblems: previous?.problems };
    cache.delete(document.uri);
    cache.set(document.uri, fresh);
    while (cache.size > cacheSize) forget(cache.keys().next().value as string);
    holdModel(document.uri, fresh);
    return fresh;
  }

  let lastConfig: ConfigMemo | undefined;
  /** The configuration's key (configKey), made again only when the rules or words are other objects or hold other entries. */
  function keyOf(rules: ResolvedRules, words: AcceptedWords): string {
    if (lastConfig && lastConfig.rules === rules && lastConfig.words === words && sameEntries(lastConfig, rules, words)) return lastConfig.key;
    lastConfig = { rules, words, entries: configEntries(rules, words), key: configKey(rules, words) };
    return lastConfig.key;
  }

  /** Plans by configuration key (and binary or not); a handful at most, so cleared when more. */
  const plans = new Map<string, RulePlan>();
  function planOf(rules: ResolvedRules, key: string, binary: boolean): RulePlan {
    const planKey = binary ? `${key};binary` : key;
    const known = plans.get(planKey);
    if (known) return known;
    const plan: RulePlan = { key: planKey, order: [], item: [], line: [] };
    let letters = 0;
    for (const rule of RULES) {
      const severity = rules.get(rule.id) ?? rule.severity;
      if (severity === 'off') continue;
      if (binary && rule.id !== 'IMR012') continue;
      const scope = ruleScope(rule);
      const list = scope === 'item' ? plan.item : scope === 'line' ? plan.line : undefined;
      plan.order.push({ rule, severity, scope, slot: list ? list.length : letters++ });
      list?.push({ rule, severity });
    }
    if (plans.size >= 16) plans.clear();
    plans.set(planKey, plan);
    return plan;
  }

  /**
   * Where an item rule reports (problemsOfItem). Most rules find nothing in most items: the list is
   * handed over to the item's results when a rule reported, and a new one taken, so an empty list
   * is never cleared (`length = 0` is a call into V8's runtime) nor copied.
   */
  let scratch: Problem[] = problemList();
  /** Per item: the item rules' problems under one plan, by the rule's slot in `plan.item` (see ruleScope). */
  const itemResults = new WeakMap<Item, { key: string; found: ReadonlyArray<Problem[] | undefined> }>();

  /** Rules that threw during the current check: each is reported once per check, not once per item or line. */
  const failed = new Set<string>();

  // Where the running rule's reports go. Rules run one at a time and report synchronously, so
  // one `report` function serves every context (no closure per rule call).
  let sinkRule: Rule = RULES[0];
  let sinkSeverity: Severity = 'error';
  let sink: Problem[] = [];
  const report = (r: Report): void => {
    sink.push({
      ruleId: sinkRule.id,
      alias: sinkRule.alias,
      severity: r.severity && sinkSeverity === sinkRule.severity ? r.severity : sinkSeverity,
      message: r.message,
      range: r.range,
      related: r.related,
      fixes: r.fixes,
    });
  };

  function contextOf(model: LetterModel, analyses: Analyses, words: AcceptedWords): RuleContext {
    return { model, catalog, analyses, words, report };
  }

  function runRule({ rule, severity }: ActiveRule, context: RuleContext, out: Problem[]): void {
    sinkRule = rule;
    sinkSeverity = severity;
    sink = out;
    try {
      rule.check(context);
    } catch (error) {
      if (failed.has(rule.id)) return;
      failed.add(rule.id);
      options.onRuleError?.(rule.id, error);
    }
  }

  /**
   * The item rules' problems for one item, by slot. Cached by the item object, which the parser
   * keeps while the item's text and first line are unchanged: an edit re-checks its own item only.
   */
  function problemsOfItem(model: LetterModel, analyses: Analyses, item: Item, plan: RulePlan, words: AcceptedWords): ReadonlyArray<Problem[] | undefined> {
    // Without item reuse (the CLI) an item object is checked once: nothing to look up or keep.
    const known = itemReuse ? itemResults.get(item) : undefined;
    if (known && known.key === plan.key) return known.found;
    // An item rule sees the model with this one item (rule.ts: scope).
    const view: LetterModel = { ...model, items: [item] };
    // The view's analyses share the whole model's item analyses.
    const context = contextOf(view, analyses.view(view), words);
    let found: Array<Problem[] | undefined> | undefined;
    for (let slot = 0; slot < plan.item.length; slot++) {
      runRule(plan.item[slot], context, scratch);
      if (scratch.length === 0) continue;
      (found ??= slotArray(plan.item.length))[slot] = scratch;
      scratch = problemList();
    }
    if (itemReuse) itemResults.set(item, { key: plan.key, found: found ?? NOTHING });
    return found ?? NOTHING;
  }

  /** The line rules' findings by line text, for the configuration of the last check (line-cache.ts). */
  let lineCache: LineCache | undefined;

  /**
   * checkLines' array of waiting lines, kept between checks (checks run one at a time): a typed
   * array of a letter's size is memory outside the heap, which V8 takes and gives back at a cost
   * of about a microsecond each time. Kept up to MAX_KEPT_WAITING lines (256 KB).
   */
  let waitingLines = new Int32Array(1024);
  function waitingScratch(count: number): Int32Array {
    let waiting = waitingLines;
    if (waiting.length < count) {
      waiting = new Int32Array(Math.max(count, 2 * waiting.length));
      if (waiting.length <= MAX_KEPT_WAITING) waitingLines = waiting;
    }
    return waiting.fill(-1, 0, count);
  }

  /**
   * Runs the line rules on the lines `wanted` holds (ascending line indexes; every line when
   * undefined) and gives each
   * problem to `put` with its rule's slot, on its line. A text known to the line cache takes its
   * findings from there; the texts it does not know are checked together, each once, on a view
   * whose lines are those texts (rule.ts: a line rule reads one line), and remembered.
   */
  function checkLines(
    model: LetterModel,
    wanted: readonly number[] | undefined,
    plan: RulePlan,
    analyses: Analyses,
    words: AcceptedWords,
    put: (slot: number, p: Problem) => void,
  ): void {
    const lines = model.lines;
    const cache = lineCache?.key === plan.key ? lineCache : (lineCache = new LineCache(plan.key));
    // The previous check's new texts are stored now (line-cache.ts: later).
    cache.settle();
    // The texts to check, each once (a view line per text), and the lines waiting for them.
    const viewLineOf = new Map<string, number>();
    const texts: string[] = [];
    // The view line each wanted line waits for (-1: its findings came from the cache): a typed
    // array, not an object per line (a 5 MB letter has 75K lines, most of them waiting).
    const count = wanted ? wanted.length : lines.lineCount;
    const waiting = waitingScratch(count);
    // A whole document is compared with the last one checked whole, line by line at the same
    // index, before each line is looked up (line-cache.ts: atSameLine), and its lines' findings are
    // kept for the next one.
    const whole = !wanted && count <= MAX_REMEMBERED_LINES;
    const lineTexts: string[] | undefined = whole ? new Array(count) : undefined;
    const known: Array<LineFindings | null> | undefined = whole ? new Array(count) : undefined;
    for (let k = 0; k < count; k++) {
      const line = wanted ? wanted[k] : k;
      const text = lines.lineText(line);
      if (lineTexts) lineTexts[k] = text;
      let found = known ? cache.atSameLine(line, text) : undefined;
      if (found === undefined) found = cache.get(text);
      placeAll(found, line, put);
      if (found !== undefined) {
        if (known) known[k] = found;
        continue;
      }
      let viewLine = viewLineOf.get(text);
      if (viewLine === undefined) {
        viewLine = texts.push(text) - 1;
        viewLineOf.set(text, viewLine);
      }
      waiting[k] = viewLine;
    }
    if (texts.length === 0) {
      if (lineTexts && known) cache.remember(lineTexts, known, waiting, []);
      return;
    }
    // The view's text is also where the line cache cuts its keys from (line-cache.ts: settle).
    const joined = texts.join('\n');
    const context = contextOf({ ...model, lines: new LineMap(joined) }, analyses, words);
    // Of the kind it has once a text has findings (slotArray): checkLines reads it after.
    const findings = slotArray<Problem[][]>(texts.length);
    // Index loops, no closure per call: this runs on every keystroke (see validate).
    const rules = plan.line.length;
    for (let slot = 0; slot < rules; slot++) {
      const found = problemList();
      runRule(plan.line[slot], context, found);
      fileByViewLine(found, slot, rules, findings);
    }
    cache.later(texts, findings, joined);
    if (lineTexts && known) cache.remember(lineTexts, known, waiting, findings);
    for (let k = 0; k < count; k++) {
      // No test of the findings here: code that no check has run yet is compiled without type
      // feedback, and V8 de-optimised checkLines when the first finding reached it (placeAll tests).
      const viewLine = waiting[k];
      if (viewLine >= 0) placeAll(findings[viewLine], wanted ? wanted[k] : k, put);
    }
  }

  /**
   * The line rules' problems, per line rule (by slot). A first check runs each rule at most once
   * (checkLines). On a next version, a line whose text is unchanged (at the same index, or shifted
   * by the number of lines the edit added or removed) keeps its problems (the same objects); the
   * other lines are checked (checkLines).
   */
  function lineProblems(e: ParsedEntry, plan: RulePlan, words: AcceptedWords): Problem[][] {
    const model = e.model;
    const lines = model.lines;
    const count = lines.lineCount;
    const prev = e.lines && e.lines.key === plan.key ? e.lines : undefined;
    // Read once: the change holds the previous version's line map (and text), not to be kept.
    const change = e.change;
    e.change = undefined;
    if (!prev) {
      const whole: Problem[][] = problemLists(plan.line.length);
      checkLines(model, undefined, plan, e.analyses, words, (slot, p) => whole[slot].push(p));
      // The version's own line map (its lines are compared with the next version's, never copied).
      e.lines = { key: plan.key, lines, whole };
      return whole;
    }
    const before = prev.lines;
    const prevByLine = byLineOf(prev);
    const delta = count - before.lineCount;
    // Typing inside a line adds no line: the previous version's array is updated in place (only
    // the changed lines are written), so a keystroke copies nothing per line. Its results are
    // dropped first, so that a failure half-way leaves none (the next check starts afresh).
    if (delta === 0) e.lines = undefined;
    const byLine: Array<Map<string, Problem[]> | undefined> = delta === 0 ? prevByLine : new Array(count);
    const changed: number[] = [];
    // Only the lines around the changed characters are compared; the lines before them are the
    // same at the same index, the lines after them the same shifted by delta (text-change.ts).
    const { head, tail } = change && change.from === before ? change : textChange(before, lines.text);
    const first = Math.max(0, lines.lineOf(head) - 1);
    const last = Math.min(count - 1, lines.lineOf(lines.text.length - tail) + 1);
    if (delta !== 0) {
      for (let i = 0; i < first; i++) byLine[i] = prevByLine[i];
      for (let i = last + 1; i < count; i++) byLine[i] = shiftLines(prevByLine[i - delta], delta);
    }
    for (let i = first; i <= last; i++) {
      const text = lines.lineText(i);
      if (i < before.lineCount && before.lineText(i) === text) {
        byLine[i] = prevByLine[i];
        continue;
      }
      const j = i - delta;
      if (delta !== 0 && j >= 0 && j < before.lineCount && before.lineText(j) === text) {
        byLine[i] = shiftLines(prevByLine[j], delta);
        continue;
      }
      byLine[i] = undefined;
      changed.push(i);
    }
    checkLines(model, changed, plan, e.analyses, words, (_, p) => putByLine(byLine, p.range.start.line, p));
    e.lines = { key: plan.key, lines, byLine };
    // Per rule, in line order: one walk over the lines that have problems.
    const perRule: Problem[][] = problemLists(plan.line.length);
    for (let i = 0; i < byLine.length; i++) {
      const byRule = byLine[i];
      if (byRule) for (let slot = 0; slot < perRule.length; slot++) appendAll(perRule[slot], byRule.get(plan.line[slot].rule.id));
    }
    return perRule;
  }

  function validate(document: LetterDocument, rules: ResolvedRules = defaultRules, words: AcceptedWords = noWords): Problem[] {
    const key = keyOf(rules, words);
    // Problems already found for this version are returned without the model (a cold entry has none).
    const known = lookup(document, document.getText());
    if (known?.problems && known.problemsKey === key) return known.problems;
    const e = entry(document);
    const model = e.model;
    const problems: Problem[] = [];
    failed.clear();
    if (!model.empty) {
      const plan = planOf(rules, key, !!model.binary);
      const items = model.items;
      const perItem: Array<ReadonlyArray<Problem[] | undefined>> = new Array(items.length);
      for (let i = 0; i < items.length; i++) perItem[i] = problemsOfItem(model, e.analyses, items[i], plan, words);
      const perLine = plan.line.length ? lineProblems(e, plan, words) : [];
      const context = contextOf(model, e.analyses, words);
      // In the registry's order, each rule's problems in item (or line) order: the order the
      // problems had when every rule ran over the whole letter (the sort below is stable).
      // Index loops: this runs on every keystroke, over every item and rule, and a for-of
      // iterator is an allocation where V8 does not remove it (future GC, p99).
      for (let s = 0; s < plan.order.length; s++) {
        const step = plan.order[s];
        if (step.scope === 'letter') runRule(step, context, problems);
        else if (step.scope === 'line') appendAll(problems, perLine[step.slot]);
        else for (let i = 0; i < perItem.length; i++) appendAll(problems, perItem[i][step.slot]);
      }
    }
    // Not kept past the check (it holds the previous version's line map and text).
    e.change = undefined;
    problems.sort(byStart);
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
