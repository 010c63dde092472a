export { loadReportData } from './loadReportData.js';
export { renderReport } from './renderReport.js';
export { REPORT_FORMATS, type ReportFormat } from './reportFormat.js';
export { reportRequest, type ReportOptions, type ReportRequest } from './reportRequest.js';
export type { ReportData } from './reportData.js';
