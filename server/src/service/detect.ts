/**
 * Is a plain-text document an IMR letter? True when its first lines hold the header's
 * "Case Number:" or the heading "HOW THE IMR FINAL DETERMINATION WAS MADE". Used by the client
 * (to switch .txt documents to the imr language) and by the CLI (to pick letters in folders).
 */
const FIRST_LINES = 40;
const SIGNATURE = /^\s*(?:Case\s+Number\s*:|HOW\s+THE\s+IMR\s+FINAL\s+DETERMINATION\s+WAS\s+MADE\s*$)/im;

export function looksLikeLetter(text: string): boolean {
  if (text.includes('\u0000')) return false;
  let end = 0;
  let lines = 0;
  // Only the first lines (in the double-spaced layout every other one is empty).
  while (end < text.length && lines < FIRST_LINES * 2) {
    const next = text.indexOf('\n', end);
    end = next < 0 ? text.length : next + 1;
    lines++;
    if (end > 20000) break;
  }
  return SIGNATURE.test(text.slice(0, end));
}
