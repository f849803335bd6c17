/** Name helpers shared by the catalog's lookups. */
import { plainName } from './section-names';

/** A literal name as a pattern: special characters escaped, any white-space run matching any other. */
export function escapeName(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\s+/g, '\\s+');
}

/** Lower case, one space, no trailing punctuation, "and" for "&". */
export function normalizeName(text: string): string {
  return plainName(text);
}
