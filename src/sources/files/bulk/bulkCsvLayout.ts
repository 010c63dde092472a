import type { LandingReject, LandingRow } from '../../connector.js';

/** Where a line came from, for mapping it in JavaScript (the fallback path). */
export interface LineContext {
  line: number;
  text: string;
  fileName: string;
  object: string;
}

/**
 * How a file field is vetted and encoded before it is COPYed (binary) straight into the landing
 * table. A field that is not surely fine sends its line to `mapLine`, which decides.
 *   id        — unquoted printable ASCII, not empty (the line's source id is built from it)
 *   text      — anything; quoted or unquoted empty lands as null
 *   decimal   — unquoted, empty or -?d{1,14}(.d{0,4}): fits numeric(18, 4) as written; its column is numeric
 *   localTime — unquoted, empty or YYYY-MM-DD HH:MM:SS (a real day in 19xx/20xx), read in `timeZone`; its column is timestamptz
 *   excelId   — unquoted text that a spreadsheet may have written as a float: a trailing '.0' is dropped
 */
export type BulkFieldKind = 'id' | 'text' | 'decimal' | 'localTime' | 'excelId';

/**
 * How one kind of CSV file lands by bulk COPY: each line, with the landing fields the file lacks
 * appended, is COPYed straight into `table`. `mapLine` is the same mapping in JavaScript, for lines
 * and chunks the COPY side does not vouch for; both must give the same rows.
 */
export interface BulkCsvLayout {
  /** The header the file must start with, field by field. */
  header: readonly string[];
  /** The landing table, e.g. raw.order_lines. */
  table: string;
  /** One per file field, in file order: its landing column and how it is vetted. */
  fields: ReadonlyArray<{ column: string; kind: BulkFieldKind }>;
  /** Landing columns the file lacks that hold the same text on every line (e.g. currency). */
  constants: Readonly<Record<string, string>>;
  /** The field whose value, ':' and the file line number make the row's source_id. */
  sourceIdField: number;
  /** IANA zone of the file's wall-clock times. */
  timeZone: string;
  mapLine(fields: readonly string[], context: LineContext): { row: LandingRow } | { reject: LandingReject };
}
