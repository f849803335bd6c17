/** The non-MTUS sources (server/data/nonmtus.json): which source a citation names. */
import type { Catalog, NonMtusSource } from './types';

export function buildNonMtusLookup(sources: NonMtusSource[]): Pick<Catalog, 'nonMtus' | 'nonMtusSource'> {
  const patterns = sources.map((s) => ({ s, patterns: s.patterns.map((p) => new RegExp(p, 'i')) }));
  return {
    nonMtus: sources,
    nonMtusSource: (text) => patterns.find((n) => n.patterns.some((p) => p.test(text)))?.s,
  };
}
