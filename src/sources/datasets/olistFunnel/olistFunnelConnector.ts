import type { ConnectorFactory, SourceEnvironment } from '../../connector.js';
import { SourceEntry } from '../../config/sourceEntry.js';
import { localFileAccess, resolveDatasetFile, type DatasetFileAccess } from '../datasetFiles/datasetFileAccess.js';
import { DatasetFileConnector } from '../datasetFiles/datasetFileConnector.js';
import { requireCsvHeader } from '../datasetFiles/csvLines.js';
import type { DatasetFile } from '../datasetFiles/extractDatasetFile.js';
import type { LineOutcome } from '../datasetFiles/lineOutcome.js';
import { mapOlistDeal, mapOlistSeller, OLIST_DEAL_COLUMNS } from './mapOlistDeal.js';
import { mapOlistLead, OLIST_LEAD_COLUMNS } from './mapOlistLead.js';

const OLIST_OBJECTS = ['marketing_qualified_leads', 'closed_deals', 'sellers'] as const;
type OlistObject = (typeof OLIST_OBJECTS)[number];

const OLIST_FILES: Readonly<Record<OlistObject, { fileName: string; columns: readonly string[]; mapLine: (text: string, position: string) => LineOutcome }>> = {
  marketing_qualified_leads: { fileName: 'olist_marketing_qualified_leads_dataset.csv', columns: OLIST_LEAD_COLUMNS, mapLine: mapOlistLead },
  closed_deals: { fileName: 'olist_closed_deals_dataset.csv', columns: OLIST_DEAL_COLUMNS, mapLine: mapOlistDeal },
  // The sellers are read from the closed-deals file a second time: one object per landing entity.
  sellers: { fileName: 'olist_closed_deals_dataset.csv', columns: OLIST_DEAL_COLUMNS, mapLine: mapOlistSeller },
};

/**
 * Olist "Marketing Funnel": `path` is the folder holding the MQL and closed-deals files (.csv or
 * .csv.gz). Lands leads, won deals as opportunities, and the signed sellers as accounts.
 */
export function createOlistFunnelConnector(entry: Readonly<Record<string, unknown>>, environment: SourceEnvironment, files: DatasetFileAccess = localFileAccess) {
  const config = new SourceEntry(entry, environment);
  const folder = config.path('path');
  const objects = config.stringList('objects', OLIST_OBJECTS);
  const batchSize = config.number('batchSize', 5000, { min: 1, max: 100_000 });

  async function openObject(object: OlistObject, source: string): Promise<DatasetFile> {
    const { fileName, columns, mapLine } = OLIST_FILES[object];
    const path = await resolveDatasetFile(folder, fileName, source);
    return { path, fingerprintOf: [path], readFirstLine: (text) => requireCsvHeader(text, columns, fileName, source), mapLine };
  }

  return new DatasetFileConnector({ name: config.name, type: config.type, objects, batchSize, files, openObject });
}

export const olistFunnelConnectorFactory: ConnectorFactory = {
  type: 'olist-funnel',
  create: (entry, environment) => createOlistFunnelConnector(entry, environment),
};
