import { chmod, mkdtemp, rm } from 'node:fs/promises';
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
  const tempDirs: string[] = [];
  const teardown = async () => {
    for (const stop of stops.reverse()) await stop();
    for (const dir of tempDirs) await rm(dir, { recursive: true, force: true });
  };
  try {
    await startServices(project, config, stops, tempDirs);
  } catch (error) {
    await teardown();
    throw error;
  }
  return teardown;
}

async function startServices(
  project: TestProject,
  config: ReturnType<typeof loadConfig>,
  stops: Array<() => Promise<void>>,
  tempDirs: string[],
): Promise<void> {
  let postgresServerUrl = config.databaseUrl;
  if (!postgresServerUrl) {
    // A throwaway cluster on a free port: concurrent test runs (two clones, a helper) never collide.
    const pgDir = await mkdtemp(join(tmpdir(), 'segflow-test-pg-'));
    tempDirs.push(pgDir);
    await chmod(pgDir, 0o755); // as root, PostgreSQL runs as the postgres user, which must reach its data
    const embedded = await startEmbeddedPostgres(pgDir, await freePort(), log);
    stops.push(() => embedded.stop());
    postgresServerUrl = embedded.serverUrl;
  }
  let temporalAddress = config.temporalAddress;
  if (!temporalAddress) {
    const stateDir = await mkdtemp(join(tmpdir(), 'segflow-test-temporal-'));
    tempDirs.push(stateDir);
    const cliPath = await locateTemporalCli(config, log);
    // One more try on a new port if a port race lost the first start.
    const start = async () => startTemporalDevServer({ cliPath, stateDir, port: await freePort(), uiPort: undefined, log });
    const server = await start().catch(start);
    stops.push(() => server.stop());
    temporalAddress = server.address;
  }
  project.provide('temporalAddress', temporalAddress);
  project.provide('postgresServerUrl', postgresServerUrl);
}
