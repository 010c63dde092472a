/** html: one self-contained page with charts; md: tables for chat and email. */
export type ReportFormat = 'html' | 'md';
export const REPORT_FORMATS: readonly ReportFormat[] = ['html', 'md'];
