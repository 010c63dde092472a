import { parse } from 'csv-parse/sync';
import { UserFacingError } from '../../../userFacingError.js';
import { rejectLine, type LineOutcome } from './lineOutcome.js';

/** A CSV data line as header → text, the shape the landing contract keeps in `record`. */
export type CsvRecord<C extends string> = Record<C, string>;

/**
 * These dataset CSVs have no line breaks inside quoted fields (checked on every file), so each
 * physical line is one record: a broken line becomes one reject at its own file:line.
 */
function parseCsvLine(text: string): string[] | { problem: string } {
  try {
    const parsed = parse(text, { relax_column_count: true }) as string[][];
    if (parsed.length !== 1 || !parsed[0]) return { problem: parsed.length === 0 ? 'empty line' : 'more than one record on the line' };
    return parsed[0];
  } catch (error) {
    return { problem: error instanceof Error ? error.message : String(error) };
  }
}

/** Checks line 1 against the expected header; a different header means the wrong file. */
export function requireCsvHeader(text: string, columns: readonly string[], fileName: string, source: string): 'header' {
  const parsed = parseCsvLine(text);
  const got = Array.isArray(parsed) ? parsed.map((c) => c.trim()).join(',') : text;
  if (got !== columns.join(',')) {
    throw new UserFacingError(
      `${source}: ${fileName} does not start with the expected header (got "${got.slice(0, 160)}")`,
      `point path at the folder of the published dataset, whose ${fileName} starts with ${columns.join(',')}`,
    );
  }
  return 'header';
}

/** Parses a data line into a record of the given columns, or says why it is not one. */
export function parseCsvRecord<C extends string>(text: string, columns: readonly C[]): { record: CsvRecord<C> } | { problem: string } {
  const values = parseCsvLine(text);
  if (!Array.isArray(values)) return values;
  if (values.length !== columns.length) return { problem: `${values.length} fields, expected ${columns.length} (${columns.join(',')})` };
  return { record: Object.fromEntries(columns.map((column, i) => [column, values[i] ?? ''])) as CsvRecord<C> };
}

/** Maps a data line through `map`, or rejects it as malformed_line when it is not a CSV record of `columns`. */
export function mapCsvLine<C extends string>(
  text: string,
  columns: readonly C[],
  sourceObject: string,
  position: string,
  map: (record: CsvRecord<C>) => LineOutcome,
): LineOutcome {
  const parsed = parseCsvRecord(text, columns);
  return 'problem' in parsed ? rejectLine(sourceObject, position, 'malformed_line', parsed.problem, text) : map(parsed.record);
}
