import type { RenderedChart } from '../reportCharts.js';
import { escapeHtml } from './escapeHtml.js';

export function figure(chart: RenderedChart): string {
  return `<figure data-chart="${escapeHtml(chart.name)}">${chart.svg}<figcaption>${escapeHtml(chart.caption)}</figcaption></figure>`;
}
