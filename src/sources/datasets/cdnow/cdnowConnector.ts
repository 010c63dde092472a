import type { ConnectorFactory, SourceEnvironment } from '../../connector.js';
import { SourceEntry } from '../../config/sourceEntry.js';
import { UserFacingError } from '../../../userFacingError.js';
import { localFileAccess, resolveDatasetFile, type DatasetFileAccess } from '../datasetFiles/datasetFileAccess.js';
import { DatasetFileConnector } from '../datasetFiles/datasetFileConnector.js';
import { CDNOW_COLUMNS, mapCdnowLine, readCdnowFirstLine, type CdnowFile } from './mapCdnowLine.js';

function readCdnowFile(config: SourceEntry): CdnowFile {
  const file = config.optionalString('file') ?? 'master';
  if (!Object.hasOwn(CDNOW_COLUMNS, file)) {
    throw new UserFacingError(`source "${config.name}" (${config.type}): file must be master or sample (got "${file}")`, 'set file: master (the full data) or file: sample (the 1/10 sample)');
  }
  return file as CdnowFile;
}

/**
 * CDNOW purchases (Fader, Hardie & Lee): `path` is the folder holding CDNOW_master.txt(.gz) and
 * CDNOW_sample.txt(.gz); `file` picks one (default master). Its single object is named after the
 * file, so the sample and the master never share ids or a watermark.
 */
export function createCdnowConnector(entry: Readonly<Record<string, unknown>>, environment: SourceEnvironment, files: DatasetFileAccess = localFileAccess) {
  const config = new SourceEntry(entry, environment);
  const folder = config.path('path');
  const file = readCdnowFile(config);
  const batchSize = config.number('batchSize', 5000, { min: 1, max: 100_000 });
  const object = file === 'master' ? 'CDNOW_master' : 'CDNOW_sample';

  return new DatasetFileConnector({
    name: config.name,
    type: config.type,
    objects: [object],
    batchSize,
    files,
    openObject: async (_object, source) => {
      const path = await resolveDatasetFile(folder, `${object}.txt`, source);
      return { path, fingerprintOf: [path], readFirstLine: readCdnowFirstLine, mapLine: (text, position, line) => mapCdnowLine(text, position, line, file, object) };
    },
  });
}

export const cdnowConnectorFactory: ConnectorFactory = {
  type: 'cdnow',
  create: (entry, environment) => createCdnowConnector(entry, environment),
};
