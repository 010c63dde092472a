/**
 * Where a 2-thread fit starts to beat the calling thread alone: fit time (best of 7) for growing n.
 * Sets MULTI_THREAD_MIN_WORK in src/segmentation/kmeans/fitKmeans.ts.
 *   npx tsx bench/kmeans/threadThreshold.ts [d] [k]
 */
import { fitKmeans } from '../../src/segmentation/kmeans/fitKmeans.js';
import { KmeansWorkerPool } from '../../src/segmentation/kmeans/kmeansWorkerPool.js';
import { shareMatrix } from '../../src/segmentation/kmeans/kmeansWorkspace.js';
import { gaussianBlobs } from './gaussianBlobs.js';

const d = Number(process.argv[2] ?? 8);
const k = Number(process.argv[3] ?? 6);
const pool = KmeansWorkerPool.open(2);
try {
  for (const n of [2_000, 5_000, 10_000, 20_000, 40_000, 80_000, 160_000]) {
    const matrix = shareMatrix({ n, d, values: gaussianBlobs({ n, d, k, seed: 3 }).values });
    const bestOf = async (options: { threads?: number; pool?: KmeansWorkerPool; multiThreadMinWork?: number }) => {
      let best = Infinity;
      for (let run = 0; run < 7; run++) {
        const started = performance.now();
        await fitKmeans(matrix, { k, seed: 1, restarts: 3, ...options });
        best = Math.min(best, performance.now() - started);
      }
      return best;
    };
    const one = await bestOf({ threads: 1 });
    const two = await bestOf({ pool, multiThreadMinWork: 0 });
    process.stdout.write(`n=${n} n·k·d=${n * k * d}: 1 thread ${one.toFixed(1)} ms, 2 threads ${two.toFixed(1)} ms (${(one / two).toFixed(2)}×)\n`);
  }
} finally {
  await pool.close();
}
