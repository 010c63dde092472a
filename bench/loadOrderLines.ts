/**
 * Bulk-loads an Online-Retail-shaped order-line file through the COPY path and reports its speed.
 *   npx tsx bench/loadOrderLines.ts [--lines 10000000] [--chunk-lines 1000000] [--connections 2]
 * The file is generated once (seeded) under .segflow/bench/. DATABASE_URL names the database
 * (default postgres://postgres@127.0.0.1:5432/segflow_bench, created and migrated when missing);
 * the bench empties its raw.order_lines, raw.rejects and raw.extract_checkpoints first.
 */
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createKnex } from '../src/db/createKnex.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { ensureDatabase } from '../src/infra/ensureDatabase.js';
import { projectRoot } from '../src/paths.js';
import { extractBulkFile } from '../src/sources/files/bulk/extractBulkFile.js';
import { onlineRetailLayout } from '../src/sources/onlineRetail/onlineRetailLayout.js';
import { generateOrderLinesFile } from './orderLines/generateOrderLinesFile.js';

const { values } = parseArgs({
  options: {
    lines: { type: 'string', default: '1000000' },
    'chunk-lines': { type: 'string', default: '1000000' },
    connections: { type: 'string', default: '2' },
  },
});
const lines = Number(values.lines);
const connections = Number(values.connections);
const url = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/segflow_bench';

const name = `online_retail_${lines}.csv.gz`;
const path = join(projectRoot, '.segflow', 'bench', name);
const generationStarted = performance.now();
await generateOrderLinesFile(path, lines);
const generationSeconds = (performance.now() - generationStarted) / 1000;
if (generationSeconds > 1) process.stderr.write(`bench: generated ${path} in ${generationSeconds.toFixed(1)} s\n`);

await ensureDatabase(url);
const db = createKnex(url, connections + 1);
try {
  await migrateToLatest(db);
  await db.raw('truncate raw.order_lines, raw.rejects, raw.extract_checkpoints');
  await db.raw('checkpoint');
  const phases = { copy: 0, parser: 0, wait: 0 };
  const started = performance.now();
  const summary = await extractBulkFile({
    db, runId: randomUUID(), source: 'bench', object: 'order_lines', file: { name, path }, layout: onlineRetailLayout, fullRefresh: true,
    signal: new AbortController().signal,
    options: { chunkLines: Number(values['chunk-lines']), connections, onPhase: (phase, ms) => { phases[phase] += ms; } },
  });
  const seconds = (performance.now() - started) / 1000;
  const peakRssMb = process.resourceUsage().maxRSS / 1024;
  console.log(JSON.stringify({
    lines: summary.recordsRead, landed: summary.rowsLanded, rejected: summary.rowsRejected, chunks: summary.chunks, connections,
    seconds: Number(seconds.toFixed(2)), rowsPerSecond: Math.round(summary.recordsRead / seconds),
    // Summed over chunks, which overlap: copy (JS vetting + PostgreSQL parse and write), parser (JavaScript path), wait (for the chunk before to commit).
    copySeconds: Number((phases.copy / 1000).toFixed(2)), parserSeconds: Number((phases.parser / 1000).toFixed(2)), waitSeconds: Number((phases.wait / 1000).toFixed(2)),
    peakRssMb: Math.round(peakRssMb), cpuSeconds: Number((process.cpuUsage().user / 1e6 + process.cpuUsage().system / 1e6).toFixed(1)),
  }));
} finally {
  await db.destroy();
}
