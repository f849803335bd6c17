import { DocumentSymbol, SymbolKind } from 'vscode-languageserver-types';
import type { LetterModel } from '../parser/model';
import { labelName, SECTION_HEADINGS } from '../parser/vocabulary';
import { quote } from '../text';
import { cover, rangeWithin } from '../positions';

/** The outline: header, the three sections, and the items with their paragraphs. */
export function findDocumentSymbols(model: LetterModel): DocumentSymbol[] {
  const symbols: DocumentSymbol[] = [];
  if (model.header) {
    // A wrapped label ("Application" ... "Received:") ends on the line after its value: the
    // symbol's range must cover both, or clients reject the selection range.
    const fields = model.header.fields.map((f) =>
      DocumentSymbol.create(
        f.label.text.replace(/\s+/g, ' ').replace(/:$/, ''),
        f.value?.text,
        SymbolKind.Field,
        f.value ? cover(f.label.range, f.value.range) : f.label.range,
        f.label.range,
      ),
    );
    symbols.push(DocumentSymbol.create('Header', undefined, SymbolKind.Namespace, model.header.range, model.header.range, fields));
  }
  for (const section of model.sections) {
    const title = SECTION_HEADINGS.find((h) => h.kind === section.kind)!.heading;
    const children: DocumentSymbol[] = [];
    if (section.kind === 'issues' && section === model.sections.find((s) => s.kind === 'issues')) {
      for (const item of model.items) {
        const name = `Item ${item.number}: ${item.header ? quote(item.header.treatment.text, 80) || '(no treatment)' : '(no treatment line)'}`;
        const detail = item.header?.decision?.word.text;
        const selection = item.header?.text.range ?? item.paragraphs[0].label.range;
        const paragraphs = item.paragraphs.map((p) =>
          DocumentSymbol.create(labelName(p.kind).replace(/:$/, ''), undefined, SymbolKind.Property, p.range, p.label.range),
        );
        children.push(DocumentSymbol.create(name, detail, SymbolKind.Object, item.range, clampTo(selection, item.range), paragraphs));
      }
    }
    symbols.push(DocumentSymbol.create(title, undefined, SymbolKind.Module, section.range, section.heading.range, children));
  }
  return symbols;
}

function clampTo(inner: DocumentSymbol['range'], outer: DocumentSymbol['range']): DocumentSymbol['range'] {
  return rangeWithin(inner, outer) ? inner : { start: outer.start, end: outer.start };
}
