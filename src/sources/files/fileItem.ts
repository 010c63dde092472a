import type { JsonValue } from '../connector.js';

/** One record of a file, or one stretch of it that could not be read as a record. */
export type FileItem =
  | {
      kind: 'record';
      /** First and last physical line (they differ when a quoted CSV field spans lines). */
      line: number;
      endLine: number;
      text: string;
      /** CSV: header → field text; NDJSON: the parsed JSON value. */
      record: JsonValue;
    }
  | { kind: 'broken'; line: number; endLine: number; text: string; reasonCode: string; detail: string };
