import { join } from 'node:path';
import type { SegflowConfig } from '../config.js';
import { UserFacingError } from '../userFacingError.js';
import { locateTemporalCli } from './temporalCli.js';
import { startTemporalDevServer, type TemporalEndpoint } from './temporalDevServer.js';
import { temporalReachable } from './temporalReachable.js';

/** TEMPORAL_ADDRESS when set (it must answer), otherwise the local dev server under SEGFLOW_HOME. */
export async function openTemporal(
  config: SegflowConfig,
  log: (line: string) => void,
  options: { withUi: boolean },
): Promise<TemporalEndpoint> {
  if (config.temporalAddress) {
    if (!(await temporalReachable(config.temporalAddress, 5_000))) {
      throw new UserFacingError(
        `cannot reach Temporal at ${config.temporalAddress}`,
        'start the Temporal server or fix TEMPORAL_ADDRESS; unset it to let segflow start a local dev server',
      );
    }
    return { address: config.temporalAddress, uiUrl: undefined, started: false, stop: async () => undefined };
  }
  const cliPath = await locateTemporalCli(config, log);
  return startTemporalDevServer({
    cliPath,
    stateDir: join(config.homeDir, 'temporal'),
    port: config.temporalDevServerPort,
    uiPort: options.withUi ? config.temporalUiPort : undefined,
    log,
  });
}
