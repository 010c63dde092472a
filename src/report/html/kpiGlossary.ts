import type { KpiDefinition } from '../reportData.js';
import { escapeHtml } from './escapeHtml.js';

const DIRECTION = (d: KpiDefinition) => (d.higherIsBetter === null ? 'neither' : d.higherIsBetter ? 'higher' : 'lower');

/** Every KPI with its formula, so a reader can check what a number means. */
export function kpiGlossary(definitions: readonly KpiDefinition[]): string {
  const rows = definitions.map((d) => `<tr><td>${escapeHtml(d.label)}${d.isKey ? ' <span class="key">key</span>' : ''}</td>`
    + `<td>${escapeHtml(d.formula)}</td><td>${DIRECTION(d)}</td></tr>`);
  return `<table class="glossary"><thead><tr><th>KPI</th><th>How it is computed</th><th>Better when</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}
