import type { JsonValue, LandingReject, LandingRow, LandingValue } from '../connector.js';
import { checkLandingRow } from '../landing/checkLandingRow.js';
import { LANDING_ENTITIES, type LandingColumnType } from '../landing/landingEntities.js';
import type { FileItem } from './fileItem.js';
import type { FileSourceSettings } from './fileSourceSettings.js';
import type { SourceFile } from './sourceFiles.js';
import { sourceValueToLanding } from './sourceValue.js';

type RecordItem = Extract<FileItem, { kind: 'record' }>;
export type ValueOf = (record: JsonValue, column: string) => JsonValue | undefined;

function idText(value: JsonValue | undefined): string {
  if (value === undefined || value === null) return '';
  return typeof value === 'object' ? JSON.stringify(value) : String(value).trim();
}

/**
 * Maps one file record to a landing row, or to a reject that carries the record's original text
 * and `file:line`. Rows are checked here with the landing check, so a bad value is rejected with
 * the line as the file has it rather than a re-serialised record.
 */
export function mapFileRecord(settings: FileSourceSettings, file: SourceFile, item: RecordItem, valueOf: ValueOf): { row: LandingRow } | { reject: LandingReject } {
  const position = `${file.name}:${item.line}`;
  const reject = (reasonCode: string, detail: string) => ({ reject: { sourceObject: settings.object, position, reasonCode, detail, original: item.text } });
  let sourceId = position;
  if (settings.idColumns !== null) {
    const parts = settings.idColumns.map((column) => idText(valueOf(item.record, column)));
    const empty = settings.idColumns.filter((_, i) => parts[i] === '');
    if (empty.length > 0) return reject('missing_id', `no value in ${empty.join(', ')}`);
    sourceId = parts.join(':');
  }
  let modifiedAt: string | null = null;
  if (settings.modifiedColumn !== null) {
    const value = sourceValueToLanding(valueOf(item.record, settings.modifiedColumn), 'timestamptz', settings);
    modifiedAt = value === null ? null : String(value);
  }
  const columns = LANDING_ENTITIES[settings.entity].columns as Readonly<Record<string, LandingColumnType>>;
  const fields: Record<string, LandingValue> = {};
  for (const [landing, column] of Object.entries(settings.mapping)) {
    fields[landing] = sourceValueToLanding(valueOf(item.record, column), columns[landing] ?? 'text', settings);
  }
  const row: LandingRow = { entity: settings.entity, sourceObject: settings.object, sourceId, modifiedAt, position, record: item.record, fields };
  const checked = checkLandingRow(row);
  if ('reject' in checked) return reject(checked.reject.reasonCode, checked.reject.detail ?? '');
  return { row };
}
