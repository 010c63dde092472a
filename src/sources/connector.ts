import type { LandingEntity } from './landing/landingEntities.js';

/** A JSON value: cursors and original records travel and are stored as JSON. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

export type LandingValue = string | number | boolean | null;

/** One source record mapped to the landing contract. */
export interface LandingRow {
  entity: LandingEntity;
  /** Vendor object the record came from (Contact, companies, events_20240101, hit_data). */
  sourceObject: string;
  /** The record's id in the source; with sourceObject it identifies the record across runs. */
  sourceId: string;
  /** ISO-8601 modification time from the source (SystemModstamp, updatedAt), null when it has none. */
  modifiedAt: string | null;
  /** file:line for file sources; null for API records (their id locates them). */
  position: string | null;
  /** The record as the source gave it; null only for bulk file lines located by position. */
  record: JsonValue | null;
  /** Mapped columns of the entity's table. Timestamps and dates as ISO-8601 strings. */
  fields: Readonly<Record<string, LandingValue | undefined>>;
}

/** A record that could not be mapped; it lands in raw.rejects instead of a landing table. */
export interface LandingReject {
  sourceObject: string;
  /** file:line, page:index or the record id: enough to find the record in the source again. */
  position: string;
  /** Short snake_case reason: missing_id, bad_timestamp, bad_number, malformed_line, excluded_hit, ... */
  reasonCode: string;
  detail: string | null;
  /** The original record text (a CSV line, the JSON of an API record). */
  original: string;
}

/** What a connector is asked to extract: one object, from where a previous attempt stopped. */
export interface ExtractRequest {
  object: string;
  /** Cursor of the last committed batch of this run (a retried attempt resumes here); null at start. */
  cursor: JsonValue | null;
  /** High-water mark of the last completed extract of this object; null on a full refresh or the first run. */
  watermark: string | null;
  signal: AbortSignal;
}

/** One batch, committed atomically together with its cursor. */
export interface ExtractedBatch {
  rows: LandingRow[];
  rejects: LandingReject[];
  /** Records read from the source for this batch: always rows.length + rejects.length. */
  recordsRead: number;
  /** Where to resume after this batch is committed (next page URL, after-token, line number). */
  cursor: JsonValue;
  /**
   * Largest modification mark seen in this batch, compared as strings (ISO-8601 UTC with
   * milliseconds, or a zero-padded file name); the next incremental extract starts from the max.
   */
  highWater: string | null;
}

/** Outcome of one check in `segflow sources check`. */
export interface SourceCheck {
  object: string;
  ok: boolean;
  message: string;
}

/** A configured source: knows its objects, extracts them batch by batch, and can check itself. */
export interface SourceConnector {
  readonly name: string;
  readonly type: string;
  /** Objects this source extracts, in the order they should run. */
  objects(): readonly string[];
  extract(request: ExtractRequest): AsyncIterable<ExtractedBatch>;
  /** Validates configuration and reachability without landing anything. */
  check(signal: AbortSignal): Promise<SourceCheck[]>;
}

/** What a connector may read from its surroundings; passed in so tests and the demo control it. */
export interface SourceEnvironment {
  /** Environment variables; secrets are read only through names the sources file gives. */
  env: Readonly<Record<string, string | undefined>>;
  /** Folder of the sources file: relative paths in it resolve from here. */
  baseDir: string;
}

/** Builds a connector of one type from its entry in the sources file. */
export interface ConnectorFactory {
  readonly type: string;
  /** Throws UserFacingError naming the source and the field when the entry is wrong. */
  create(entry: Readonly<Record<string, unknown>>, environment: SourceEnvironment): SourceConnector;
}
