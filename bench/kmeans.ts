/**
 * k-means engines side by side on the same seeded Gaussian blobs: segflow's fitKmeans (1 and 2
 * threads), ml-kmeans (what selectKmeans used), scikit-learn (1 and 2 threads).
 *   npx tsx bench/kmeans.ts [--n 1000000] [--d 8] [--k 6] [--restarts 3] [--seed 42] [--repeats 3] [--fits 2] [--engines segflow,ml-kmeans,sklearn]
 * --fits: fits per engine process on the same data; the tables compare the last (warm) fit, as a worker fitting
 * several k in a row runs, and show the first (cold) fit beside it.
 * The data goes to .segflow/bench/*.f64 (raw float64, numpy.fromfile); each engine runs in its own
 * process so its peak RSS is its own. scikit-learn: apt-get install python3-sklearn (/usr/bin/python3).
 * Each round runs every engine once, in turn, so a load change on a shared machine hits them alike;
 * the table shows the median and the fastest of the rounds (ml-kmeans, the slow baseline, runs once).
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { formatTable } from '../src/cli/formatTable.js';
import { blobFilePath, writeBlobFile } from './kmeans/gaussianBlobs.js';
import type { EngineResult } from './kmeans/runEngine.js';

const { values: args } = parseArgs({
  options: {
    n: { type: 'string', default: '1000000' },
    d: { type: 'string', default: '8' },
    k: { type: 'string', default: '6' },
    restarts: { type: 'string', default: '3' },
    seed: { type: 'string', default: '42' },
    repeats: { type: 'string', default: '3' },
    fits: { type: 'string', default: '2' },
    engines: { type: 'string', default: 'segflow,ml-kmeans,sklearn' },
  },
});
const spec = { n: Number(args.n), d: Number(args.d), k: Number(args.k), seed: Number(args.seed) };
const restarts = Number(args.restarts);
const repeats = Number(args.repeats);
if (!(Number.isInteger(repeats) && repeats >= 1)) throw new Error(`--repeats must be a whole number ≥ 1, got ${args.repeats}`);
const fits = Number(args.fits);
if (!(Number.isInteger(fits) && fits >= 1)) throw new Error(`--fits must be a whole number ≥ 1, got ${args.fits}`);
const engines = new Set(args.engines!.split(','));
const python = '/usr/bin/python3';

mkdirSync('.segflow/bench', { recursive: true });
const file = blobFilePath(spec);
writeBlobFile(spec, file);

function run(command: string, commandArgs: string[], env: NodeJS.ProcessEnv = process.env): EngineResult {
  const child = spawnSync(command, commandArgs, { env, encoding: 'utf8', maxBuffer: 1 << 20 });
  const line = child.stdout.trim().split('\n').pop() ?? '';
  if (child.status !== 0 || !line.startsWith('{')) throw new Error(`${command} ${commandArgs.join(' ')} failed (${child.status}):\n${child.stderr}`);
  return JSON.parse(line) as EngineResult;
}

const common = [file, spec.n, spec.d, spec.k, restarts, spec.seed].map(String);
const node = (engine: string, threads: number, engineFits: number) =>
  run(process.execPath, [...process.execArgv, 'bench/kmeans/runEngine.ts', engine, String(threads), ...common, String(engineFits)]);
const sklearn = (threads: number) =>
  run(python, ['bench/kmeans/sklearn_kmeans.py', ...common, String(threads), String(fits)], { ...process.env, OMP_NUM_THREADS: String(threads), OPENBLAS_NUM_THREADS: String(threads) });

const rounds = new Map<string, { engine: string; threads: number; results: EngineResult[] }>();
const measure = (engine: string, threads: number, runEngine: () => EngineResult) => {
  process.stderr.write(`bench: ${engine} on ${threads} thread(s)…\n`);
  const key = `${engine}/${threads}`;
  if (!rounds.has(key)) rounds.set(key, { engine, threads, results: [] });
  rounds.get(key)!.results.push(runEngine());
};
for (let round = 0; round < repeats; round++) {
  if (engines.has('sklearn')) for (const threads of [1, 2]) measure('scikit-learn', threads, () => sklearn(threads));
  if (engines.has('segflow')) for (const threads of [1, 2]) measure('segflow fitKmeans', threads, () => node('segflow', threads, fits));
  if (engines.has('ml-kmeans') && round === 0) measure('ml-kmeans', 1, () => node('ml-kmeans', 1, 1));
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};
// Every round of an engine fits the same data with the same seed, so its inertia and iterations are the same each time.
const results = [...rounds.values()].map(({ engine, threads, results: runs }) => ({
  engine,
  threads,
  runs: runs.length,
  seconds: median(runs.map((r) => r.seconds)),
  coldSeconds: median(runs.map((r) => r.coldSeconds)),
  fastest: Math.min(...runs.map((r) => r.seconds)),
  result: { ...runs[0]!, cpuSeconds: median(runs.map((r) => r.cpuSeconds)), startupSeconds: median(runs.map((r) => r.startupSeconds)), peakRssMiB: Math.max(...runs.map((r) => r.peakRssMiB)) },
}));

const reference = results.find((r) => r.engine === 'scikit-learn')?.result.inertia;
process.stdout.write(
  `${spec.n.toLocaleString('en')} × ${spec.d}, k=${spec.k}, ${restarts} restart(s), seed ${spec.seed}; ${fits} fit(s) per process: seconds = wall time of the last fit ` +
    '(warm, as in a worker fitting several k; median and fastest of the rounds), cold s = the first fit of the process (median), cpu s = CPU of all threads in the last fit (median)\n',
);
process.stdout.write(
  `${formatTable(
    ['engine', 'threads', 'runs', 'median s', 'fastest s', 'cold s', 'cpu s', 'pool start s', 'iterations', 'inertia', 'vs sklearn', 'peak RSS MiB'],
    results.map(({ engine, threads, runs, seconds, fastest, coldSeconds, result }) => [
      engine,
      threads,
      runs,
      seconds.toFixed(3),
      fastest.toFixed(3),
      coldSeconds.toFixed(3),
      result.cpuSeconds.toFixed(3),
      result.startupSeconds.toFixed(3),
      result.iterations,
      result.inertia.toFixed(1),
      reference === undefined ? '-' : `${(((result.inertia - reference) / reference) * 100).toFixed(4)}%`,
      Math.round(result.peakRssMiB),
    ]),
  )}\n`,
);
