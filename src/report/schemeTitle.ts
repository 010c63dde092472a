import type { ReportScheme } from './reportData.js';

const TITLES: Record<ReportScheme, string> = {
  rfm: 'RFM segments',
  kmeans: 'k-means clusters',
  firmographic: 'Firmographic segments',
};

export function schemeTitle(scheme: ReportScheme): string {
  return TITLES[scheme];
}
