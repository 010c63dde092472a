import { quoteIdentifier } from './tableColumns.js';

/** Where the next page starts: after this (modification key, id), both as PostgreSQL text. */
export interface KeysetCursor {
  modified: string | null;
  id: string;
}

export interface KeysetTable {
  quotedTable: string;
  idColumn: string;
  idType: string;
  /** Null: pages by id only and reads the whole table every run. */
  modifiedColumn: string | null;
}

const NEGATIVE_INFINITY = "cast('-infinity' as timestamptz)";

/**
 * One page of a keyset scan: ordered by (modification time, id), or by id alone, continuing
 * strictly after the cursor, so pages never skip or repeat a row even when many rows share a
 * modification time (an ELT sync stamps a whole batch with one _airbyte_extracted_at). Never OFFSET.
 * Rows without a modification time sort first and are read only on full loads.
 */
export function keysetPageQuery(table: KeysetTable, cursor: KeysetCursor | null, watermark: string | null, limit: number): { sql: string; params: unknown[] } {
  const id = `t.${quoteIdentifier(table.idColumn)}`;
  const modified = table.modifiedColumn === null ? null : `coalesce(cast(t.${quoteIdentifier(table.modifiedColumn)} as timestamptz), ${NEGATIVE_INFINITY})`;
  const select = [
    'to_jsonb(t) as record',
    `cast(${id} as text) as cursor_id`,
    modified === null ? 'null as cursor_modified' : `cast(${modified} as text) as cursor_modified`,
    modified === null ? 'null as modified_iso' : `case when isfinite(${modified}) then to_char(${modified} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') end as modified_iso`,
  ].join(', ');
  const params: unknown[] = [];
  const where: string[] = [`${id} is not null`];
  if (modified === null) {
    if (cursor !== null) {
      params.push(cursor.id);
      where.push(`${id} > cast($${params.length} as ${table.idType})`);
    }
  } else {
    if (watermark !== null) {
      params.push(watermark);
      where.push(`${modified} >= cast($${params.length} as timestamptz)`);
    }
    if (cursor !== null) {
      params.push(cursor.modified, cursor.id);
      where.push(`(${modified}, ${id}) > (cast($${params.length - 1} as timestamptz), cast($${params.length} as ${table.idType}))`);
    }
  }
  const order = modified === null ? id : `${modified}, ${id}`;
  params.push(limit);
  return { sql: `select ${select} from ${table.quotedTable} t where ${where.join(' and ')} order by ${order} limit $${params.length}`, params };
}
