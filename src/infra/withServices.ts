import type { SegflowConfig } from '../config.js';
import { openDatabase, type DatabaseHandle } from './openDatabase.js';
import { openTemporal } from './openTemporal.js';
import type { TemporalEndpoint } from './temporalDevServer.js';

/** Opens PostgreSQL (migrated) and Temporal, starting local ones when none is configured; closes both after `work`. */
export async function withServices<T>(
  config: SegflowConfig,
  log: (line: string) => void,
  work: (database: DatabaseHandle, temporal: TemporalEndpoint) => Promise<T>,
): Promise<T> {
  const database = await openDatabase(config, log);
  try {
    const temporal = await openTemporal(config, log, { withUi: true });
    try {
      if (temporal.uiUrl) log(`Temporal Web UI: ${temporal.uiUrl}`);
      return await work(database, temporal);
    } finally {
      await temporal.stop();
    }
  } finally {
    await database.close();
  }
}
