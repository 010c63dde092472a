import { existsSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { projectRoot } from '../../paths.js';
import { UserFacingError } from '../../userFacingError.js';
import type { ConnectorFactory, ExtractedBatch, ExtractRequest, JsonValue, LandingReject, LandingRow, SourceCheck, SourceEnvironment } from '../connector.js';
import { SourceEntry } from '../config/sourceEntry.js';
import type { ObjectExtractSummary } from '../extractObject.js';
import type { BulkLoadingConnector, BulkLoadRequest } from '../files/bulk/bulkLoadingConnector.js';
import { extractBulkFile, type BulkFileOptions } from '../files/bulk/extractBulkFile.js';
import { csvFileItems } from '../files/csvFileItems.js';
import { readFirstLineSync } from '../files/readFirstLineSync.js';
import type { SourceFile } from '../files/sourceFiles.js';
import { ONLINE_RETAIL_HEADER, onlineRetailLayout } from './onlineRetailLayout.js';

export const ONLINE_RETAIL_OBJECT = 'order_lines';
const BATCH_SIZE = 5000;

function defaultDatasetFile(environment: SourceEnvironment): string {
  const dataDir = environment.env.SEGFLOW_DATA_DIR ?? resolve(projectRoot, '..', 'shared', 'data');
  return join(dataDir, 'online-retail', 'online_retail.csv.gz');
}

function headerProblem(file: SourceFile, header: readonly string[]): string | null {
  const found = header.map((h) => h.trim());
  return found.join(',') === ONLINE_RETAIL_HEADER.join(',') ? null : `${file.name} does not start with the header ${ONLINE_RETAIL_HEADER.join(',')} (found "${found.join(',').slice(0, 160)}")`;
}

/**
 * `type: online-retail` — the UCI Online Retail export as order lines (a landing adapter: returns
 * and lines without a customer land as they are; cleaning rules stay downstream). `loadBulk` lands
 * the file by COPY; `extract` is the same mapping in JavaScript, for the generic driver.
 */
class OnlineRetailConnector implements BulkLoadingConnector {
  readonly type = 'online-retail';

  constructor(
    readonly name: string,
    private readonly file: SourceFile,
    private readonly bulkOptions: Partial<BulkFileOptions>,
  ) {}

  objects(): readonly string[] {
    return [ONLINE_RETAIL_OBJECT];
  }

  private assertReadable(): void {
    if (!existsSync(this.file.path)) {
      throw new UserFacingError(`source "${this.name}" (online-retail): file ${this.file.path} does not exist`, 'set path to the Online Retail CSV(.gz), or SEGFLOW_DATA_DIR to the folder holding online-retail/online_retail.csv.gz');
    }
  }

  async *extract(request: ExtractRequest): AsyncIterable<ExtractedBatch> {
    this.assertReadable();
    const cursor = request.cursor as { file?: JsonValue; line?: JsonValue } | null;
    const afterLine = cursor && cursor.file === this.file.name && typeof cursor.line === 'number' ? cursor.line : 0;
    const onHeader = (header: string[]) => {
      const problem = headerProblem(this.file, header);
      if (problem) throw new UserFacingError(`source "${this.name}" (online-retail): ${problem}`, 'point path at an Online Retail export');
    };
    let rows: LandingRow[] = [];
    let rejects: LandingReject[] = [];
    let lastLine = afterLine;
    const batch = (): ExtractedBatch => {
      const out = { rows, rejects, recordsRead: rows.length + rejects.length, cursor: { file: this.file.name, line: lastLine }, highWater: null };
      rows = [];
      rejects = [];
      return out;
    };
    for await (const item of csvFileItems(this.name, this.file, { delimiter: ',', header: true }, afterLine, onHeader)) {
      request.signal.throwIfAborted();
      lastLine = item.endLine;
      if (item.kind === 'broken') {
        rejects.push({ sourceObject: ONLINE_RETAIL_OBJECT, position: `${this.file.name}:${item.line}`, reasonCode: item.reasonCode, detail: item.detail, original: item.text });
      } else {
        const record = item.record as Record<string, JsonValue>;
        const fields = ONLINE_RETAIL_HEADER.map((h) => String(record[h] ?? ''));
        const mapped = onlineRetailLayout.mapLine(fields, { line: item.line, text: item.text, fileName: this.file.name, object: ONLINE_RETAIL_OBJECT });
        if ('row' in mapped) rows.push(mapped.row);
        else rejects.push(mapped.reject);
      }
      if (rows.length + rejects.length >= BATCH_SIZE) yield batch();
    }
    if (rows.length + rejects.length > 0 || lastLine > afterLine) yield batch();
  }

  async loadBulk(request: BulkLoadRequest): Promise<ObjectExtractSummary> {
    this.assertReadable();
    return extractBulkFile({
      db: request.db, runId: request.runId, source: this.name, object: request.object, file: this.file, layout: onlineRetailLayout,
      fullRefresh: request.fullRefresh, signal: request.signal, options: this.bulkOptions, onProgress: request.onProgress,
    });
  }

  async check(): Promise<SourceCheck[]> {
    const first = readFirstLineSync(this.file.path);
    if (first === null) return [{ object: ONLINE_RETAIL_OBJECT, ok: false, message: `${this.file.path} cannot be read` }];
    const problem = headerProblem(this.file, first.split(','));
    return [{ object: ONLINE_RETAIL_OBJECT, ok: problem === null, message: problem ?? `${this.file.name} readable` }];
  }
}

export const onlineRetailConnectorFactory: ConnectorFactory = {
  type: 'online-retail',
  create(raw, environment) {
    const entry = new SourceEntry(raw, environment);
    const path = entry.has('path') ? entry.path('path') : defaultDatasetFile(environment);
    const chunkLines = entry.number('chunkLines', 1_000_000, { min: 1, max: 10_000_000 });
    return new OnlineRetailConnector(entry.name, { name: basename(path), path }, { chunkLines });
  },
};
