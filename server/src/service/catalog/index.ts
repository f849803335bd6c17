/**
 * The guideline catalog: loads the data files once and builds the lookups the parser and the
 * rules use. Rules and features ask the catalog; they never hard-code a guideline fact.
 */
import guidelineData from '../../../data/guidelines.json';

export interface Edition {
  year: number;
  effective?: string;
  pages?: number;
  source: string;
  confidence: 'confirmed' | 'unconfirmed';
}

export interface GuidelinePart {
  id: string;
  name: string;
  labels: string[];
  legacyLabels?: string[];
  regulation: string;
  editions: Edition[];
  sections: string[];
  sectionsSplitBeforeNumber?: boolean;
}

export interface Catalog {
  parts: GuidelinePart[];
  partById(id: string): GuidelinePart | undefined;
  /** Matches a known part label at the start of a string: group 1 is the label. */
  labelAtStart: RegExp;
  /** Matches a legacy label ("Chronic Pain Treatment Guidelines") at the start. */
  legacyLabelAtStart: RegExp;
  partByLabel(label: string): GuidelinePart | undefined;
  /** Section names of a part that contain ", " (protected when splitting a list). */
  commaSections(partId: string): string[];
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\s+/g, '\\s+');
}

function normalize(label: string): string {
  return label.replace(/\s+/g, ' ').trim().toLowerCase();
}

export function buildCatalog(data: { parts: GuidelinePart[] } = guidelineData as { parts: GuidelinePart[] }): Catalog {
  const parts = data.parts;
  const byId = new Map(parts.map((p) => [p.id, p]));
  const byLabel = new Map<string, GuidelinePart>();
  for (const part of parts) {
    for (const label of [...part.labels, ...(part.legacyLabels ?? [])]) byLabel.set(normalize(label), part);
  }
  const labels = parts.flatMap((p) => p.labels).sort((a, b) => b.length - a.length);
  const legacy = parts.flatMap((p) => p.legacyLabels ?? []).sort((a, b) => b.length - a.length);
  const commaSections = new Map(parts.map((p) => [p.id, p.sections.filter((s) => s.includes(', '))]));
  return {
    parts,
    partById: (id) => byId.get(id),
    labelAtStart: new RegExp(`^(${labels.map(escape).join('|')})(?=\\s|,|\\.|$)`, 'i'),
    legacyLabelAtStart: new RegExp(`^(${legacy.map(escape).join('|')})(?=\\s|,|\\.|$)`, 'i'),
    partByLabel: (label) => byLabel.get(normalize(label)),
    commaSections: (id) => commaSections.get(id) ?? [],
  };
}
