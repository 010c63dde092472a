import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import type { Knex } from 'knex';
import { from as copyFrom } from 'pg-copy-streams';
import { withConnection } from '../../../db/withConnection.js';
import { UserFacingError } from '../../../userFacingError.js';
import type { JsonValue, LandingReject, LandingRow } from '../../connector.js';
import { advanceWatermark, readCheckpoint, readWatermark, saveCheckpoint, type Checkpoint, type ObjectKey } from '../../extractCheckpoints.js';
import type { ExtractProgress, ObjectExtractSummary } from '../../extractObject.js';
import { landBatch, type LandedCounts } from '../../landing/landBatch.js';
import { csvItems } from '../csvFileItems.js';
import { describeFileError } from '../openTextLines.js';
import type { SourceFile } from '../sourceFiles.js';
import type { BulkCsvLayout } from './bulkCsvLayout.js';
import { landingCopyInput, landingCopySql, type SetAsideLines } from './landingCopyInput.js';
import { ChunkBuffers } from './chunkBuffers.js';
import { chunkLines, lineChunks, type LineChunk } from './lineChunks.js';
import { readAhead } from './readAhead.js';

export type ChunkPath = 'copy' | 'parser';

export interface BulkFileOptions {
  /** Lines per transaction (each commits with its checkpoint). */
  chunkLines: number;
  /** Chunks in flight at once, each in its own transaction on its own connection; checkpoints still commit in file order. */
  connections: number;
  /** Called after each chunk commits; tests throw here to simulate a worker lost mid-load. */
  afterChunk?: (chunk: { firstLine: number; lineCount: number; path: ChunkPath }) => void;
  /** Time per chunk in COPY, in the JavaScript parser, and waiting for the chunk before it to commit (for bench/loadOrderLines.ts). */
  onPhase?: (phase: 'copy' | 'parser' | 'wait', ms: number) => void;
}

export const DEFAULT_BULK_OPTIONS: BulkFileOptions = { chunkLines: 1_000_000, connections: 2 };

export interface BulkFileSummary extends ObjectExtractSummary {
  /** Chunks landed by COPY and by the JavaScript parser in this call. */
  chunks: { copy: number; parser: number };
}

// Lines the JavaScript path maps and lands per landBatch call, to bound memory.
const PARSER_BATCH = 5000;
// Gunzip and read in 1 MB pieces: the default 16 KB costs a callback per 200 lines.
const READ_BYTES = 1024 * 1024;

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

type ChunkCounts = LandedCounts & { records: number };

function openBytes(file: SourceFile): Readable {
  const raw = createReadStream(file.path, { highWaterMark: READ_BYTES });
  if (!file.name.endsWith('.gz')) return raw;
  const gunzip = createGunzip({ chunkSize: READ_BYTES });
  raw.on('error', (error) => gunzip.destroy(error));
  return raw.pipe(gunzip);
}

/** Numbered lines parsed and mapped in JavaScript: broken lines and bad values become rejects with their text. */
async function parseLines(trx: Knex.Transaction, target: ChunkTarget, lines: Iterable<{ line: number; text: string }>): Promise<ChunkCounts> {
  const { layout, file, object } = target;
  const totals = { landed: 0, rejected: 0, records: 0 };
  let rows: LandingRow[] = [];
  let rejects: LandingReject[] = [];
  const flush = async () => {
    if (rows.length + rejects.length === 0) return;
    const counts = await landBatch(trx, { runId: target.runId, source: target.source }, rows, rejects);
    totals.landed += counts.landed;
    totals.rejected += counts.rejected;
    rows = [];
    rejects = [];
  };
  const items = csvItems(lines, { delimiter: ',', header: false, columns: layout.header }, 0, () => undefined);
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

/**
 * The chunk's vetted lines COPYed straight into the landing table, encoded as binary COPY rows; the
 * lines the COPY side did not vouch for go through parseLines. Null when
 * PostgreSQL refuses the COPY (bad encoding, say): the chunk then takes the JavaScript path whole.
 */
async function copyChunk(trx: Knex.Transaction, target: ChunkTarget, chunk: LineChunk): Promise<ChunkCounts | null> {
  const lines: SetAsideLines = { copied: 0, setAside: [] };
  const copied = await withConnection(trx, async (connection) => {
    await connection.query('savepoint bulk_chunk');
    try {
      const started = performance.now();
      const copy = connection.query(copyFrom(landingCopySql(target.layout)));
      const input = landingCopyInput(chunk, { runId: target.runId, source: target.source, object: target.object, fileName: target.file.name, layout: target.layout }, lines);
      await pipeline(Readable.from(input), copy);
      target.options.onPhase?.('copy', performance.now() - started);
      if (copy.rowCount !== lines.copied) throw new ChunkMismatch(`COPY read ${copy.rowCount} rows from ${lines.copied} lines`);
      await connection.query('release savepoint bulk_chunk');
      return true;
    } catch (error) {
      if (!(error instanceof ChunkMismatch) && !isDataError(error)) throw error;
      await connection.query('rollback to savepoint bulk_chunk');
      return false;
    }
  });
  if (!copied) return null;
  const parsed = lines.setAside.length > 0 ? await parseLines(trx, target, lines.setAside) : { landed: 0, rejected: 0, records: 0 };
  return { records: lines.copied + parsed.records, landed: lines.copied + parsed.landed, rejected: parsed.rejected };
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
 * committed line and every line lands once. Up to `connections` chunks COPY at once; each takes
 * the run's advisory lock and writes its checkpoint only after the chunk before it committed, so
 * checkpoints advance in file order. A line the COPY side cannot vouch for, or a chunk PostgreSQL
 * refuses, takes the JavaScript path: bad lines become rejects with their text, the rest land.
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

  const initial: Checkpoint = saved ?? { cursor: null, recordsRead: 0, rowsLanded: 0, rowsRejected: 0, highWater: null, done: false };
  const afterLine = readCursorLine(source, file, initial.cursor);
  const target: ChunkTarget = { runId, source, object, file, layout, options };
  const expectedHeader = layout.header.join(',');
  const onHeader = (header: string) => {
    const found = header.split(',').map((f) => f.trim().replace(/^"|"$/g, '')).join(',');
    if (found !== expectedHeader) {
      throw new UserFacingError(`source "${source}": ${file.name} does not start with the header ${expectedHeader} (found "${header.slice(0, 160)}")`, 'point path at a file in this layout');
    }
  };

  // A chunk's buffer is reused by a later chunk once the chunk has landed.
  const buffers = new ChunkBuffers();

  /** One chunk in its own transaction; its checkpoint follows `before`, the chunk before it, once that committed. */
  const landChunk = async (chunk: LineChunk, before: Promise<Checkpoint>): Promise<Checkpoint> => {
    const { next, path } = await db.transaction(async (trx) => {
      let path: ChunkPath = 'copy';
      let counts = chunk.plain ? await copyChunk(trx, target, chunk) : null;
      if (counts === null) {
        path = 'parser';
        const started = performance.now();
        counts = await parseLines(trx, target, chunkLines(chunk));
        options.onPhase?.('parser', performance.now() - started);
      }
      const waitStarted = performance.now();
      // Rejects when the chunk before failed: this transaction then rolls back.
      const previous = await before;
      if (abandoned) throw new Error(`bulk load of ${source}/${object} stopped before ${file.name}:${chunk.firstLine} committed`);
      options.onPhase?.('wait', performance.now() - waitStarted);
      await trx.raw('select pg_advisory_xact_lock(hashtextextended(?, 0))', [`${runId}:extract:${source}:${object}`]);
      // Under the lock: an attempt that ran concurrently may have committed this chunk already.
      const current = await readCheckpoint(trx, key);
      if (JSON.stringify(current?.cursor ?? null) !== JSON.stringify(previous.cursor)) throw new Error(`checkpoint of ${source}/${object} moved under this attempt; retry resumes from it`);
      const next: Checkpoint = {
        cursor: { file: file.name, line: chunk.firstLine + chunk.lineCount - 1 },
        recordsRead: previous.recordsRead + counts.records,
        rowsLanded: previous.rowsLanded + counts.landed,
        rowsRejected: previous.rowsRejected + counts.rejected,
        highWater: null,
        done: false,
      };
      await saveCheckpoint(trx, key, next);
      return { next, path };
    }).finally(() => buffers.release(chunk.bytes));
    chunks[path] += 1;
    onProgress?.({ source, object, cursor: next.cursor, recordsRead: next.recordsRead });
    options.afterChunk?.({ firstLine: chunk.firstLine, lineCount: chunk.lineCount, path });
    return next;
  };

  // Set when the load stops: chunks still in flight roll back instead of committing.
  let abandoned = false;
  let last: Promise<Checkpoint> = Promise.resolve(initial);
  const inFlight: Array<Promise<Checkpoint>> = [];
  const bytes = openBytes(file);
  let checkpoint: Checkpoint;
  try {
    for await (const chunk of readAhead(lineChunks(bytes, { afterLine, chunkLines: options.chunkLines, onHeader, buffers }))) {
      signal.throwIfAborted();
      if (inFlight.length >= Math.max(1, options.connections)) await inFlight.shift();
      last = landChunk(chunk, last);
      // Reported by the loop (or the chunk after it), never as an unhandled rejection.
      last.catch(() => undefined);
      inFlight.push(last);
    }
    checkpoint = await last;
  } catch (error) {
    abandoned = true;
    await Promise.allSettled(inFlight);
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
