import type { LandingReject, LandingRow } from '../../connector.js';

/** Where a line came from, for mapping it in JavaScript (the fallback path). */
export interface LineContext {
  line: number;
  text: string;
  fileName: string;
  object: string;
}

/**
 * How one kind of CSV file lands by bulk COPY: PostgreSQL parses the lines into a text staging
 * table shaped like the file, then SQL maps them to a landing table. `mapLine` is the same mapping
 * in JavaScript, for chunks PostgreSQL cannot parse; both must give the same rows and rejects.
 */
export interface BulkCsvLayout {
  /** The header the file must start with, field by field. */
  header: readonly string[];
  /** One text column per file column, in file order, in the staging table `bulk_stage`. */
  stagingColumns: readonly string[];
  /** SELECT line, reason_code, detail FROM bulk_stage (its `line` column holds the file line) for the lines that cannot land. */
  rejectSql: string;
  /**
   * INSERT … SELECT from bulk_stage of every other line. Parameters: $1 run id, $2 source name,
   * $3 source object, $4 file name, $5 the rejected lines (bigint[]).
   */
  insertSql: string;
  mapLine(fields: readonly string[], context: LineContext): { row: LandingRow } | { reject: LandingReject };
}
