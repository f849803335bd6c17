/**
 * A strict JSON-with-comments reader for configuration files. Errors name a line and column and
 * what was expected, never the text itself (a --config pointed at a letter must not print
 * patient text). Iterative where it matters and depth-limited: no input can overflow the stack.
 */

export interface JsoncError {
  message: string;
  line: number;
  column: number;
}

export const MAX_JSONC_DEPTH = 64;

class Fail extends Error {
  constructor(
    readonly what: string,
    readonly at: number,
  ) {
    super(what);
  }
}

export function parseJsonc(text: string): { value?: unknown; error?: JsoncError } {
  let i = 0;
  const n = text.length;

  function skip(): void {
    for (;;) {
      const c = text.charCodeAt(i);
      if (c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d) i++;
      else if (c === 0x2f && text.charCodeAt(i + 1) === 0x2f) {
        while (i < n && text[i] !== '\n' && text[i] !== '\r') i++;
      } else if (c === 0x2f && text.charCodeAt(i + 1) === 0x2a) {
        const end = text.indexOf('*/', i + 2);
        if (end < 0) throw new Fail('a /* comment is not closed', i);
        i = end + 2;
      } else return;
    }
  }

  function string(): string {
    const start = i;
    i++; // the opening quote
    let out = '';
    let run = i;
    for (;;) {
      if (i >= n) throw new Fail('a string is not closed', start);
      const c = text.charCodeAt(i);
      if (c === 0x22) {
        out += text.slice(run, i);
        i++;
        return out;
      }
      if (c < 0x20) throw new Fail('a string holds a line break or control character', i);
      if (c === 0x5c) {
        out += text.slice(run, i);
        const e = text[i + 1];
        const simple: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };
        if (e !== undefined && e in simple) {
          out += simple[e];
          i += 2;
        } else if (e === 'u' && /^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) {
          out += String.fromCharCode(parseInt(text.slice(i + 2, i + 6), 16));
          i += 6;
        } else throw new Fail('a string holds an invalid escape', i);
        run = i;
        continue;
      }
      i++;
    }
  }

  function scalar(): unknown {
    const rest = text.slice(i, i + 5);
    if (rest.startsWith('true')) return ((i += 4), true);
    if (rest.startsWith('false')) return ((i += 5), false);
    if (rest.startsWith('null')) return ((i += 4), null);
    const m = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
    m.lastIndex = i;
    const found = m.exec(text);
    if (!found || found[0] === '' || found[0] === '-') throw new Fail('expected a value (an object, list, string, number, true, false or null)', i);
    i += found[0].length;
    return Number(found[0]);
  }

  function value(depth: number): unknown {
    if (depth > MAX_JSONC_DEPTH) throw new Fail(`nested more than ${MAX_JSONC_DEPTH} levels deep`, i);
    skip();
    const c = text[i];
    if (c === '"') return string();
    if (c === '{') {
      i++;
      const obj: Record<string, unknown> = Object.create(null);
      skip();
      if (text[i] === '}') return (i++, { ...obj });
      for (;;) {
        skip();
        if (text[i] !== '"') throw new Fail('expected a property name in double quotes', i);
        const key = string();
        skip();
        if (text[i] !== ':') throw new Fail("expected ':' after a property name", i);
        i++;
        obj[key] = value(depth + 1);
        skip();
        if (text[i] === ',') {
          i++;
          skip();
          if (text[i] === '}') throw new Fail("a ',' before '}' (trailing commas are not allowed)", i);
          continue;
        }
        if (text[i] === '}') return (i++, { ...obj });
        throw new Fail("expected ',' or '}'", i);
      }
    }
    if (c === '[') {
      i++;
      const list: unknown[] = [];
      skip();
      if (text[i] === ']') return (i++, list);
      for (;;) {
        list.push(value(depth + 1));
        skip();
        if (text[i] === ',') {
          i++;
          skip();
          if (text[i] === ']') throw new Fail("a ',' before ']' (trailing commas are not allowed)", i);
          continue;
        }
        if (text[i] === ']') return (i++, list);
        throw new Fail("expected ',' or ']'", i);
      }
    }
    if (i >= n) throw new Fail('the text ends where a value was expected', i);
    return scalar();
  }

  try {
    const result = value(0);
    skip();
    if (i < n) throw new Fail('unexpected text after the end of the configuration', i);
    return { value: result };
  } catch (e) {
    if (!(e instanceof Fail)) throw e;
    return { error: { message: e.what, ...lineColumn(text, e.at) } };
  }
}

function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let start = 0;
  for (let k = 0; k < offset && k < text.length; k++) {
    const c = text[k];
    if (c === '\n' || (c === '\r' && text[k + 1] !== '\n')) {
      line++;
      start = k + 1;
    }
  }
  return { line, column: Math.min(offset, text.length) - start + 1 };
}
