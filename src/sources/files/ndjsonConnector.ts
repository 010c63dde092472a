import type { ConnectorFactory } from '../connector.js';
import { FileSourceConnector, type FileFormat } from './fileSourceConnector.js';
import { readFileSourceSettings, referencedColumns } from './fileSourceSettings.js';
import { ndjsonFileItems, valueAtPath } from './ndjsonFileItems.js';

// JSON records may leave optional keys out, so a path only counts as missing when a sample never has it.
const CHECK_SAMPLE = 100;

const ndjsonFormat: FileFormat = {
  items: (sourceName, file, afterLine) => ndjsonFileItems(sourceName, file, afterLine),
  valueOf: valueAtPath,
  async checkFile(settings, file, signal) {
    const unseen = new Map(referencedColumns(settings).map((ref) => [ref.column, ref.field]));
    let sampled = 0;
    for await (const item of ndjsonFileItems(settings.name, file, 0)) {
      signal.throwIfAborted();
      if (item.kind !== 'record') continue;
      for (const column of [...unseen.keys()]) if (valueAtPath(item.record, column) !== undefined) unseen.delete(column);
      if (++sampled >= CHECK_SAMPLE || unseen.size === 0) break;
    }
    if (unseen.size === 0) return null;
    const named = [...unseen].map(([column, field]) => `${field} path "${column}"`).join(', ');
    return `${named} found in none of the first ${sampled} records of ${file.name}`;
  },
};

/**
 * `type: ndjson` — one JSON object per line (plain or .gz); `mapping` values are dotted paths
 * into the object (`customer.email`, `items.0.sku`).
 */
export const ndjsonConnectorFactory: ConnectorFactory = {
  type: 'ndjson',
  create(raw, environment) {
    const { settings } = readFileSourceSettings(raw, environment, ['*.ndjson', '*.ndjson.gz', '*.jsonl', '*.jsonl.gz']);
    return new FileSourceConnector(settings, ndjsonFormat);
  },
};
