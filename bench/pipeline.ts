/**
 * The whole pipeline at scale, against the pandas + scikit-learn way.
 *   npm run bench -- [--customers 1000000] [--sizes 100000,300000,1000000,3000000] [--seed 20241231]
 *     [--baseline copy|read_sql|none] [--cpu-prof] [--keep-landed] [--orders-per-customer 10] [--lines-per-order 1]
 * Per size: a fresh database (DATABASE_URL, default postgres://postgres@127.0.0.1:5432/segflow_bench_scale),
 * a seeded population COPYed into raw.* (bench/scale/), then one segmentationRun from that landed
 * data to published segments and KPI snapshot on a worker process of its own and the Temporal
 * server at TEMPORAL_ADDRESS (or a dev server the bench starts), then the baseline
 * (bench/baselines/rfm_kmeans.py) on the same orders. Prints per-stage wall time, rows/s, the
 * worker's peak RSS, end-to-end time and the ratio to the baseline; writes bench/results/*.json.
 * --note records a remark with the results (what was patched, what else ran). --keep-landed keeps each landed population as a template database; a run copies a kept one of the same spec instead of landing again.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { BadInputError } from '../src/badInputError.js';
import { formatTable } from '../src/cli/formatTable.js';
import { loadConfig } from '../src/config.js';
import { projectRoot } from '../src/paths.js';
import { openBenchTemporal } from './scale/benchTemporal.js';
import { benchPipelineRun, type PipelineBenchResult } from './scale/benchPipelineRun.js';
import { disposableDatabaseName } from './scale/disposableDatabase.js';
import { DEFAULT_SHAPE } from './scale/scaleCustomer.js';
import { runBenchMain } from './runBenchMain.js';

runBenchMain(async () => {
  const { values } = parseArgs({
    options: {
      customers: { type: 'string', default: '100000' },
      sizes: { type: 'string' },
      seed: { type: 'string', default: '20241231' },
      'as-of': { type: 'string', default: '2024-12-31' },
      baseline: { type: 'string', default: 'copy' },
      'cpu-prof': { type: 'boolean', default: false },
      'keep-landed': { type: 'boolean', default: false },
      note: { type: 'string', default: '' },
      'orders-per-customer': { type: 'string', default: String(DEFAULT_SHAPE.ordersPerCustomer) },
      'lines-per-order': { type: 'string', default: String(DEFAULT_SHAPE.linesPerOrder) },
    },
  });
  const positive = (name: string, raw: string) => {
    const n = Number(raw.replace(/_/g, ''));
    if (!(n > 0) || !Number.isFinite(n)) throw new BadInputError(`--${name} must be a positive number (got "${raw}")`, 'e.g. --sizes 100000,300000');
    return n;
  };
  const sizes = (values.sizes ?? values.customers!).split(',').map((s) => Math.round(positive('sizes', s)));
  const baseline = values.baseline as 'copy' | 'read_sql' | 'none';
  if (!['copy', 'read_sql', 'none'].includes(baseline)) throw new BadInputError(`--baseline "${baseline}" is not a baseline`, 'give copy, read_sql or none');
  const shape = { ...DEFAULT_SHAPE, ordersPerCustomer: positive('orders-per-customer', values['orders-per-customer']!), linesPerOrder: positive('lines-per-order', values['lines-per-order']!) };
  const config = loadConfig();
  const databaseUrl = config.databaseUrl ?? 'postgres://postgres@127.0.0.1:5432/segflow_bench_scale';
  disposableDatabaseName(databaseUrl);
  const resultsDir = join(projectRoot, 'bench', 'results');
  const stamp = new Date().toISOString().slice(0, 19).replace(/[-:]/g, '').replace('T', '-');
  const log = (line: string) => process.stderr.write(`bench: ${line}\n`);
  const seconds = (ms: number) => (ms / 1000).toFixed(1);

  function report(r: PipelineBenchResult): string {
    const stageRows = r.stages.map((s) => [s.stage, seconds(s.ms), s.rows, s.rowsPerSecond, s.peakRssMiB, s.rowsAre]);
    const lines = [
      `${r.customers} customers, ${r.landed.rows['raw.orders']} orders landed; as of ${r.asOf}; k = ${r.k}`,
      formatTable(['stage', 'seconds', 'rows', 'rows/s', 'peak RSS MiB', 'rows are'], stageRows),
      `end to end: ${seconds(r.endToEndMs)} s (${r.msPerThousandCustomers} ms per 1,000 customers); stages and bookkeeping ${seconds(r.activitySumMs)} s; ` +
        `orchestration overhead ${seconds(r.orchestrationOverheadMs)} s (${(r.orchestrationOverheadShare * 100).toFixed(1)}%)`,
      `worker peak RSS: ${r.worker.peakRssMiB} MiB during the run (${r.worker.lifetimeMaxRssMiB} MiB including start-up)`,
    ];
    if (r.baseline) {
      lines.push(
        `pandas + scikit-learn (${r.baseline.reader}): ${r.baseline.wallSeconds.toFixed(1)} s wall (${Object.entries(r.baseline.phases).map(([p, s]) => `${p} ${s} s`).join(', ')}), ` +
          `peak RSS ${r.baseline.peakRssMiB} MiB; pipeline / baseline = ${r.ratioToBaseline}`,
        `segment agreement (adjusted Rand index) on ${r.agreement?.commonCustomers} common customers: ${r.agreement?.adjustedRandIndex}`,
      );
    }
    lines.push(
      'PostgreSQL statements by sampled time (pg_stat_activity once a second; IO = waiting on reads or writes; parallel = its parallel workers):',
      formatTable(
        ['seconds', 'IO s', 'parallel s', 'statement (first line)'],
        r.statements.slice(0, 12).map((s) => [s.seconds, s.ioSeconds, s.parallelWorkerSeconds, s.statement.slice(0, 100)]),
      ),
    );
    lines.push(`load average before ${r.machine.loadBefore.map((l) => l.toFixed(2)).join(' ')}, after the run ${r.machine.loadAfterRun.map((l) => l.toFixed(2)).join(' ')}`);
    return lines.join('\n');
  }

  mkdirSync(resultsDir, { recursive: true });
  const temporal = await openBenchTemporal(config, log);
  const results: PipelineBenchResult[] = [];
  try {
    for (const customers of sizes) {
      const result = await benchPipelineRun({
        customers, seed: Number(values.seed), asOf: values['as-of']!, shape, databaseUrl, temporalAddress: temporal.address, baseline, log, keepLanded: values['keep-landed']!,
        cpuProfileDir: values['cpu-prof'] ? join(resultsDir, 'profiles', `${stamp}-${customers}`) : undefined,
      });
      results.push(result);
      const file = join(resultsDir, `pipeline-${customers}-${stamp}.json`);
      writeFileSync(file, `${JSON.stringify({ command: process.argv.slice(2).join(' '), note: values.note, cpus: cpus().length, node: process.version, ...result }, null, 2)}\n`);
      process.stdout.write(`${report(result)}\nwritten to ${file}\n\n`);
    }
  } finally {
    await temporal.stop();
  }
  if (results.length > 1) {
    const smallest = results[0]!;
    const rows = results.map((r) => [r.customers, seconds(r.endToEndMs), r.msPerThousandCustomers, (r.msPerThousandCustomers / smallest.msPerThousandCustomers).toFixed(2), r.worker.peakRssMiB]);
    process.stdout.write(`${formatTable(['customers', 'end to end s', 'ms per 1,000 customers', `× at ${smallest.customers}`, 'worker peak RSS MiB'], rows)}\n`);
    const file = join(resultsDir, `scaling-${stamp}.json`);
    writeFileSync(file, `${JSON.stringify({ command: process.argv.slice(2).join(' '), note: values.note, sizes: results.map((r) => ({ customers: r.customers, endToEndMs: r.endToEndMs, msPerThousandCustomers: r.msPerThousandCustomers, workerPeakRssMiB: r.worker.peakRssMiB, stages: r.stages.map((s) => ({ stage: s.stage, ms: s.ms })) })) }, null, 2)}\n`);
    process.stdout.write(`written to ${file}\n`);
  }
});
