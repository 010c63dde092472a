import { spawn } from 'node:child_process';
import { openSync } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { SEGFLOW_SEARCH_ATTRIBUTES } from '../../workflows/searchAttributeKeys.js';
import { UserFacingError } from '../userFacingError.js';
import { portIsFree } from './freePort.js';
import { processAlive } from './processAlive.js';
import { temporalReachable } from './temporalReachable.js';
import { waitFor } from './waitFor.js';

export interface TemporalEndpoint {
  address: string;
  /** Web UI, when the server serves one. */
  uiUrl: string | undefined;
  /** True when this process started the server (and stop() shuts it down). */
  started: boolean;
  stop(): Promise<void>;
}

export interface DevServerOptions {
  cliPath: string;
  stateDir: string;
  port: number;
  /** undefined runs headless. */
  uiPort: number | undefined;
  log: (line: string) => void;
}

interface DevServerState {
  pid: number;
  port: number;
  uiPort: number | null;
}

const STATE_FILE = 'temporal-dev-server.json';
const START_TIMEOUT_MS = 90_000;

async function readState(stateDir: string): Promise<DevServerState | undefined> {
  try {
    return JSON.parse(await readFile(join(stateDir, STATE_FILE), 'utf8')) as DevServerState;
  } catch {
    return undefined;
  }
}

/**
 * Starts `temporal server start-dev` with its SQLite file under stateDir, or reuses the one a
 * previous segflow process started there. Only a server this call started is stopped by stop().
 */
export async function startTemporalDevServer(options: DevServerOptions): Promise<TemporalEndpoint> {
  const { cliPath, stateDir, port, uiPort, log } = options;
  await mkdir(stateDir, { recursive: true });
  const state = await readState(stateDir);
  if (state && processAlive(state.pid) && (await temporalReachable(`127.0.0.1:${state.port}`))) {
    log(`Temporal dev server already running (pid ${state.pid}) at 127.0.0.1:${state.port}`);
    return {
      address: `127.0.0.1:${state.port}`,
      uiUrl: state.uiPort ? `http://127.0.0.1:${state.uiPort}` : undefined,
      started: false,
      stop: async () => undefined,
    };
  }
  for (const p of uiPort ? [port, uiPort] : [port]) {
    if (!(await portIsFree(p))) {
      throw new UserFacingError(
        `port ${p} is taken, so the Temporal dev server cannot start`,
        `set TEMPORAL_ADDRESS=127.0.0.1:${port} if a Temporal server runs there, or SEGFLOW_TEMPORAL_PORT / SEGFLOW_TEMPORAL_UI_PORT to free ports`,
      );
    }
  }
  const args = ['server', 'start-dev', '--ip', '127.0.0.1', '--port', String(port), '--db-filename', join(stateDir, 'temporal.db'), '--log-level', 'error'];
  // Registered at start: on a running server, added attributes take a moment to reach every service.
  for (const key of SEGFLOW_SEARCH_ATTRIBUTES) args.push('--search-attribute', `${key.name}=${key.type === 'DATETIME' ? 'Datetime' : 'Keyword'}`);
  args.push(...(uiPort ? ['--ui-port', String(uiPort)] : ['--headless']));
  const logFile = openSync(join(stateDir, 'temporal-dev-server.log'), 'a');
  const child = spawn(cliPath, args, { stdio: ['ignore', logFile, logFile] });
  let exited = false;
  child.on('exit', () => { exited = true; });
  const address = `127.0.0.1:${port}`;
  const ready = await waitFor(async () => !exited && (await temporalReachable(address)), START_TIMEOUT_MS, 300);
  if (!ready) {
    child.kill('SIGKILL');
    throw new UserFacingError(
      `the Temporal dev server did not start at ${address}`,
      `read ${join(stateDir, 'temporal-dev-server.log')}, or set TEMPORAL_ADDRESS to an existing Temporal server`,
    );
  }
  await writeFile(join(stateDir, STATE_FILE), JSON.stringify({ pid: child.pid, port, uiPort: uiPort ?? null }));
  log(`Temporal dev server started at ${address} (data: ${join(stateDir, 'temporal.db')})`);
  return {
    address,
    uiUrl: uiPort ? `http://127.0.0.1:${uiPort}` : undefined,
    started: true,
    stop: async () => {
      if (!exited) {
        const gone = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await Promise.race([gone, new Promise((resolve) => setTimeout(resolve, 5_000))]);
        if (!exited) child.kill('SIGKILL');
      }
      await rm(join(stateDir, STATE_FILE), { force: true });
    },
  };
}
