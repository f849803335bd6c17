import type { Rule } from './rule';
import { itemName } from './describe';
import { MTUS_SILENT } from '../parser/vocabulary';
import { quote } from '../text';

export const nonMtusWithoutReason: Rule = {
  id: 'IMR018',
  alias: 'non-mtus-without-reason',
  description: 'The MAXIMUS guideline cites only a non-MTUS source and the letter does not say the MTUS does not address the treatment',
  severity: 'information',
  tags: ['citations', 'mtus'],
  scope: 'item',
  docs: {
    why: 'The MTUS is presumptively correct (8 CCR 9792.21(c)); other evidence-based guidelines such as the ODG are used for conditions the MTUS does not address (8 CCR 9792.25(b)). A decision that rests only on the ODG should say why the MTUS does not apply. In the published letters, 25 of the 30 items whose MAXIMUS line cites only a non-MTUS source say so in the rationale; the other five do not (CM16-0236906 electroencephalogram, CM16-0240900 lumbar MRI, CM16-0246624 cervical MRI, CM17-0002551 hearing aids, CM17-0012640 shoulder MRI) and are reported: for the three MRIs the MTUS ACOEM chapters do address imaging. Five of 97 published letters (5.2%) is a house-style point more than a defect, so the finding is information by default (raise it to a warning in the configuration where a team wants it). Only the MAXIMUS line is checked, since the Claims Administrator line reproduces what utilization review cited.',
    bad: 'MAXIMUS guideline: The Expert Reviewer based their decision on recommendation(s) outside of\nthe MTUS Guidelines. Decision based on Non-MTUS Citation ODG Head, Hearing aids.\n\nDecision rationale: Hearing aids are recommended for conductive hearing loss ...',
    good: 'MAXIMUS guideline: The Expert Reviewer based their decision on recommendation(s) outside of\nthe MTUS Guidelines. Decision based on Non-MTUS Citation ODG Head, Hearing aids.\n\nDecision rationale: The MTUS does not address hearing aids. The ODG recommends them for ...',
    fix: 'Say in the rationale that the MTUS does not address the treatment (for example "The CA MTUS is silent on hearing aids; the ODG ..."), or cite the MTUS part that does address it.',
  },
  check({ model, report }) {
    for (const item of model.items) {
      const mx = item.maximus;
      const citations = mx?.citations;
      if (!mx || !citations || citations.nonMtus.length === 0 || citations.mtus.length > 0) continue;
      if (MTUS_SILENT.test(mx.content.text) || MTUS_SILENT.test(item.rationale?.content.text ?? '')) continue;
      const source = citations.nonMtus[0].source;
      report({
        message: `${itemName(item)}: the MAXIMUS guideline cites only '${quote(source.text, 50)}', and the letter does not say that the MTUS does not address this treatment.`,
        range: mx.label.range,
        related: [{ range: source.range, message: 'The non-MTUS source.' }],
      });
    }
  },
};
