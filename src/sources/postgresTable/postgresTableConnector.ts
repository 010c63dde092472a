import pg from 'pg';
import { UserFacingError } from '../../userFacingError.js';
import type { ConnectorFactory, ExtractedBatch, ExtractRequest, JsonValue, LandingReject, LandingRow, LandingValue, SourceCheck, SourceConnector } from '../connector.js';
import { SourceEntry } from '../config/sourceEntry.js';
import { sourceValueToLanding } from '../files/sourceValue.js';
import { isKnownTimeZone } from '../zoneOffset.js';
import { checkLandingRow } from '../landing/checkLandingRow.js';
import { LANDING_ENTITIES, isLandingEntity, type LandingColumnType, type LandingEntity } from '../landing/landingEntities.js';
import { keysetPageQuery, type KeysetCursor } from './keysetPage.js';
import { parseTableName, quoteIdentifier, readTableColumns, type TableName } from './tableColumns.js';

interface PostgresTableSettings {
  name: string;
  url: string;
  table: TableName;
  entity: LandingEntity;
  object: string;
  mapping: Record<string, string>;
  idColumn: string;
  modifiedColumn: string | null;
  timeZone: string;
  batchSize: number;
}

const TIME_TYPES = ['timestamp with time zone', 'timestamp without time zone', 'date'];

/** The cursor: keyset position in the table, then (rows without an id) the physical row after which to go on. */
type TableCursor = { keyset: KeysetCursor | null } | { nullIdsAfter: string };

function readCursor(cursor: JsonValue | null): TableCursor {
  if (cursor !== null && typeof cursor === 'object' && !Array.isArray(cursor)) {
    if (typeof cursor.nullIdsAfter === 'string') return { nullIdsAfter: cursor.nullIdsAfter };
    if (typeof cursor.id === 'string') return { keyset: { id: cursor.id, modified: typeof cursor.modified === 'string' ? cursor.modified : null } };
  }
  return { keyset: null };
}

/** Connection failures a person must fix become UserFacingErrors; network trouble stays retryable. */
function describeConnectError(settings: PostgresTableSettings, error: unknown): unknown {
  const code = (error as { code?: string }).code;
  if (code === '28P01' || code === '28000' || code === '3D000' || code === '42501') {
    return new UserFacingError(
      `source "${settings.name}" (postgres-table): PostgreSQL refused the connection or the table (${(error as Error).message})`,
      'check the URL in the environment variable named by connectionEnv, and grant the user SELECT on the table',
    );
  }
  return error;
}

/**
 * `type: postgres-table` — a table or view in another PostgreSQL database (often one an ELT tool
 * such as Airbyte or Fivetran lands into). Reads it in keyset pages; with `modifiedColumn`
 * (e.g. _airbyte_extracted_at, _fivetran_synced) later runs read only rows at or after the watermark.
 */
class PostgresTableConnector implements SourceConnector {
  readonly type = 'postgres-table';
  readonly name: string;

  constructor(private readonly settings: PostgresTableSettings) {
    this.name = settings.name;
  }

  objects(): readonly string[] {
    return [this.settings.object];
  }

  private async connect(): Promise<pg.Client> {
    const client = new pg.Client({ connectionString: this.settings.url, application_name: 'segflow-source', connectionTimeoutMillis: 15_000 });
    try {
      await client.connect();
      // Zone-less timestamp columns are read in the configured zone; cursors round-trip in it too.
      await client.query(`set timezone = '${this.settings.timeZone}'`);
    } catch (error) {
      await client.end().catch(() => undefined);
      throw describeConnectError(this.settings, error);
    }
    return client;
  }

  /** Column types; a UserFacingError naming the columns the table lacks. */
  private async columnTypes(client: pg.Client): Promise<{ idType: string }> {
    const { settings } = this;
    const columns = await readTableColumns(client, settings.name, settings.table);
    const wanted = [
      ...Object.entries(settings.mapping).map(([landing, column]) => ({ field: `mapping.${landing}`, column })),
      { field: 'idColumn', column: settings.idColumn },
      ...(settings.modifiedColumn === null ? [] : [{ field: 'modifiedColumn', column: settings.modifiedColumn }]),
    ];
    const missing = wanted.filter(({ column }) => !columns.has(column));
    if (missing.length > 0) {
      throw new UserFacingError(
        `source "${settings.name}" (postgres-table): ${missing.map(({ field, column }) => `${field} names column "${column}"`).join(', ')}, which ${settings.table.schema}.${settings.table.table} lacks; its columns are: ${[...columns.keys()].join(', ')}`,
        'change the mapping to the table\'s column names (case-sensitive)',
      );
    }
    if (settings.modifiedColumn !== null && !TIME_TYPES.includes(columns.get(settings.modifiedColumn)!)) {
      throw new UserFacingError(
        `source "${settings.name}" (postgres-table): modifiedColumn ${settings.modifiedColumn} is ${columns.get(settings.modifiedColumn)}, not a timestamp or date`,
        'name a timestamp column such as _airbyte_extracted_at or _fivetran_synced, or leave modifiedColumn out',
      );
    }
    return { idType: columns.get(settings.idColumn)! };
  }

  private mapRow(record: JsonValue, sourceId: string | null, modifiedAt: string | null): { row: LandingRow } | { reject: LandingReject } {
    const { settings } = this;
    const fields: Record<string, LandingValue> = {};
    const types = LANDING_ENTITIES[settings.entity].columns as Readonly<Record<string, LandingColumnType>>;
    const values = typeof record === 'object' && record !== null && !Array.isArray(record) ? record : {};
    for (const [landing, column] of Object.entries(settings.mapping)) {
      fields[landing] = sourceValueToLanding(values[column], types[landing] ?? 'text', { timeZone: settings.timeZone, dateFormat: 'iso' });
    }
    const row: LandingRow = { entity: settings.entity, sourceObject: settings.object, sourceId: sourceId ?? '', modifiedAt, position: null, record, fields };
    const checked = checkLandingRow(row);
    return 'reject' in checked ? { reject: checked.reject } : { row };
  }

  async *extract(request: ExtractRequest): AsyncIterable<ExtractedBatch> {
    const { settings } = this;
    const client = await this.connect();
    try {
      const { idType } = await this.columnTypes(client);
      let cursor = readCursor(request.cursor);
      while ('keyset' in cursor) {
        request.signal.throwIfAborted();
        const page = keysetPageQuery(
          { quotedTable: settings.table.quoted, idColumn: settings.idColumn, idType, modifiedColumn: settings.modifiedColumn },
          cursor.keyset, request.watermark, settings.batchSize,
        );
        const result = await client.query<{ record: JsonValue; cursor_id: string; cursor_modified: string | null; modified_iso: string | null }>(page.sql, page.params);
        const rows: LandingRow[] = [];
        const rejects: LandingReject[] = [];
        let highWater: string | null = null;
        for (const r of result.rows) {
          const mapped = this.mapRow(r.record, r.cursor_id, r.modified_iso);
          if ('row' in mapped) rows.push(mapped.row);
          else rejects.push(mapped.reject);
          if (r.modified_iso !== null && (highWater === null || r.modified_iso > highWater)) highWater = r.modified_iso;
        }
        const last = result.rows.at(-1);
        const full = result.rows.length === settings.batchSize;
        cursor = full && last ? { keyset: { id: last.cursor_id, modified: last.cursor_modified } } : { nullIdsAfter: '(0,0)' };
        const saved: JsonValue = 'keyset' in cursor && cursor.keyset ? { id: cursor.keyset.id, modified: cursor.keyset.modified } : { nullIdsAfter: '(0,0)' };
        if (result.rows.length > 0 || !full) yield { rows, rejects, recordsRead: result.rows.length, cursor: saved, highWater };
      }
      // Rows without an id cannot be keyed or paged by id: they become rejects, paged by physical position.
      let after = cursor.nullIdsAfter;
      for (;;) {
        request.signal.throwIfAborted();
        const modifiedFilter = settings.modifiedColumn !== null && request.watermark !== null
          ? `and cast(t.${quoteIdentifier(settings.modifiedColumn)} as timestamptz) >= cast($3 as timestamptz)` : '';
        const result = await client.query<{ record: JsonValue; tid: string }>(
          `select to_jsonb(t) as record, cast(t.ctid as text) as tid from ${settings.table.quoted} t
           where t.${quoteIdentifier(settings.idColumn)} is null and t.ctid > cast($1 as tid) ${modifiedFilter} order by t.ctid limit $2`,
          modifiedFilter ? [after, settings.batchSize, request.watermark] : [after, settings.batchSize],
        );
        if (result.rows.length === 0) break;
        const rejects = result.rows.map((r): LandingReject => ({
          sourceObject: settings.object, position: `ctid:${r.tid}`, reasonCode: 'missing_id', detail: `${settings.idColumn} is null`, original: JSON.stringify(r.record),
        }));
        after = result.rows.at(-1)!.tid;
        yield { rows: [], rejects, recordsRead: rejects.length, cursor: { nullIdsAfter: after }, highWater: null };
      }
    } finally {
      await client.end().catch(() => undefined);
    }
  }

  async check(): Promise<SourceCheck[]> {
    const object = this.settings.object;
    try {
      const client = await this.connect();
      try {
        const { idType } = await this.columnTypes(client);
        return [{ object, ok: true, message: `${this.settings.table.schema}.${this.settings.table.table} readable (id ${this.settings.idColumn}: ${idType})` }];
      } finally {
        await client.end().catch(() => undefined);
      }
    } catch (error) {
      return [{ object, ok: false, message: error instanceof UserFacingError ? error.toLine() : (error as Error).message }];
    }
  }
}

export const postgresTableConnectorFactory: ConnectorFactory = {
  type: 'postgres-table',
  create(raw, environment) {
    const entry = new SourceEntry(raw, environment);
    const url = entry.secret('connectionEnv');
    const table = parseTableName(entry.name, entry.string('table'));
    const entity = entry.string('entity');
    if (!isLandingEntity(entity)) {
      throw new UserFacingError(`source "${entry.name}" (postgres-table): entity is not a landing entity (got "${entity}")`, `use one of: ${Object.keys(LANDING_ENTITIES).join(', ')}`);
    }
    const mapping = entry.stringMap('mapping');
    for (const column of Object.keys(mapping)) {
      if (!Object.hasOwn(LANDING_ENTITIES[entity].columns, column)) {
        throw new UserFacingError(`source "${entry.name}" (postgres-table): mapping.${column} is not a column of ${LANDING_ENTITIES[entity].table}`, `map only these columns: ${Object.keys(LANDING_ENTITIES[entity].columns).join(', ')}`);
      }
    }
    const timeZone = entry.optionalString('timezone') ?? 'UTC';
    if (!isKnownTimeZone(timeZone) || !/^[A-Za-z0-9_+\-/]+$/.test(timeZone)) {
      throw new UserFacingError(`source "${entry.name}" (postgres-table): timezone is not an IANA time zone (got "${timeZone}")`, 'use a zone name such as Europe/London');
    }
    return new PostgresTableConnector({
      name: entry.name, url, table, entity, object: entry.optionalString('object') ?? table.table, mapping, idColumn: entry.string('idColumn'),
      modifiedColumn: entry.optionalString('modifiedColumn') ?? null, timeZone, batchSize: entry.number('batchSize', 5000, { min: 1, max: 50_000 }),
    });
  },
};
