import type { Config } from 'vega-lite';
import { currencySymbol } from '../formatNumbers.js';

export const REPORT_FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif';

/** Two colours for "customers" and "revenue" wherever both are shown side by side. */
export const SERIES_COLOURS = { customers: '#3b6fd6', revenue: '#e08a2c' } as const;
export const INK = '#1f2937';
export const MUTED_INK = '#6b7280';

/** One look for every chart: the report's font, quiet axes and grid, a currency-aware number locale. */
export function chartTheme(currency: string): Config {
  const axisText = { labelFont: REPORT_FONT, titleFont: REPORT_FONT, labelColor: '#4b5563', titleColor: '#374151', labelFontSize: 11, titleFontSize: 11, titleFontWeight: 600 as const };
  return {
    font: REPORT_FONT,
    background: 'white',
    padding: 8,
    view: { stroke: null },
    axis: { ...axisText, gridColor: '#e5e7eb', domainColor: '#d1d5db', tickColor: '#d1d5db' },
    legend: { labelFont: REPORT_FONT, titleFont: REPORT_FONT, labelColor: '#374151', titleColor: '#374151', labelFontSize: 11, titleFontSize: 11 },
    header: { labelFont: REPORT_FONT, titleFont: REPORT_FONT, labelFontSize: 12, labelColor: INK },
    title: { font: REPORT_FONT, fontSize: 13, fontWeight: 600, color: INK, anchor: 'start', offset: 8 },
    text: { font: REPORT_FONT, fontSize: 11, color: INK },
    range: { category: { scheme: 'tableau10' } },
    locale: { number: { decimal: '.', thousands: ',', grouping: [3], currency: [currencySymbol(currency), ''] } },
  };
}
