import { UserFacingError } from '../../userFacingError.js';
import type { ConnectorFactory, JsonValue } from '../connector.js';
import { csvFileItems, parseHeader, type CsvLayout } from './csvFileItems.js';
import { FileSourceConnector, missingColumnError, type FileFormat } from './fileSourceConnector.js';
import { readFileSourceSettings } from './fileSourceSettings.js';
import { readFirstLineSync } from './readFirstLineSync.js';

function csvFormat(layout: CsvLayout): FileFormat {
  return {
    items: (sourceName, file, afterLine, onHeader) => csvFileItems(sourceName, file, layout, afterLine, onHeader),
    valueOf: (record: JsonValue, column: string) =>
      typeof record === 'object' && record !== null && !Array.isArray(record) ? record[column] : undefined,
    async checkFile(settings, file) {
      if (!layout.header) return null;
      const first = readFirstLineSync(file.path);
      if (first === null) return `${file.name} cannot be read`;
      return missingColumnError(settings, file.name, parseHeader(first, layout.delimiter))?.message ?? null;
    },
  };
}

/**
 * `type: csv` — delimited text files (plain or .gz) with a header line. Fields map to one landing
 * entity through `mapping`; zone-less times are read in `timezone`.
 */
export const csvConnectorFactory: ConnectorFactory = {
  type: 'csv',
  create(raw, environment) {
    const { entry, settings } = readFileSourceSettings(raw, environment, ['*.csv', '*.csv.gz', '*.tsv', '*.tsv.gz']);
    const delimiter = entry.optionalString('delimiter') ?? ',';
    if (delimiter.length !== 1 || delimiter === '"' || delimiter === '\n') {
      throw new UserFacingError(`source "${entry.name}" (csv): delimiter must be one character other than a quote (got ${JSON.stringify(delimiter)})`, 'write delimiter: ";" or delimiter: "\\t"');
    }
    const layout: CsvLayout = { delimiter, header: entry.boolean('header', true) };
    // A single file is checked now, so a wrong mapping fails before anything is read.
    if (layout.header && !settings.readsFolder) {
      const first = readFirstLineSync(settings.location.path);
      const error = first === null ? null : missingColumnError(settings, settings.location.path, parseHeader(first, delimiter));
      if (error) throw error;
    }
    return new FileSourceConnector(settings, csvFormat(layout));
  },
};
