import { UserFacingError } from '../../userFacingError.js';
import type { ExtractedBatch, ExtractRequest, JsonValue, LandingReject, LandingRow, SourceCheck, SourceConnector } from '../connector.js';
import type { FileItem } from './fileItem.js';
import { referencedColumns, type FileSourceSettings } from './fileSourceSettings.js';
import { mapFileRecord, type ValueOf } from './mapFileRecord.js';
import { listSourceFiles, type SourceFile } from './sourceFiles.js';

/** How one file format is read: its records, how a column is looked up, and how a file is checked. */
export interface FileFormat {
  /** Records after `afterLine`; calls `onHeader` with the column names when the format has a header. */
  items(sourceName: string, file: SourceFile, afterLine: number, onHeader: (columns: string[]) => void): AsyncIterable<FileItem>;
  valueOf: ValueOf;
  /** A problem with the file for `sources check` (missing columns), or null. */
  checkFile(settings: FileSourceSettings, file: SourceFile, signal: AbortSignal): Promise<string | null>;
}

/** Where a file source resumes: after `line` of `file` (both already landed). */
interface FileCursor {
  file: string;
  line: number;
}

function readCursor(cursor: JsonValue | null): FileCursor | null {
  if (cursor === null || typeof cursor !== 'object' || Array.isArray(cursor)) return null;
  const { file, line } = cursor;
  return typeof file === 'string' && typeof line === 'number' ? { file, line } : null;
}

/** The UserFacingError for a mapped column the file's header lacks. */
export function missingColumnError(settings: FileSourceSettings, fileName: string, header: readonly string[]): UserFacingError | null {
  const missing = referencedColumns(settings).filter(({ column }) => !header.includes(column));
  if (missing.length === 0) return null;
  const named = missing.map(({ field, column }) => `${field} names column "${column}"`).join(', ');
  return new UserFacingError(
    `source "${settings.name}" (${settings.type}): ${named}, which ${fileName} lacks; its header is: ${header.join(', ')}`,
    'change the mapping to the header\'s column names (they are case-sensitive)',
  );
}

/**
 * A source of one object read from a file or a folder of files, batch by batch. The cursor is the
 * file and line of the last landed record; folders load in name order and, without a modification
 * column, their watermark is the last file name loaded, so the next run reads only newer files.
 */
export class FileSourceConnector implements SourceConnector {
  readonly name: string;
  readonly type: string;

  constructor(
    private readonly settings: FileSourceSettings,
    private readonly format: FileFormat,
  ) {
    this.name = settings.name;
    this.type = settings.type;
  }

  objects(): readonly string[] {
    return [this.settings.object];
  }

  async *extract(request: ExtractRequest): AsyncIterable<ExtractedBatch> {
    const { settings } = this;
    const cursor = readCursor(request.cursor);
    const byFileName = settings.readsFolder && settings.modifiedColumn === null;
    for (const file of listSourceFiles(settings.name, settings.location)) {
      if (cursor !== null && file.name < cursor.file) continue;
      if (byFileName && request.watermark !== null && file.name <= request.watermark) continue;
      const afterLine = cursor?.file === file.name ? cursor.line : 0;
      let rows: LandingRow[] = [];
      let rejects: LandingReject[] = [];
      let lastLine = afterLine;
      let highWater: string | null = null;
      const batch = (): ExtractedBatch => {
        const out = { rows, rejects, recordsRead: rows.length + rejects.length, cursor: { file: file.name, line: lastLine }, highWater: byFileName ? file.name : highWater };
        rows = [];
        rejects = [];
        highWater = null;
        return out;
      };
      const onHeader = (header: string[]) => {
        const error = missingColumnError(settings, file.name, header);
        if (error) throw error;
      };
      for await (const item of this.format.items(settings.name, file, afterLine, onHeader)) {
        request.signal.throwIfAborted();
        lastLine = item.endLine;
        if (item.kind === 'broken') {
          rejects.push({ sourceObject: settings.object, position: `${file.name}:${item.line}`, reasonCode: item.reasonCode, detail: item.detail, original: item.text });
        } else {
          const mapped = mapFileRecord(settings, file, item, this.format.valueOf);
          if ('reject' in mapped) {
            rejects.push(mapped.reject);
          } else {
            const { modifiedAt } = mapped.row;
            // Versions older than the watermark landed in an earlier run.
            if (request.watermark !== null && !byFileName && modifiedAt !== null && modifiedAt < request.watermark) continue;
            rows.push(mapped.row);
            if (modifiedAt !== null && (highWater === null || modifiedAt > highWater)) highWater = modifiedAt;
          }
        }
        if (rows.length + rejects.length >= settings.batchSize) yield batch();
      }
      if (rows.length + rejects.length > 0 || lastLine > afterLine || byFileName) yield batch();
    }
  }

  async check(signal: AbortSignal): Promise<SourceCheck[]> {
    const object = this.settings.object;
    let files: SourceFile[];
    try {
      files = listSourceFiles(this.settings.name, this.settings.location);
    } catch (error) {
      return [{ object, ok: false, message: error instanceof UserFacingError ? error.toLine() : String(error) }];
    }
    if (files.length === 0) return [{ object, ok: true, message: `no files in ${this.settings.location.path} match yet` }];
    const problems: string[] = [];
    for (const file of files) {
      const problem = await this.format.checkFile(this.settings, file, signal);
      if (problem !== null) problems.push(problem);
    }
    return [{ object, ok: problems.length === 0, message: problems.length === 0 ? `${files.length} file(s) readable` : problems.join('; ') }];
  }
}
