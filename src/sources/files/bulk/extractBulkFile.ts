import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Knex } from 'knex';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { copyLine } from '../../../db/copyText.js';
import { copyLines } from '../../../db/copyLines.js';
import { withConnection } from '../../../db/withConnection.js';
import { UserFacingError } from '../../../userFacingError.js';
import type { JsonValue, LandingReject, LandingRow } from '../../connector.js';
import { advanceWatermark, readCheckpoint, readWatermark, saveCheckpoint, type Checkpoint, type ObjectKey } from '../../extractCheckpoints.js';
import type { ExtractProgress, ObjectExtractSummary } from '../../extractObject.js';
import { landBatch, type LandedCounts } from '../../landing/landBatch.js';
import { csvItems } from '../csvFileItems.js';
import { describeFileError, openFileBytes } from '../openTextLines.js';
import type { SourceFile } from '../sourceFiles.js';
import type { BulkCsvLayout } from './bulkCsvLayout.js';
import { chunkLines, lineChunks, type LineChunk } from './lineChunks.js';
import { readAhead } from './readAhead.js';

export interface BulkFileOptions {
  /** Lines per transaction (each commits with its checkpoint). */
  chunkLines: number;
  /** Staging table for COPY: a temp table (no WAL), or an unlogged table in raw. */
  staging: 'temp' | 'unlogged';
  /** COPY … FREEZE into the staging table created in the same subtransaction. */
  freeze: boolean;
  /** Called after each chunk commits; tests throw here to simulate a worker lost mid-load. */
  afterChunk?: (chunk: { firstLine: number; lineCount: number; path: 'copy' | 'parser' }) => void;
  /** Time spent in COPY and in the mapping INSERT … SELECT, per chunk (for bench/loadOrderLines.ts). */
  onPhase?: (phase: 'copy' | 'map', ms: number) => void;
}

export const DEFAULT_BULK_OPTIONS: BulkFileOptions = { chunkLines: 1_000_000, staging: 'temp', freeze: true };

export interface BulkFileSummary extends ObjectExtractSummary {
  /** Chunks landed by COPY and by the JavaScript parser in this call. */
  chunks: { copy: number; parser: number };
}

// Lines the JavaScript path maps and lands per landBatch call, to bound memory.
const PARSER_BATCH = 5000;

/** PostgreSQL could not parse or cast the chunk (SQLSTATE class 22: bad CSV, bad encoding, bad value). */
function isDataError(error: unknown): boolean {
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' && (code.startsWith('22') || code === '54000');
}

class ChunkMismatch extends Error {}

interface ChunkTarget {
  runId: string;
  source: string;
  object: string;
  file: SourceFile;
  layout: BulkCsvLayout;
  options: BulkFileOptions;
}

/** The chunk through PostgreSQL's CSV parser and one INSERT … SELECT; null when the chunk must take the JavaScript path. */
async function copyChunk(connection: pg.ClientBase, target: ChunkTarget, chunk: LineChunk): Promise<LandedCounts | null> {
  const { layout, options } = target;
  const table = options.staging === 'temp' ? 'bulk_stage' : `raw.bulk_stage_${randomBytes(6).toString('hex')}`;
  const sql = (text: string) => text.replace(/\bbulk_stage\b/g, table);
  await connection.query('savepoint bulk_chunk');
  try {
    const columns = layout.stagingColumns.map((c) => `${c} text`).join(', ');
    // The identity column numbers rows in COPY order, which is line order in a plain chunk.
    await connection.query(
      options.staging === 'temp'
        ? `create temp table ${table} (line bigint generated always as identity (start with ${chunk.firstLine}), ${columns}) on commit drop`
        : `create unlogged table ${table} (line bigint generated always as identity (start with ${chunk.firstLine}), ${columns})`,
    );
    const copy = connection.query(copyFrom(`copy ${table} (${layout.stagingColumns.join(', ')}) from stdin (format csv${options.freeze ? ', freeze' : ''})`));
    const copyStarted = performance.now();
    await pipeline(Readable.from([chunk.bytes]), copy);
    options.onPhase?.('copy', performance.now() - copyStarted);
    if (copy.rowCount !== chunk.lineCount) throw new ChunkMismatch(`COPY read ${copy.rowCount} rows from ${chunk.lineCount} lines`);
    const mapStarted = performance.now();
    const rejected = await connection.query<{ line: string | number; reason_code: string; detail: string | null }>(sql(layout.rejectSql));
    const rejectedLines = rejected.rows.map((r) => String(r.line));
    const inserted = await connection.query(sql(layout.insertSql), [target.runId, target.source, target.object, target.file.name, rejectedLines]);
    options.onPhase?.('map', performance.now() - mapStarted);
    const landed = inserted.rowCount ?? 0;
    if (landed + rejected.rows.length !== chunk.lineCount) {
      throw new Error(`bulk layout mapped ${landed} + ${rejected.rows.length} of ${chunk.lineCount} lines at ${target.file.name}:${chunk.firstLine}`);
    }
    if (rejected.rows.length > 0) {
      const wanted = new Map(rejected.rows.map((r) => [Number(r.line), r]));
      const lines: string[] = [];
      for (const { line, text } of chunkLines(chunk)) {
        const reject = wanted.get(line);
        if (reject) lines.push(copyLine([target.runId, target.source, target.object, `${target.file.name}:${line}`, reject.reason_code, reject.detail, text]));
      }
      await copyLines(connection, 'copy raw.rejects (run_id, source, source_object, position, reason_code, detail, original) from stdin', lines);
    }
    if (options.staging === 'unlogged') await connection.query(`drop table ${table}`);
    await connection.query('release savepoint bulk_chunk');
    return { landed, rejected: rejected.rows.length };
  } catch (error) {
    if (!(error instanceof ChunkMismatch) && !isDataError(error)) throw error;
    await connection.query('rollback to savepoint bulk_chunk');
    return null;
  }
}

/** The chunk parsed line by line in JavaScript: broken lines and bad values become rejects with their text. */
async function parseChunk(trx: Knex.Transaction, target: ChunkTarget, chunk: LineChunk): Promise<LandedCounts & { records: number }> {
  const { layout, file, object } = target;
  const totals = { landed: 0, rejected: 0, records: 0 };
  let rows: LandingRow[] = [];
  let rejects: LandingReject[] = [];
  const flush = async () => {
    const counts = await landBatch(trx, { runId: target.runId, source: target.source }, rows, rejects);
    totals.landed += counts.landed;
    totals.rejected += counts.rejected;
    rows = [];
    rejects = [];
  };
  const items = csvItems(chunkLines(chunk), { delimiter: ',', header: false, columns: layout.header }, 0, () => undefined);
  for await (const item of items) {
    totals.records += 1;
    if (item.kind === 'broken') {
      rejects.push({ sourceObject: object, position: `${file.name}:${item.line}`, reasonCode: item.reasonCode, detail: item.detail, original: item.text });
    } else {
      const record = item.record as Record<string, JsonValue>;
      const mapped = layout.mapLine(layout.header.map((h) => String(record[h] ?? '')), { line: item.line, text: item.text, fileName: file.name, object });
      if ('row' in mapped) rows.push(mapped.row);
      else rejects.push(mapped.reject);
    }
    if (rows.length + rejects.length >= PARSER_BATCH) await flush();
  }
  await flush();
  return totals;
}

function readCursorLine(sourceName: string, file: SourceFile, cursor: JsonValue | null): number {
  if (cursor === null || typeof cursor !== 'object' || Array.isArray(cursor)) return 0;
  if (cursor.file !== file.name) {
    throw new UserFacingError(
      `source "${sourceName}": this run started loading ${String(cursor.file)}, not ${file.name}`,
      'rerun with the file the run started with, or start a new run',
    );
  }
  return typeof cursor.line === 'number' ? cursor.line : 0;
}

/**
 * Lands one CSV file by COPY, chunk by chunk: each chunk commits with its checkpoint (cursor
 * `{file, line}`, as extractObject keeps it), so an interrupted load resumes after the last
 * committed line and every line lands once. A chunk PostgreSQL cannot parse takes the JavaScript
 * path, so a broken line becomes a reject with its text and the chunk's other lines still land.
 */
export async function extractBulkFile(params: {
  db: Knex;
  runId: string;
  source: string;
  object: string;
  file: SourceFile;
  layout: BulkCsvLayout;
  fullRefresh: boolean;
  signal: AbortSignal;
  options?: Partial<BulkFileOptions>;
  onProgress?: (progress: ExtractProgress) => void;
}): Promise<BulkFileSummary> {
  const { db, runId, source, object, file, layout, fullRefresh, signal, onProgress } = params;
  const options = { ...DEFAULT_BULK_OPTIONS, ...params.options };
  const key: ObjectKey = { runId, source, object };
  const saved = await readCheckpoint(db, key);
  const startedFrom = fullRefresh ? null : await readWatermark(db, source, object);
  const chunks = { copy: 0, parser: 0 };
  const summary = (c: Checkpoint): BulkFileSummary => ({
    source, object, recordsRead: c.recordsRead, rowsLanded: c.rowsLanded, rowsRejected: c.rowsRejected, startedFrom, resumed: saved !== null, chunks,
  });
  if (saved?.done) return summary(saved);

  let checkpoint: Checkpoint = saved ?? { cursor: null, recordsRead: 0, rowsLanded: 0, rowsRejected: 0, highWater: null, done: false };
  const afterLine = readCursorLine(source, file, checkpoint.cursor);
  const target: ChunkTarget = { runId, source, object, file, layout, options };
  const expectedHeader = layout.header.join(',');
  const onHeader = (header: string) => {
    const found = header.split(',').map((f) => f.trim().replace(/^"|"$/g, '')).join(',');
    if (found !== expectedHeader) {
      throw new UserFacingError(`source "${source}": ${file.name} does not start with the header ${expectedHeader} (found "${header.slice(0, 160)}")`, 'point path at a file in this layout');
    }
  };
  const bytes = openFileBytes(file);
  try {
    for await (const chunk of readAhead(lineChunks(bytes, { afterLine, chunkLines: options.chunkLines, onHeader }))) {
      signal.throwIfAborted();
      let path: 'copy' | 'parser' = 'copy';
      checkpoint = await db.transaction(async (trx) => {
        await trx.raw('select pg_advisory_xact_lock(hashtextextended(?, 0))', [`${runId}:extract:${source}:${object}`]);
        // Under the lock: an attempt that ran concurrently may have committed this chunk already.
        const current = await readCheckpoint(trx, key);
        if (JSON.stringify(current?.cursor ?? null) !== JSON.stringify(checkpoint.cursor)) throw new Error(`checkpoint of ${source}/${object} moved under this attempt; retry resumes from it`);
        let counts: (LandedCounts & { records?: number }) | null = chunk.plain ? await withConnection(trx, (c) => copyChunk(c, target, chunk)) : null;
        if (counts === null) {
          path = 'parser';
          counts = await parseChunk(trx, target, chunk);
        }
        const next: Checkpoint = {
          cursor: { file: file.name, line: chunk.firstLine + chunk.lineCount - 1 },
          recordsRead: checkpoint.recordsRead + (counts.records ?? chunk.lineCount),
          rowsLanded: checkpoint.rowsLanded + counts.landed,
          rowsRejected: checkpoint.rowsRejected + counts.rejected,
          highWater: null,
          done: false,
        };
        await saveCheckpoint(trx, key, next);
        return next;
      });
      chunks[path] += 1;
      onProgress?.({ source, object, cursor: checkpoint.cursor, recordsRead: checkpoint.recordsRead });
      options.afterChunk?.({ firstLine: chunk.firstLine, lineCount: chunk.lineCount, path });
    }
  } catch (error) {
    throw describeFileError(source, file, error);
  } finally {
    bytes.destroy();
  }
  const finished: Checkpoint = { ...checkpoint, done: true };
  await db.transaction(async (trx) => {
    await saveCheckpoint(trx, key, finished);
    if (finished.highWater !== null) await advanceWatermark(trx, key, finished.highWater, fullRefresh);
  });
  return summary(finished);
}
