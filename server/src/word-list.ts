/**
 * The "Add 'X' to the workspace word list" quick fix: a WorkspaceEdit on .imr-lint.json (so the
 * editor can undo it), creating the file when it is missing. Pure: the server reads the file and
 * passes its text.
 */
import type { WorkspaceEdit } from 'vscode-languageserver-types';

interface Pos {
  line: number;
  character: number;
}

function positionAt(text: string, offset: number): Pos {
  let line = 0;
  let start = 0;
  for (let i = 0; i < offset; i++) {
    if (text[i] === '\n') {
      line++;
      start = i + 1;
    }
  }
  return { line, character: offset - start };
}

/** Top-level structure of a JSON(C) object text: the offsets the edit needs. */
function scan(text: string): { open: number; firstKey: boolean; wordsOpen?: number; wordsClose?: number; wordsHasItems?: boolean } | undefined {
  let depth = 0;
  let open = -1;
  let firstKey = false;
  let lastString: string | undefined;
  let expectWordsArray = false;
  let wordsOpen: number | undefined;
  let wordsClose: number | undefined;
  let wordsHasItems = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '/' && text[i + 1] === '/') {
      while (i < text.length && text[i] !== '\n') i++;
      continue;
    }
    if (c === '/' && text[i + 1] === '*') {
      i = text.indexOf('*/', i + 2);
      if (i < 0) return undefined;
      i++;
      continue;
    }
    if (c === '"') {
      let j = i + 1;
      while (j < text.length && text[j] !== '"') j += text[j] === '\\' ? 2 : 1;
      const value = text.slice(i + 1, j);
      if (depth === 1) {
        firstKey = true;
        lastString = value;
      }
      if (depth === 2 && wordsOpen !== undefined && wordsClose === undefined) wordsHasItems = true;
      i = j;
      continue;
    }
    if (c === ':' && depth === 1) expectWordsArray = lastString === 'words';
    else if (c === '{' || c === '[') {
      if (depth === 0 && c === '{') open = i;
      if (depth === 1 && c === '[' && expectWordsArray) wordsOpen = i;
      depth++;
    } else if (c === '}' || c === ']') {
      depth--;
      if (depth === 1 && c === ']' && wordsOpen !== undefined && wordsClose === undefined) wordsClose = i;
      if (depth === 0) break;
    } else if (c === ',' && depth === 1) expectWordsArray = false;
    else if (depth === 2 && wordsOpen !== undefined && wordsClose === undefined && /\S/.test(c)) wordsHasItems = true;
  }
  if (open < 0) return undefined;
  return { open, firstKey, wordsOpen, wordsClose, wordsHasItems };
}

/** The new file's text when there is no configuration yet. */
export function newConfigText(word: string): string {
  return `${JSON.stringify({ words: [word] }, null, 2)}\n`;
}

/**
 * The edit that adds `word` to the "words" of the configuration at `configUri` whose current text is
 * `text` (undefined: the file does not exist). Undefined when the text is not an object we can edit.
 */
export function addWordEdit(configUri: string, text: string | undefined, word: string): WorkspaceEdit | undefined {
  if (text === undefined || text.trim() === '') {
    const insert = { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: newConfigText(word) };
    return {
      documentChanges: [
        ...(text === undefined ? [{ kind: 'create' as const, uri: configUri, options: { ignoreIfExists: true } }] : []),
        { textDocument: { uri: configUri, version: null }, edits: [insert] },
      ],
    };
  }
  const s = scan(text);
  if (!s) return undefined;
  const quoted = JSON.stringify(word);
  let offset: number;
  let newText: string;
  if (s.wordsOpen !== undefined && s.wordsClose !== undefined) {
    let end = s.wordsClose;
    while (end > s.wordsOpen + 1 && /\s/.test(text[end - 1])) end--;
    offset = end;
    newText = s.wordsHasItems ? `, ${quoted}` : quoted;
  } else {
    offset = s.open + 1;
    newText = `\n  "words": [${quoted}]${s.firstKey ? ',' : '\n'}`;
  }
  const at = positionAt(text, offset);
  return { documentChanges: [{ textDocument: { uri: configUri, version: null }, edits: [{ range: { start: at, end: at }, newText }] }] };
}
