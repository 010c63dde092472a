import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SegflowConfig } from '../../src/config.js';
import { freePort } from '../../src/infra/freePort.js';
import { openTemporal } from '../../src/infra/openTemporal.js';

export interface BenchTemporal {
  address: string;
  stop(): Promise<void>;
}

/**
 * TEMPORAL_ADDRESS when set; otherwise a dev server of the bench's own (SQLite in a temporary
 * folder, a free port), so it never shares history or load with another user's server.
 */
export async function openBenchTemporal(config: SegflowConfig, log: (line: string) => void): Promise<BenchTemporal> {
  if (config.temporalAddress) return openTemporal(config, log, { withUi: false });
  const homeDir = await mkdtemp(join(tmpdir(), 'segflow-bench-temporal-'));
  const start = async () => openTemporal({ ...config, homeDir, temporalDevServerPort: await freePort() }, log, { withUi: false });
  // One more try on a new port if a port race lost the first start.
  const server = await start().catch(start);
  return {
    address: server.address,
    stop: async () => {
      await server.stop();
      await rm(homeDir, { recursive: true, force: true });
    },
  };
}
