/**
 * Configuration: per-rule on/off and severity, by rule id or alias. The same shape drives the
 * CLI (--config FILE, or .imr-lint.json) and the editor (imrLint.rules, plus .imr-lint.json).
 */
import { findRule, RULES } from './rules';
import type { Severity } from './rules/rule';

export type RuleSetting = boolean | 'off' | Severity;

export interface LintConfig {
  rules?: Record<string, RuleSetting>;
  /** Words the reviewer accepts (a new product, a local brand): never reported as misspellings. */
  words?: string[];
}

const SEVERITIES = ['error', 'warning', 'information', 'hint'];

/** Rule id -> effective severity, or 'off'. */
export type ResolvedRules = ReadonlyMap<string, Severity | 'off'>;

export function resolveRules(...configs: Array<LintConfig | undefined>): ResolvedRules {
  const resolved = new Map<string, Severity | 'off'>(RULES.map((r) => [r.id, r.severity]));
  for (const config of configs) {
    for (const [key, setting] of Object.entries(config?.rules ?? {})) {
      const rule = findRule(key);
      if (!rule) continue;
      if (setting === false || setting === 'off') resolved.set(rule.id, 'off');
      else if (setting === true) resolved.set(rule.id, rule.severity);
      else if (SEVERITIES.includes(setting)) resolved.set(rule.id, setting);
    }
  }
  return resolved;
}

/** The accepted words of several configurations, lowercased (see LintConfig.words). */
export type AcceptedWords = ReadonlySet<string>;

export function resolveWords(...configs: Array<LintConfig | undefined>): AcceptedWords {
  const words = new Set<string>();
  for (const config of configs) for (const word of config?.words ?? []) words.add(word.trim().toLowerCase());
  words.delete('');
  return words;
}

export function configKey(rules: ResolvedRules, words?: AcceptedWords): string {
  const key = [...rules].map(([id, s]) => `${id}=${s}`).join(',');
  return words && words.size ? `${key};${[...words].sort().join('|')}` : key;
}

/**
 * Checks a configuration object and returns the usable part plus one plain message per problem
 * (unknown rule names, values that are not a setting).
 */
export function validateConfig(value: unknown, source: string): { config: LintConfig; errors: string[] } {
  const errors: string[] = [];
  const config: LintConfig = { rules: {} };
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { config, errors: [`${source}: expected an object like { "rules": { "IMR001": "warning" } }.`] };
  }
  for (const key of Object.keys(value)) {
    if (key !== 'rules' && key !== 'words' && key !== '$schema') errors.push(`${source}: unknown setting '${key}' (only "rules" and "words" are supported).`);
  }
  const words = (value as { words?: unknown }).words;
  if (words !== undefined) {
    if (Array.isArray(words) && words.every((w) => typeof w === 'string')) config.words = words as string[];
    else errors.push(`${source}: "words" must be a list of words, like ["Lidopro", "Terocin"].`);
  }
  const rules = (value as { rules?: unknown }).rules;
  if (rules === undefined) return { config, errors };
  if (typeof rules !== 'object' || rules === null || Array.isArray(rules)) {
    errors.push(`${source}: "rules" must be an object mapping a rule id or alias to a setting.`);
    return { config, errors };
  }
  for (const [key, setting] of Object.entries(rules as Record<string, unknown>)) {
    if (!findRule(key)) {
      errors.push(`${source}: unknown rule '${key}'. Known rules: ${RULES.map((r) => `${r.id} (${r.alias})`).join(', ')}.`);
      continue;
    }
    if (typeof setting === 'boolean' || setting === 'off' || (typeof setting === 'string' && SEVERITIES.includes(setting))) {
      config.rules![key] = setting as RuleSetting;
    } else {
      errors.push(`${source}: rule '${key}' has the setting ${JSON.stringify(setting)}; use true, false, "off", "error", "warning", "information" or "hint".`);
    }
  }
  return { config, errors };
}

/** Parses the text of a .imr-lint.json file (JSON; // and /* comments allowed). */
export function parseConfigText(text: string, source: string): { config: LintConfig; errors: string[] } {
  let value: unknown;
  try {
    value = JSON.parse(stripComments(text));
  } catch (e) {
    return { config: {}, errors: [`${source}: not valid JSON (${(e as Error).message}).`] };
  }
  return validateConfig(value, source);
}

function stripComments(text: string): string {
  let out = '';
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      out += c;
      if (c === '\\') out += text[++i] ?? '';
      else if (c === '"') inString = false;
    } else if (c === '"') {
      inString = true;
      out += c;
    } else if (c === '/' && text[i + 1] === '/') {
      while (i < text.length && text[i] !== '\n') i++;
      out += '\n';
    } else if (c === '/' && text[i + 1] === '*') {
      i += 2;
      while (i < text.length && !(text[i] === '*' && text[i + 1] === '/')) i++;
      i++;
    } else {
      out += c;
    }
  }
  return out;
}
