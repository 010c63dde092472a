/**
 * Times each stage of segmentationRun on the full Online Retail file.
 *   npx tsx bench/stageTimings.ts [--runs N] [--as-of YYYY-MM-DD]
 * Uses DATABASE_URL / TEMPORAL_ADDRESS like the CLI (local services otherwise); prints the median per stage.
 */
import { parseArgs } from 'node:util';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { parseAsOfDate } from '../src/asOfDate.js';
import { formatTable } from '../src/cli/formatTable.js';
import { loadConfig } from '../src/config.js';
import { connectClient } from '../src/infra/connectClient.js';
import { createWorker } from '../src/infra/createWorker.js';
import { withServices } from '../src/infra/withServices.js';
import { startSegmentationRun } from '../src/runs/startSegmentationRun.js';
import type { SegmentationRunResult } from '../workflows/segmentationRun.js';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '3' }, 'as-of': { type: 'string', default: '2011-12-09' } } });
const runs = Number(values.runs);
const asOf = parseAsOfDate(values['as-of']!);
Runtime.install({ logger: new DefaultLogger('WARN') });
const config = loadConfig();
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

await withServices(config, (line) => process.stderr.write(`bench: ${line}\n`), async (database, temporal) => {
  const { client, close } = await connectClient(config, temporal.address);
  const worker = await createWorker(config, temporal.address, database.db);
  const perStage: Record<string, number[]> = {};
  const wall: number[] = [];
  try {
    // A worker runs once: all runs happen inside one runUntil.
    await worker.worker.runUntil(async () => {
      for (let i = 0; i < runs; i++) {
        const started = performance.now();
        const run = await startSegmentationRun(client, config, { asOf, source: 'online-retail' });
        const result = (await run.handle.result()) as SegmentationRunResult;
        wall.push(performance.now() - started);
        const row = await database.db('segflow.runs').where({ run_id: result.runId }).first('stage_timings_ms');
        for (const [stage, ms] of Object.entries(row.stage_timings_ms as Record<string, number>)) (perStage[stage] ??= []).push(ms);
      }
    });
  } finally {
    await worker.close();
    await close();
  }
  const lines = (await database.db('segflow.runs').orderBy('started_at', 'desc').first('row_counts')).row_counts.linesRead as number;
  const rows = Object.entries(perStage).map(([stage, ms]) => [stage, Math.round(median(ms)), ms.map(Math.round).join(' / ')]);
  rows.push(['workflow wall time', Math.round(median(wall)), wall.map(Math.round).join(' / ')]);
  process.stdout.write(`${runs} run(s) as of ${asOf}, ${lines} source lines\n`);
  process.stdout.write(formatTable(['stage', 'median ms', 'each run ms'], rows) + '\n');
  process.stdout.write(`extract throughput (median): ${Math.round(lines / (median(perStage.extract!) / 1000))} lines/s\n`);
});
