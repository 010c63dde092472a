import type { Knex } from 'knex';
import { codeVersion } from '../codeVersion.js';
import { reportHtml } from './html/reportHtml.js';
import { loadReportData } from './loadReportData.js';
import { reportMarkdown } from './markdown/reportMarkdown.js';
import { reportCharts } from './reportCharts.js';
import type { ReportFormat } from './reportFormat.js';
import type { ReportRequest } from './reportRequest.js';

/** The quarterly review as text: an HTML page with charts, or Markdown tables. */
export async function renderReport(db: Knex, request: ReportRequest, format: ReportFormat, currency: string): Promise<string> {
  const data = await loadReportData(db, request);
  if (format === 'md') return reportMarkdown(data, currency);
  return reportHtml(data, await reportCharts(data, currency), { currency, version: codeVersion() });
}
