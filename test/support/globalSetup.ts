import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { loadConfig } from '../../src/config.js';
import { startEmbeddedPostgres } from '../../src/infra/embeddedPostgres.js';
import { freePort } from '../../src/infra/freePort.js';
import { locateTemporalCli } from '../../src/infra/temporalCli.js';
import { startTemporalDevServer } from '../../src/infra/temporalDevServer.js';

declare module 'vitest' {
  export interface ProvidedContext {
    temporalAddress: string;
    postgresServerUrl: string;
  }
}

const log = (line: string) => process.stderr.write(`[test setup] ${line}\n`);

/**
 * One real PostgreSQL server and one real Temporal dev server for the whole suite.
 * DATABASE_URL / TEMPORAL_ADDRESS point at existing ones; otherwise they are started here.
 * Each test file then makes its own database and task queue.
 */
export default async function setup(project: TestProject) {
  const config = loadConfig();
  const stops: Array<() => Promise<void>> = [];
  let postgresServerUrl = config.databaseUrl;
  if (!postgresServerUrl) {
    const embedded = await startEmbeddedPostgres(join(config.homeDir, 'test'), config.embeddedPostgresPort + 1, log);
    stops.push(() => embedded.stop());
    postgresServerUrl = embedded.serverUrl;
  }
  let temporalAddress = config.temporalAddress;
  let stateDir: string | undefined;
  if (!temporalAddress) {
    stateDir = await mkdtemp(join(tmpdir(), 'segflow-test-temporal-'));
    const server = await startTemporalDevServer({
      cliPath: await locateTemporalCli(config, log),
      stateDir,
      port: await freePort(),
      uiPort: undefined,
      log,
    });
    stops.push(() => server.stop());
    temporalAddress = server.address;
  }
  project.provide('temporalAddress', temporalAddress);
  project.provide('postgresServerUrl', postgresServerUrl);
  return async () => {
    for (const stop of stops.reverse()) await stop();
    if (stateDir) await rm(stateDir, { recursive: true, force: true });
  };
}
