/**
 * One engine on one .f64 file, in its own process so peak RSS is the engine's own. Prints one JSON line.
 *   npx tsx bench/kmeans/runEngine.ts <segflow|ml-kmeans> <threads> <file> <n> <d> <k> <restarts> <seed> [fits]
 * With fits > 1 the same fit runs again in the same process: `seconds` is the last (warm) fit, as in a
 * worker that fits several k in a row; `coldSeconds` the first, which also pays for compiling the loops.
 */
import { kmeans } from 'ml-kmeans';
import { rowsOf } from '../../src/segmentation/featureMatrix.js';
import { fitKmeans } from '../../src/segmentation/kmeans/fitKmeans.js';
import { KmeansWorkerPool } from '../../src/segmentation/kmeans/kmeansWorkerPool.js';
import { createWorkspace } from '../../src/segmentation/kmeans/kmeansWorkspace.js';
import { readBlobFile } from './gaussianBlobs.js';

export interface EngineResult {
  /** Wall time of the last fit. */
  seconds: number;
  /** Wall time of the first fit in the process. */
  coldSeconds: number;
  /** User + system CPU of the whole process (all threads) during the fit. */
  cpuSeconds: number;
  /** Worker pool start, outside `seconds` (a pool is opened once per run, not per fit). */
  startupSeconds: number;
  inertia: number;
  iterations: number;
  peakRssMiB: number;
}

const [engine, threadsText, file, nText, dText, kText, restartsText, seedText, fitsText = '1'] = process.argv.slice(2);
const fits = Math.max(1, Number(fitsText));
const [threads, n, d, k, restarts, seed] = [threadsText, nText, dText, kText, restartsText, seedText].map(Number) as [number, number, number, number, number, number];
const values = readBlobFile(file!, n, d);
const matrix = { n, d, values };

function cpuSince(start: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1e6;
}

async function runSegflow(): Promise<Omit<EngineResult, 'peakRssMiB'>> {
  const startedPool = performance.now();
  const pool = threads > 1 ? KmeansWorkerPool.open(threads) : undefined;
  // A pass over a one-row workspace waits for the workers to load their script, so `seconds` holds only the clustering.
  const warmup = createWorkspace({ n: 1, d, values: new Float64Array(new SharedArrayBuffer(d * 8)) }, 1, true);
  if (pool) await pool.withWorkspace(warmup, async (runner) => runner.run({ kind: 'seedDistances', slot: 0 }));
  const startupSeconds = (performance.now() - startedPool) / 1000;
  let coldSeconds = 0;
  let last: { seconds: number; cpuSeconds: number; fit: Awaited<ReturnType<typeof fitKmeans>> } | undefined;
  for (let f = 0; f < fits; f++) {
    const started = performance.now();
    const cpu = process.cpuUsage();
    const fit = await fitKmeans(matrix, { k, seed, restarts, threads, pool });
    last = { seconds: (performance.now() - started) / 1000, cpuSeconds: cpuSince(cpu), fit };
    if (f === 0) coldSeconds = last.seconds;
  }
  await pool?.close();
  const { seconds, cpuSeconds, fit } = last!;
  if (fit.threads !== threads) throw new Error(`asked for ${threads} threads, the fit ran on ${fit.threads}`);
  return { seconds, coldSeconds, cpuSeconds, startupSeconds, inertia: fit.inertia, iterations: fit.iterations };
}

/** What selectKmeans does today: number[][] rows, ml-kmeans per restart (seed + r), best inertia. */
function runMlKmeans(): Omit<EngineResult, 'peakRssMiB'> {
  const started = performance.now();
  const cpu = process.cpuUsage();
  const rows = rowsOf(matrix);
  let best = { inertia: Infinity, iterations: 0 };
  for (let restart = 0; restart < restarts; restart++) {
    const result = kmeans(rows, k, { seed: seed + restart, initialization: 'kmeans++', maxIterations: 300 });
    let inertia = 0;
    for (let i = 0; i < n; i++) {
      const centroid = result.centroids[result.clusters[i]!]!;
      for (let c = 0; c < d; c++) inertia += (values[i * d + c]! - centroid[c]!) ** 2;
    }
    if (inertia < best.inertia) best = { inertia, iterations: result.iterations };
  }
  const seconds = (performance.now() - started) / 1000;
  return { seconds, coldSeconds: seconds, cpuSeconds: cpuSince(cpu), startupSeconds: 0, ...best };
}

const result = engine === 'segflow' ? await runSegflow() : engine === 'ml-kmeans' ? runMlKmeans() : undefined;
if (!result) throw new Error(`unknown engine ${engine}; use segflow or ml-kmeans`);
const peakRssMiB = process.resourceUsage().maxRSS / 1024;
process.stdout.write(`${JSON.stringify({ ...result, peakRssMiB } satisfies EngineResult)}\n`);
