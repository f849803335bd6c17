/**
 * Configuration: per-rule on/off and severity, by rule id or alias. The same shape drives the
 * CLI (--config FILE, or .imr-lint.json) and the editor (imrLint.rules, plus .imr-lint.json).
 */
import { findRule, RULES } from './rules';
import type { Severity } from './problem';
import { parseJsonc } from './jsonc';

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

/** How many unknown names or bad settings are listed one by one before a count. */
const MAX_LISTED = 10;

/** A name from the configuration, quoted, shortened and with control characters escaped. */
function quote(name: string, mark = "'"): string {
  const short = name.length > 60 ? `${name.slice(0, 57)}...` : name;
  return `${mark}${short.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)}${mark}`;
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
    if (key !== 'rules' && key !== 'words' && key !== '$schema')
      errors.push(`${source}: unknown setting ${quote(key)} (only "rules" and "words" are supported).`);
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
  let unknown = 0;
  let badSettings = 0;
  for (const [key, setting] of Object.entries(rules as Record<string, unknown>)) {
    if (!findRule(key)) {
      if (++unknown <= MAX_LISTED) errors.push(`${source}: unknown rule ${quote(key)}.`);
      continue;
    }
    if (typeof setting === 'boolean' || setting === 'off' || (typeof setting === 'string' && SEVERITIES.includes(setting))) {
      config.rules![key] = setting as RuleSetting;
    } else if (++badSettings <= MAX_LISTED) {
      errors.push(
        `${source}: rule ${quote(key)} has the setting ${typeof setting === 'string' ? quote(setting, '"') : typeof setting === 'object' ? (setting === null ? 'null' : Array.isArray(setting) ? 'a list' : 'an object') : String(setting)}; use true, false, "off", "error", "warning", "information" or "hint".`,
      );
    }
  }
  if (unknown > MAX_LISTED) errors.push(`${source}: ${unknown - MAX_LISTED} more unknown rule names.`);
  if (badSettings > MAX_LISTED) errors.push(`${source}: ${badSettings - MAX_LISTED} more rules with an invalid setting.`);
  // The list of known rules once, however many names were unknown.
  if (unknown) errors.push(`${source}: known rules: ${RULES.map((r) => `${r.id} (${r.alias})`).join(', ')}.`);
  return { config, errors };
}

/** The largest configuration accepted (a real one is a few hundred bytes). */
export const MAX_CONFIG_BYTES = 1024 * 1024;

/**
 * Parses the text of a .imr-lint.json file (JSON; // and /* comments allowed; a UTF-8 byte order
 * mark is ignored). Errors say where (line and column) and what was expected, never quoting the
 * file: a --config pointed at a letter must not print patient text.
 */
export function parseConfigText(text: string, source: string): { config: LintConfig; errors: string[] } {
  if (text.length > MAX_CONFIG_BYTES) {
    return { config: {}, errors: [`${source}: larger than 1 MiB, which is not a configuration (a .imr-lint.json is a few lines).`] };
  }
  const { value, error } = parseJsonc(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  if (error) return { config: {}, errors: [`${source}: not valid JSON at line ${error.line}, column ${error.column}: ${error.message}.`] };
  return validateConfig(value, source);
}
