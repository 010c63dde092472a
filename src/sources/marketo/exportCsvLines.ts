import type { Readable } from 'node:stream';
import { parse, type CsvError } from 'csv-parse';
import { UserFacingError } from '../../userFacingError.js';

/** One data line of an export file, parsed or not. */
export interface ExportCsvLine {
  /** Line number in the file (the header is line 1); for a quoted multi-line record, its last line. */
  line: number;
  /** The line as Marketo wrote it, without the line break: a reject keeps it verbatim. */
  raw: string;
  /** Header → text, or null when the line could not be split into the header's columns. */
  values: Record<string, string> | null;
  problem: string | null;
}

interface ParsedRecord {
  record: string[];
  info: { lines: number };
  raw: string;
}

/**
 * Streams an export file's lines. A line that is not valid CSV or has the wrong number of
 * columns comes back with a problem instead of stopping the file.
 */
export async function* exportCsvLines(stream: Readable, requiredColumns: readonly string[], describe: string): AsyncGenerator<ExportCsvLine> {
  const skipped: ExportCsvLine[] = [];
  const parser = stream.pipe(
    parse({
      raw: true,
      info: true,
      bom: true,
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: true,
      skip_records_with_error: true,
      on_skip: (error: CsvError | undefined, raw: string | undefined) => {
        const line = typeof (error as { lines?: unknown } | undefined)?.lines === 'number' ? (error as unknown as { lines: number }).lines : 0;
        skipped.push({ line, raw: trimBreak(raw ?? ''), values: null, problem: error?.message ?? 'unreadable CSV' });
        return undefined;
      },
    }),
  );
  // A consumer that stops early (an interrupted extract) must not leave the download open.
  try {
    let header: string[] | null = null;
    for await (const parsed of parser as AsyncIterable<ParsedRecord>) {
      yield* skipped.splice(0);
      if (header === null) {
        header = parsed.record.map((column) => column.trim());
        const missing = requiredColumns.filter((column) => !header!.includes(column));
        if (missing.length > 0) {
          throw new UserFacingError(`${describe} has no column ${missing.join(', ')} (header: ${header.join(',').slice(0, 200)})`, 'check the export fields requested and the API user\'s field permissions');
        }
        continue;
      }
      const raw = trimBreak(parsed.raw);
      if (parsed.record.length !== header.length) {
        yield { line: parsed.info.lines, raw, values: null, problem: `${parsed.record.length} fields where the header has ${header.length}` };
        continue;
      }
      const values: Record<string, string> = {};
      header.forEach((column, index) => {
        values[column] = parsed.record[index] ?? '';
      });
      yield { line: parsed.info.lines, raw, values, problem: null };
    }
    yield* skipped.splice(0);
  } finally {
    stream.destroy();
    parser.destroy();
  }
}

function trimBreak(text: string): string {
  return text.replace(/\r?\n$/, '');
}
