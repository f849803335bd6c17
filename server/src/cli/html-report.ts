/**
 * imr-lint --format html: one self-contained page for a batch run (no network, no external file:
 * inline CSS, inline SVG, a small inline script for sorting, and a Content-Security-Policy that
 * forbids loading anything). A summary of problems per severity and per rule (table and bar chart),
 * then each letter with its problems, each linked to its rule's page. Letter text appears only
 * inside the problem messages, exactly as the text and JSON formats show them.
 */
import type { Problem, Rule, Severity } from '../service';

export interface HtmlReportInput {
  results: ReadonlyArray<{ file: string; problems: readonly Problem[] }>;
  rules: readonly Rule[];
  /** Base URI of the rule pages (docs/rules): links are `<base>/<alias>.md`. */
  docsBaseUri: string;
  version: string;
}

const SEVERITIES: Severity[] = ['error', 'warning', 'information', 'hint'];
const SEVERITY_LABEL: Record<Severity, string> = { error: 'Errors', warning: 'Warnings', information: 'Notes', hint: 'Hints' };
const SEVERITY_COLOR: Record<Severity, string> = { error: '#c62828', warning: '#b26a00', information: '#1565c0', hint: '#607d8b' };

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** A horizontal bar chart as inline SVG: one bar per row, stacked by severity. */
function barChart(title: string, rows: Array<{ label: string; counts: Record<Severity, number> }>): string {
  const max = Math.max(1, ...rows.map((r) => SEVERITIES.reduce((a, s) => a + r.counts[s], 0)));
  const labelWidth = 230;
  const barWidth = 420;
  const rowHeight = 22;
  const height = rows.length * rowHeight + 8;
  const bars = rows
    .map((row, i) => {
      const y = i * rowHeight + 4;
      let x = labelWidth;
      const total = SEVERITIES.reduce((a, s) => a + row.counts[s], 0);
      const rects = SEVERITIES.filter((s) => row.counts[s] > 0)
        .map((s) => {
          const w = Math.max(2, (row.counts[s] / max) * barWidth);
          const rect = `<rect x="${x.toFixed(1)}" y="${y}" width="${w.toFixed(1)}" height="${rowHeight - 6}" fill="${SEVERITY_COLOR[s]}"><title>${escapeHtml(row.label)}: ${plural(row.counts[s], s)}</title></rect>`;
          x += w;
          return rect;
        })
        .join('');
      return `<text x="${labelWidth - 8}" y="${y + rowHeight - 10}" text-anchor="end">${escapeHtml(row.label)}</text>${rects}<text x="${(x + 6).toFixed(1)}" y="${y + rowHeight - 10}">${total}</text>`;
    })
    .join('');
  return `<svg class="chart" role="img" aria-label="${escapeHtml(title)}" width="${labelWidth + barWidth + 60}" height="${height}" viewBox="0 0 ${labelWidth + barWidth + 60} ${height}">${bars}</svg>`;
}

const STYLE = `
body { font: 14px/1.45 system-ui, sans-serif; margin: 24px; color: #1b1b1b; }
h1 { font-size: 22px; margin: 0 0 4px; } h2 { font-size: 18px; margin: 28px 0 8px; } h3 { font-size: 15px; margin: 20px 0 6px; }
.muted { color: #5f6368; }
table { border-collapse: collapse; margin: 6px 0 12px; }
th, td { border: 1px solid #d0d7de; padding: 3px 8px; text-align: left; vertical-align: top; }
th { background: #f3f5f7; cursor: pointer; user-select: none; }
th[aria-sort="ascending"]::after { content: " \\25B2"; } th[aria-sort="descending"]::after { content: " \\25BC"; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
.sev { font-weight: 600; } .sev-error { color: #c62828; } .sev-warning { color: #b26a00; } .sev-information { color: #1565c0; } .sev-hint { color: #607d8b; }
.chart text { font: 12px system-ui, sans-serif; fill: #1b1b1b; }
.legend span { display: inline-block; margin-right: 14px; } .legend i { display: inline-block; width: 10px; height: 10px; margin-right: 4px; }
.clean { color: #2e7d32; }
`;

const SCRIPT = `
document.querySelectorAll('table.sortable').forEach(function (table) {
  table.querySelectorAll('th').forEach(function (th, col) {
    th.addEventListener('click', function () {
      var asc = th.getAttribute('aria-sort') !== 'ascending';
      table.querySelectorAll('th').forEach(function (h) { h.removeAttribute('aria-sort'); });
      th.setAttribute('aria-sort', asc ? 'ascending' : 'descending');
      var body = table.tBodies[0];
      var rows = Array.prototype.slice.call(body.rows);
      rows.sort(function (a, b) {
        var x = a.cells[col].getAttribute('data-sort') || a.cells[col].textContent;
        var y = b.cells[col].getAttribute('data-sort') || b.cells[col].textContent;
        var nx = parseFloat(x), ny = parseFloat(y);
        var c = !isNaN(nx) && !isNaN(ny) ? nx - ny : x.localeCompare(y);
        return asc ? c : -c;
      });
      rows.forEach(function (r) { body.appendChild(r); });
    });
  });
});
`;

export function renderHtmlReport(input: HtmlReportInput): string {
  const base = input.docsBaseUri.replace(/\/$/, '');
  const ruleLink = (id: string, alias: string) => `<a href="${escapeHtml(`${base}/${alias}.md`)}">${escapeHtml(id)}</a>`;
  const bySeverity: Record<Severity, number> = { error: 0, warning: 0, information: 0, hint: 0 };
  const byRule = new Map<string, Record<Severity, number>>();
  for (const r of input.results) {
    for (const p of r.problems) {
      bySeverity[p.severity]++;
      const counts = byRule.get(p.ruleId) ?? { error: 0, warning: 0, information: 0, hint: 0 };
      counts[p.severity]++;
      byRule.set(p.ruleId, counts);
    }
  }
  const total = SEVERITIES.reduce((a, s) => a + bySeverity[s], 0);
  const withProblems = input.results.filter((r) => r.problems.length > 0).length;
  const ruleRows = input.rules
    .filter((rule) => byRule.has(rule.id))
    .map((rule) => ({ rule, counts: byRule.get(rule.id)! }))
    .sort((a, b) => SEVERITIES.reduce((n, s) => n + b.counts[s], 0) - SEVERITIES.reduce((n, s) => n + a.counts[s], 0) || a.rule.id.localeCompare(b.rule.id));

  const out: string[] = [];
  out.push('<!DOCTYPE html>', '<html lang="en">', '<head>', '<meta charset="utf-8">');
  out.push(`<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'">`);
  out.push(
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<title>IMR Lint report</title>',
    `<style>${STYLE}</style>`,
    '</head>',
    '<body>',
  );
  out.push('<h1>IMR Lint report</h1>');
  out.push(
    `<p class="muted">imr-lint ${escapeHtml(input.version)}: ${plural(input.results.length, 'letter')} checked, ${plural(withProblems, 'letter')} with problems, ${plural(total, 'problem')}.</p>`,
  );

  out.push('<h2>Problems by severity</h2>');
  out.push('<table class="sortable" id="by-severity"><thead><tr><th>Severity</th><th>Problems</th></tr></thead><tbody>');
  for (const s of SEVERITIES)
    out.push(`<tr><td class="sev sev-${s}" data-sort="${SEVERITIES.indexOf(s)}">${SEVERITY_LABEL[s]}</td><td class="num">${bySeverity[s]}</td></tr>`);
  out.push('</tbody></table>');
  out.push(
    barChart(
      'Problems by severity',
      SEVERITIES.map((s) => ({ label: SEVERITY_LABEL[s], counts: { error: 0, warning: 0, information: 0, hint: 0, [s]: bySeverity[s] } })),
    ),
  );
  out.push(`<p class="legend">${SEVERITIES.map((s) => `<span><i style="background:${SEVERITY_COLOR[s]}"></i>${SEVERITY_LABEL[s]}</span>`).join('')}</p>`);

  out.push('<h2>Problems by rule</h2>');
  if (ruleRows.length === 0) out.push('<p class="clean">No rule reported a problem.</p>');
  else {
    out.push(
      '<table class="sortable" id="by-rule"><thead><tr><th>Rule</th><th>Name</th><th>What it reports</th><th>Errors</th><th>Warnings</th><th>Notes</th><th>Hints</th><th>Total</th></tr></thead><tbody>',
    );
    for (const { rule, counts } of ruleRows) {
      const sum = SEVERITIES.reduce((a, s) => a + counts[s], 0);
      out.push(
        `<tr><td>${ruleLink(rule.id, rule.alias)}</td><td>${escapeHtml(rule.alias)}</td><td>${escapeHtml(rule.description)}</td>` +
          SEVERITIES.map((s) => `<td class="num">${counts[s]}</td>`).join('') +
          `<td class="num">${sum}</td></tr>`,
      );
    }
    out.push('</tbody></table>');
    out.push(
      barChart(
        'Problems by rule',
        ruleRows.map(({ rule, counts }) => ({ label: `${rule.id} ${rule.alias}`, counts })),
      ),
    );
  }

  out.push('<h2>Letters</h2>');
  input.results.forEach((r, i) => {
    out.push(`<section class="letter" id="letter-${i + 1}"><h3>${escapeHtml(r.file)}</h3>`);
    if (r.problems.length === 0) {
      out.push('<p class="clean">No problems.</p></section>');
      return;
    }
    out.push('<table class="sortable"><thead><tr><th>Line</th><th>Column</th><th>Severity</th><th>Rule</th><th>Message</th></tr></thead><tbody>');
    for (const p of r.problems) {
      out.push(
        `<tr><td class="num">${p.range.start.line + 1}</td><td class="num">${p.range.start.character + 1}</td>` +
          `<td class="sev sev-${p.severity}" data-sort="${SEVERITIES.indexOf(p.severity)}">${p.severity}</td>` +
          `<td data-sort="${escapeHtml(p.ruleId)}">${ruleLink(p.ruleId, p.alias)} ${escapeHtml(p.alias)}</td><td>${escapeHtml(p.message)}</td></tr>`,
      );
    }
    out.push('</tbody></table></section>');
  });
  out.push(`<script>${SCRIPT}</script>`, '</body>', '</html>');
  return out.join('\n');
}
