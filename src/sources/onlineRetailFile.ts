import { createReadStream } from 'node:fs';
import { access } from 'node:fs/promises';
import { join } from 'node:path';
import { Transform, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import { parse } from 'csv-parse';
import type { Knex } from 'knex';
import { from as copyFrom } from 'pg-copy-streams';
import { copyLine } from '../db/copyText.js';
import { lockStage } from '../db/stageLock.js';
import { withConnection } from '../db/withConnection.js';
import { UserFacingError } from '../userFacingError.js';

export const ONLINE_RETAIL_SOURCE = 'online-retail';
export const ONLINE_RETAIL_COLUMNS = [
  'InvoiceNo', 'StockCode', 'Description', 'Quantity', 'InvoiceDate', 'UnitPrice', 'CustomerID', 'Country',
] as const;
const PROGRESS_EVERY = 50_000;
// One COPY message per row costs a socket write each; batching ~64 KB is several times faster.
const BATCH_BYTES = 64 * 1024;

export function defaultOnlineRetailFile(dataDir: string): string {
  return join(dataDir, 'online-retail', 'online_retail.csv.gz');
}

export async function assertReadableFile(file: string): Promise<void> {
  try {
    await access(file);
  } catch {
    throw new UserFacingError(
      `source file not found: ${file}`,
      'check the path, or set SEGFLOW_DATA_DIR to the folder holding online-retail/online_retail.csv.gz',
    );
  }
}

interface ParsedRecord {
  record: string[];
  info: { lines: number };
}

/** CSV records → COPY text lines tagged with run id and line number; checks the header first. */
class ToCopyLines extends Transform {
  private sawHeader = false;
  private batch = '';
  linesRead = 0;

  constructor(
    private readonly runId: string,
    private readonly file: string,
    private readonly onProgress: (lines: number) => void,
  ) {
    super({ writableObjectMode: true });
  }

  override _transform({ record, info }: ParsedRecord, _encoding: BufferEncoding, done: TransformCallback): void {
    if (!this.sawHeader) {
      this.sawHeader = true;
      const header = record.map((f) => f.trim()).join(',');
      if (header !== ONLINE_RETAIL_COLUMNS.join(',')) {
        done(new UserFacingError(
          `${this.file} does not have the Online Retail header (got "${header.slice(0, 120)}")`,
          `point the run at a CSV whose first line is ${ONLINE_RETAIL_COLUMNS.join(',')}`,
        ));
        return;
      }
      done();
      return;
    }
    this.linesRead += 1;
    if (this.linesRead % PROGRESS_EVERY === 0) this.onProgress(this.linesRead);
    // A short line lands with nulls in its missing fields (and is rejected as malformed_row later).
    const fields = ONLINE_RETAIL_COLUMNS.map((_, i) => record[i] ?? null);
    const overflow = record.length > ONLINE_RETAIL_COLUMNS.length ? JSON.stringify(record.slice(ONLINE_RETAIL_COLUMNS.length)) : null;
    this.batch += copyLine([this.runId, info.lines, record.length, ...fields, overflow]);
    if (this.batch.length >= BATCH_BYTES) {
      this.push(this.batch);
      this.batch = '';
    }
    done();
  }

  override _flush(done: TransformCallback): void {
    if (this.batch) this.push(this.batch);
    done();
  }
}

function describeStreamError(error: unknown, file: string): unknown {
  if (error instanceof UserFacingError) return error;
  const err = error as NodeJS.ErrnoException & { lines?: number };
  if (err.code === 'Z_DATA_ERROR' || err.code === 'Z_BUF_ERROR') {
    return new UserFacingError(`${file} is not a valid gzip file (${err.message})`, 'replace it with the original .csv.gz, or give an uncompressed .csv');
  }
  if (typeof err.code === 'string' && err.code.startsWith('CSV_')) {
    return new UserFacingError(`${file} is not valid CSV near line ${err.lines ?? '?'} (${err.code})`, 'repair the file at that line; fields with commas or quotes must be quoted as in RFC 4180');
  }
  return error;
}

/**
 * Lands every data line of the file in raw.online_retail_lines under runId, replacing what an
 * earlier attempt of the same run landed, in one transaction.
 */
export async function landOnlineRetailFile(params: {
  db: Knex;
  runId: string;
  file: string;
  onProgress: (linesRead: number) => void;
}): Promise<{ linesRead: number }> {
  const { db, runId, file, onProgress } = params;
  await assertReadableFile(file);
  try {
    return await db.transaction(async (trx) => {
      await lockStage(trx, runId, 'extract');
      await trx('raw.online_retail_lines').where({ run_id: runId }).delete();
      return withConnection(trx, async (connection) => {
        const toCopy = new ToCopyLines(runId, file, onProgress);
        const copy = connection.query(copyFrom(
          'copy raw.online_retail_lines (run_id, line_no, field_count, invoice_no, stock_code, description, quantity, invoice_date, unit_price, customer_id, country, overflow_fields) from stdin',
        ));
        const parser = parse({ relax_column_count: true, relax_quotes: true, skip_empty_lines: true, bom: true, info: true });
        if (file.endsWith('.gz')) {
          await pipeline(createReadStream(file), createGunzip(), parser, toCopy, copy);
        } else {
          await pipeline(createReadStream(file), parser, toCopy, copy);
        }
        return { linesRead: toCopy.linesRead };
      });
    });
  } catch (error) {
    throw describeStreamError(error, file);
  }
}
