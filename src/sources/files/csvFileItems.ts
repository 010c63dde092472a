import type { JsonValue } from '../connector.js';
import { splitCsvRecord } from './csvRecordSplitter.js';
import type { FileItem } from './fileItem.js';
import { readTextLines } from './openTextLines.js';
import type { SourceFile } from './sourceFiles.js';

/** A quoted field may span lines, but an unclosed quote must not swallow the rest of the file. */
export const MAX_LINES_PER_RECORD = 100;

export interface CsvLayout {
  delimiter: string;
  /** false: columns are named by position, "1", "2", ... (or as `columns` says) */
  header: boolean;
  /** Column names when the lines given have no header (a chunk from the middle of a file). */
  columns?: readonly string[];
}

/** The header's column names (trimmed), from its line. */
export function parseHeader(text: string, delimiter: string): string[] {
  const split = splitCsvRecord(text, delimiter);
  return 'fields' in split ? split.fields.map((f) => f.trim()) : text.split(delimiter).map((f) => f.trim());
}

/**
 * The records of a CSV file after line `afterLine`, each with its line numbers and original text.
 * Broken records (unterminated quote, wrong field count) come out as `broken` items, line by line,
 * so the file's other lines still load. `onHeader` sees the header before the first record.
 */
export function csvFileItems(
  sourceName: string,
  file: SourceFile,
  layout: CsvLayout,
  afterLine: number,
  onHeader: (columns: string[]) => void,
): AsyncGenerator<FileItem> {
  return csvItems(readTextLines(sourceName, file), layout, afterLine, onHeader);
}

/** CSV records from numbered lines (a file's, or a chunk's); see csvFileItems. */
export async function* csvItems(
  lines: AsyncIterable<{ line: number; text: string }> | Iterable<{ line: number; text: string }>,
  layout: CsvLayout,
  afterLine: number,
  onHeader: (columns: string[]) => void,
): AsyncGenerator<FileItem> {
  let columns: string[] | null = layout.columns ? [...layout.columns] : null;
  // Lines of a record still waiting for its closing quote.
  let pending: Array<{ line: number; text: string }> = [];

  /** A record from the first k pending lines, the smallest k that closes every quote. */
  function takeRecord(final: boolean): FileItem | 'wait' | null {
    while (pending.length > 0 && pending[0]!.text.trim() === '') pending.shift();
    if (pending.length === 0) return null;
    const first = pending[0]!;
    let problem: string | null = null;
    for (let k = 1; k <= pending.length; k++) {
      const lines = pending.slice(0, k);
      const text = lines.map((p) => p.text).join('\n');
      const split = splitCsvRecord(text, layout.delimiter);
      if ('open' in split) continue;
      if ('problem' in split) {
        problem = split.problem;
        break;
      }
      pending = pending.slice(k);
      const endLine = lines[k - 1]!.line;
      if (columns === null) {
        columns = split.fields.map((_, i) => String(i + 1));
        onHeader(columns);
      }
      if (split.fields.length !== columns.length) {
        return { kind: 'broken', line: first.line, endLine, text, reasonCode: 'malformed_line', detail: `expected ${columns.length} fields, found ${split.fields.length}` };
      }
      const record: Record<string, JsonValue> = {};
      columns.forEach((name, i) => {
        record[name] = split.fields[i] ?? '';
      });
      return { kind: 'record', line: first.line, endLine, text, record };
    }
    if (problem === null && !final && pending.length < MAX_LINES_PER_RECORD) return 'wait';
    // The first line cannot start a record; the lines after it are read afresh.
    pending = pending.slice(1);
    const detail = problem ?? `a quote opened on this line is not closed within ${MAX_LINES_PER_RECORD} lines or before the end of the file`;
    return { kind: 'broken', line: first.line, endLine: first.line, text: first.text, reasonCode: 'malformed_line', detail };
  }

  function* settle(final: boolean): Generator<FileItem> {
    for (;;) {
      const item = takeRecord(final);
      if (item === null || item === 'wait') return;
      yield item;
    }
  }

  for await (const { line, text } of lines) {
    if (layout.header && columns === null) {
      if (text.trim() === '') continue;
      columns = parseHeader(text, layout.delimiter);
      onHeader(columns);
      continue;
    }
    if (line <= afterLine) continue;
    if (pending.length === 0 && text.trim() === '') continue;
    pending.push({ line, text });
    yield* settle(false);
  }
  yield* settle(true);
}
