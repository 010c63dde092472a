import type { Client } from '@temporalio/client';
import type { SegflowConfig } from '../config.js';
import { connectClient } from './connectClient.js';
import { openTemporal } from './openTemporal.js';

/**
 * A Temporal client for commands that only talk to Temporal (schedules, status): TEMPORAL_ADDRESS,
 * or the local dev server, whose state (schedules, histories) persists under SEGFLOW_HOME.
 */
export async function withTemporalClient<T>(
  config: SegflowConfig,
  log: (line: string) => void,
  work: (client: Client) => Promise<T>,
): Promise<T> {
  const temporal = await openTemporal(config, log, { withUi: false });
  try {
    const { client, close } = await connectClient(config, temporal.address);
    try {
      return await work(client);
    } finally {
      await close();
    }
  } finally {
    await temporal.stop();
  }
}
