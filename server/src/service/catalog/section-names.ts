/**
 * How section names are compared (sections.ts): the display comparison (`plainName`) and the
 * comparison key (`sectionKey`), and the derived forms of a name (its parenthesised parts, its
 * reordering). Text only: no index, so that the keys of a part can be made at build time too
 * (section-keys.ts).
 */

/**
 * Trademark marks, which do not change a name: "Lidoderm®", "Flexeril(R)", "(TM)". Written with
 * escapes: a raw template cannot be escaped by the bundler, and one character above U+00FF in the
 * bundle made V8 hold its whole source (1.2 MB) as two-byte text, for the life of the process.
 */
const MARKS = '\u00ae|\u2122|\\((?:r|tm)\\)';

/** Lower case, one space, no trailing punctuation, "and" for "&" (the display comparison). */
export function plainName(text: string): string {
  return text
    .toLowerCase()
    .replace(/\s*&\s*/g, ' and ')
    .replace(/\s+/g, ' ')
    .replace(/[\s.,;:]+$/, '')
    .trim();
}

function singular(word: string): string {
  if (word.length <= 3 || /\d/.test(word)) return word;
  if (word.endsWith('ies')) return `${word.slice(0, -3)}y`;
  if (/(?:ss|us|is)$/.test(word)) return word;
  return word.endsWith('s') ? word.slice(0, -1) : word;
}

/**
 * The comparison key of a name: marks dropped, abbreviations spelled out, "&" read as "and",
 * hyphens and other punctuation removed, each word singular, all joined without spaces.
 */
export function sectionKey(text: string, abbreviations: ReadonlyMap<string, string>): string {
  const words = text
    .replace(new RegExp(MARKS, 'gi'), ' ')
    .replace(/&/g, ' and ')
    .replace(/(\w)-(\w)/g, '$1$2')
    .split(/[^A-Za-z0-9]+/)
    .filter((w) => w.length > 0);
  const out: string[] = [];
  for (const word of words) {
    const expansion = abbreviations.get(word.toLowerCase());
    if (expansion) {
      for (const w of expansion.replace(/(\w)-(\w)/g, '$1$2').split(/[^a-z0-9]+/)) if (w) out.push(singular(w));
    } else {
      out.push(singular(word.toLowerCase()));
    }
  }
  return out.join('');
}

/** The name with its parenthesised and bracketed parts removed, and those parts. */
export function splitParentheses(name: string): { outside: string; inside: string[] } {
  const inside: string[] = [];
  let outside = '';
  let depth = 0;
  let current = '';
  for (const c of name) {
    if (c === '(' || c === '[') {
      if (depth === 0) current = '';
      else current += c;
      depth++;
    } else if ((c === ')' || c === ']') && depth > 0) {
      depth--;
      if (depth === 0) inside.push(current);
      else current += c;
    } else if (depth > 0) current += c;
    else outside += c;
  }
  return { outside: outside.trim(), inside };
}

/** "Capsaicin, topical" -> "topical Capsaicin" (a one- or two-word qualifier after one comma). */
export function reordered(name: string): string | undefined {
  const parts = name.split(',');
  if (parts.length !== 2) return undefined;
  const tail = parts[1].trim();
  if (!tail || tail.split(/\s+/).length > 2 || /[()[\]]/.test(tail)) return undefined;
  return `${tail} ${parts[0].trim()}`;
}
