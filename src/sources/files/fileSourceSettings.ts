import { basename } from 'node:path';
import { UserFacingError } from '../../userFacingError.js';
import type { SourceEnvironment } from '../connector.js';
import { SourceEntry } from '../config/sourceEntry.js';
import { LANDING_ENTITIES, isLandingEntity, type LandingEntity } from '../landing/landingEntities.js';
import { isFolder, type FileLocation } from './sourceFiles.js';
import { isKnownTimeZone } from '../zoneOffset.js';
import { DATE_FORMATS, type DateFormat } from './zonedTime.js';

/** What every file source (csv, ndjson) is configured with. */
export interface FileSourceSettings {
  name: string;
  type: string;
  location: FileLocation;
  /** A folder loads incrementally by file name; a single file is read whole every run. */
  readsFolder: boolean;
  entity: LandingEntity;
  object: string;
  /** Source columns whose values, joined with ':', are the record's id; null: `file:line`. */
  idColumns: string[] | null;
  modifiedColumn: string | null;
  /** Landing column → source column (CSV header name, or a dotted JSON path). */
  mapping: Record<string, string>;
  timeZone: string;
  dateFormat: DateFormat;
  batchSize: number;
}

const KNOWN_EXTENSIONS = /(\.(csv|tsv|txt|ndjson|jsonl|json))?(\.gz)?$/;

function fail(entry: SourceEntry, key: string, problem: string, fix: string): never {
  throw new UserFacingError(`source "${entry.name}" (${entry.type}): ${key} ${problem}`, fix);
}

/** Reads the settings shared by file sources; every failure names the source, the field and the fix. */
export function readFileSourceSettings(
  raw: Readonly<Record<string, unknown>>,
  environment: SourceEnvironment,
  defaultPatterns: readonly string[],
): { entry: SourceEntry; settings: FileSourceSettings } {
  const entry = new SourceEntry(raw, environment);
  const path = entry.path('path');
  const entityName = entry.string('entity');
  if (!isLandingEntity(entityName)) {
    fail(entry, 'entity', `is not a landing entity (got "${entityName}")`, `use one of: ${Object.keys(LANDING_ENTITIES).join(', ')}`);
  }
  const columns = LANDING_ENTITIES[entityName].columns;
  const mapping = entry.stringMap('mapping');
  for (const column of Object.keys(mapping)) {
    if (!Object.hasOwn(columns, column)) {
      fail(entry, `mapping.${column}`, `is not a column of ${LANDING_ENTITIES[entityName].table}`, `map only these columns: ${Object.keys(columns).join(', ')}`);
    }
  }
  let idColumns: string[] | null = null;
  if (entry.has('idColumns')) {
    const list = raw.idColumns;
    if (!Array.isArray(list) || list.length === 0 || list.some((c) => typeof c !== 'string' || c === '')) {
      fail(entry, 'idColumns', 'must be a non-empty list of column names', 'write idColumns: [ColumnA, ColumnB]');
    }
    idColumns = list as string[];
  } else if (entry.has('idColumn')) {
    idColumns = [entry.string('idColumn')];
  }
  const timeZone = entry.optionalString('timezone') ?? 'UTC';
  if (!isKnownTimeZone(timeZone)) fail(entry, 'timezone', `is not an IANA time zone (got "${timeZone}")`, 'use a zone name such as Europe/London or America/New_York');
  const dateFormat = entry.optionalString('dateFormat') ?? 'iso';
  if (!(DATE_FORMATS as readonly string[]).includes(dateFormat)) {
    fail(entry, 'dateFormat', `is not supported (got "${dateFormat}")`, `use one of: ${DATE_FORMATS.join(', ')}`);
  }
  const readsFolder = isFolder(path);
  return {
    entry,
    settings: {
      name: entry.name,
      type: entry.type,
      location: { path, pattern: entry.optionalString('pattern') ?? null, defaultPatterns },
      readsFolder,
      entity: entityName,
      object: entry.optionalString('object') ?? basename(path).replace(KNOWN_EXTENSIONS, ''),
      idColumns,
      modifiedColumn: entry.optionalString('modifiedColumn') ?? null,
      mapping,
      timeZone,
      dateFormat: dateFormat as DateFormat,
      batchSize: entry.number('batchSize', 5000, { min: 1, max: 100_000 }),
    },
  };
}

/** Source columns the settings read: mapped columns, id columns and the modification column. */
export function referencedColumns(settings: FileSourceSettings): Array<{ field: string; column: string }> {
  return [
    ...Object.entries(settings.mapping).map(([landing, column]) => ({ field: `mapping.${landing}`, column })),
    ...(settings.idColumns ?? []).map((column) => ({ field: 'idColumn', column })),
    ...(settings.modifiedColumn === null ? [] : [{ field: 'modifiedColumn', column: settings.modifiedColumn }]),
  ];
}
