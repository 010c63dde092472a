import type { BadRowCounts } from './badRows.js';

/** What one generateCompany run wrote; saved as manifest.json beside the data (paths relative to it). */
export interface ManifestFile {
  /** Relative to the output folder, with forward slashes. */
  path: string;
  /** Data records (lines of NDJSON/TSV, CSV rows without the header), bad rows included. */
  records: number;
  bytes: number;
  /** Deliberately broken rows among the records (CSV exports). */
  badRows?: BadRowCounts;
}

export interface CompanyManifest {
  generator: 'company-in-a-box';
  version: 1;
  seed: number;
  parameters: { customers: number; startDate: string; endDate: string; days: number };
  population: {
    companies: number;
    people: number;
    b2bPeople: number;
    b2cPeople: number;
    segments: Record<string, number>;
  };
  files: ManifestFile[];
  /** Adobe hit_data rows a connector must not count as page views: exclude_hit > 0, and hit_source 5 (data source) rows. */
  adobe: { excludedHits: number; dataSourceHits: number };
  groundTruth: { people: string; companies: string };
  sourcesFile: string;
  totals: { files: number; records: number; bytes: number };
}
