import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { projectRoot } from '../../src/paths.js';

export interface BaselineResult {
  /** Wall time of the whole script as a user runs it: interpreter, imports, read, fit, write. */
  wallSeconds: number;
  reader: string;
  orders: number;
  customers: number;
  k: number;
  inertia: number;
  iterations: number;
  phases: Record<string, number>;
  peakRssMiB: number;
}

/** Debian's python3 (pandas, scikit-learn, psycopg2), not a pyenv one that may lack them. */
const PYTHON = '/usr/bin/python3';

/** Runs bench/baselines/rfm_kmeans.py on the bench database and reads its JSON line. */
export async function runBaseline(options: { databaseUrl: string; asOf: string; k: number; seed: number; reader: 'copy' | 'read_sql' }): Promise<BaselineResult> {
  const script = join(projectRoot, 'bench', 'baselines', 'rfm_kmeans.py');
  const args = [script, '--dsn', options.databaseUrl, '--as-of', options.asOf, '--k', String(options.k), '--seed', String(options.seed), '--reader', options.reader];
  const started = performance.now();
  const child = spawn(PYTHON, args, { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  child.stdout.on('data', (chunk: Buffer) => { out += chunk.toString(); });
  const code = await new Promise<number | null>((resolve, reject) => {
    child.once('exit', resolve);
    child.once('error', reject);
  });
  const wallSeconds = (performance.now() - started) / 1000;
  if (code !== 0) throw new Error(`the pandas baseline exited with code ${code}; run ${PYTHON} ${args.join(' ')} to see why (needs python3-pandas, python3-sklearn, python3-psycopg2)`);
  return { wallSeconds, ...(JSON.parse(out.trim().split('\n').pop()!) as Omit<BaselineResult, 'wallSeconds'>) };
}
