import type { Rule } from './rule';

export const reviewerCredentials: Rule = {
  id: 'IMR029',
  alias: 'reviewer-credentials',
  description: "The expert reviewer's credentials are missing or incomplete",
  severity: 'information',
  tags: ['structure', 'reviewer'],
  docs: {
    why: "The reviewer's name is confidential, but the determination must describe the reviewer's qualifications (Labor Code 4610.6(f)). Letters of 2016-17 do it in a block under the first section: 'The Expert Reviewer has the following credentials:', 'State(s) of Licensure: <states>' and 'Certification(s)/Specialty: <specialties>'; letters of 2014-15 wrote 'The expert reviewer is Board Certified in <specialty> ... licensed to practice in <state>.' Every published letter has one of the two.",
    bad: 'HOW THE IMR FINAL DETERMINATION WAS MADE\nMAXIMUS Federal Services sent the complete case file to an expert reviewer. ...\n\nCLINICAL CASE SUMMARY',
    good: 'HOW THE IMR FINAL DETERMINATION WAS MADE\nMAXIMUS Federal Services sent the complete case file to an expert reviewer. ...\n\nThe Expert Reviewer has the following credentials:\nState(s) of Licensure: California\nCertification(s)/Specialty: Family Practice\n\nCLINICAL CASE SUMMARY',
    fix: "Add the credentials block after the first paragraph of 'HOW THE IMR FINAL DETERMINATION WAS MADE', or complete its missing line.",
  },
  check({ model, report }) {
    const how = model.sections.find((s) => s.kind === 'how');
    // A section not written yet (its heading alone) is not reported for what it lacks.
    if (!how || how.range.end.line === how.heading.range.end.line) return;
    const credentials = model.credentials;
    if (!credentials) {
      report({
        message:
          "The letter does not give the expert reviewer's credentials ('The Expert Reviewer has the following credentials:' with the states of licensure and the specialty).",
        range: how.heading.range,
      });
      return;
    }
    if (credentials.narrative) return;
    const missing = [!credentials.licensure && "'State(s) of Licensure:'", !credentials.specialty && "'Certification(s)/Specialty:'"].filter(Boolean);
    if (missing.length) report({ message: `The reviewer's credentials have no ${missing.join(' or ')} line.`, range: credentials.intro.range });
  },
};
