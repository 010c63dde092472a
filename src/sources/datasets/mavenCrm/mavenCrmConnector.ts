import type { ConnectorFactory, SourceEnvironment } from '../../connector.js';
import { SourceEntry } from '../../config/sourceEntry.js';
import { localFileAccess, resolveDatasetFile, type DatasetFileAccess } from '../datasetFiles/datasetFileAccess.js';
import { DatasetFileConnector } from '../datasetFiles/datasetFileConnector.js';
import { requireCsvHeader } from '../datasetFiles/csvLines.js';
import type { DatasetFile } from '../datasetFiles/extractDatasetFile.js';
import { mapMavenAccount, MAVEN_ACCOUNT_COLUMNS } from './mapMavenAccount.js';
import { mapMavenOpportunity, MAVEN_PIPELINE_COLUMNS } from './mapMavenOpportunity.js';
import { loadMavenLookups } from './mavenLookups.js';

const MAVEN_OBJECTS = ['accounts', 'sales_pipeline'] as const;
type MavenObject = (typeof MAVEN_OBJECTS)[number];

/**
 * Maven Analytics "CRM + Sales Opportunities": `path` is the folder holding accounts, products,
 * sales_teams and sales_pipeline (.csv or .csv.gz). Lands accounts and the pipeline as opportunities.
 */
export function createMavenCrmConnector(entry: Readonly<Record<string, unknown>>, environment: SourceEnvironment, files: DatasetFileAccess = localFileAccess) {
  const config = new SourceEntry(entry, environment);
  const folder = config.path('path');
  const objects = config.stringList('objects', MAVEN_OBJECTS);
  const batchSize = config.number('batchSize', 5000, { min: 1, max: 100_000 });

  async function openObject(object: MavenObject, source: string): Promise<DatasetFile> {
    if (object === 'accounts') {
      const path = await resolveDatasetFile(folder, 'accounts.csv', source);
      return {
        path,
        fingerprintOf: [path],
        readFirstLine: (text) => requireCsvHeader(text, MAVEN_ACCOUNT_COLUMNS, 'accounts.csv', source),
        mapLine: mapMavenAccount,
      };
    }
    const path = await resolveDatasetFile(folder, 'sales_pipeline.csv', source);
    const products = await resolveDatasetFile(folder, 'products.csv', source);
    const salesTeams = await resolveDatasetFile(folder, 'sales_teams.csv', source);
    const lookups = await loadMavenLookups({ products, salesTeams }, files, source);
    return {
      path,
      // The lookups shape each row's record, so a changed lookup table re-lands the pipeline too.
      fingerprintOf: [path, products, salesTeams],
      readFirstLine: (text) => requireCsvHeader(text, MAVEN_PIPELINE_COLUMNS, 'sales_pipeline.csv', source),
      mapLine: (text, position) => mapMavenOpportunity(text, position, lookups),
    };
  }

  return new DatasetFileConnector({ name: config.name, type: config.type, objects, batchSize, files, openObject });
}

export const mavenCrmConnectorFactory: ConnectorFactory = {
  type: 'maven-crm',
  create: (entry, environment) => createMavenCrmConnector(entry, environment),
};
