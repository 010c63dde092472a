import { UserFacingError } from '../../../userFacingError.js';
import type { DatasetFileAccess } from '../datasetFiles/datasetFileAccess.js';
import { parseCsvRecord, requireCsvHeader } from '../datasetFiles/csvLines.js';
import { linePosition, readFileLines } from '../datasetFiles/readFileLines.js';

export const MAVEN_PRODUCT_COLUMNS = ['product', 'series', 'sales_price'] as const;
export const MAVEN_TEAM_COLUMNS = ['sales_agent', 'manager', 'regional_office'] as const;

// Record types (not interfaces) so they stay assignable to the JSON `record` they enrich.
export type MavenProduct = Record<(typeof MAVEN_PRODUCT_COLUMNS)[number], string>;
export type MavenSalesTeam = Record<(typeof MAVEN_TEAM_COLUMNS)[number], string>;

export interface MavenLookups {
  product(name: string): MavenProduct | null;
  salesTeam(agent: string): MavenSalesTeam | null;
}

// The pipeline writes "GTXPro" where products.csv has "GTX Pro": match names ignoring spaces and case.
const productKey = (name: string) => name.replace(/\s+/g, '').toLowerCase();

/** Reads a small lookup CSV (7 and 35 rows) whole; a broken line stops the load, naming the line. */
async function readLookup<C extends string>(path: string, columns: readonly C[], files: DatasetFileAccess, source: string): Promise<Array<Record<C, string>>> {
  const records: Array<Record<C, string>> = [];
  for await (const { line, text } of readFileLines(path, files)) {
    if (line === 1) {
      requireCsvHeader(text, columns, path, source);
      continue;
    }
    const parsed = parseCsvRecord(text, columns);
    if ('problem' in parsed) {
      throw new UserFacingError(`${source}: lookup table line ${linePosition(path, line)} is broken (${parsed.problem})`, `fix or restore ${path}`);
    }
    records.push(parsed.record);
  }
  return records;
}

/**
 * products.csv and sales_teams.csv land no rows of their own: they enrich each pipeline row's
 * `record` with the product's series and list price and the agent's manager and regional office.
 */
export async function loadMavenLookups(paths: { products: string; salesTeams: string }, files: DatasetFileAccess, source: string): Promise<MavenLookups> {
  const products = new Map((await readLookup(paths.products, MAVEN_PRODUCT_COLUMNS, files, source)).map((p) => [productKey(p.product), p]));
  const teams = new Map((await readLookup(paths.salesTeams, MAVEN_TEAM_COLUMNS, files, source)).map((t) => [t.sales_agent.trim(), t]));
  return {
    product: (name) => products.get(productKey(name)) ?? null,
    salesTeam: (agent) => teams.get(agent.trim()) ?? null,
  };
}
