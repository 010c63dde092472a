import type pg from 'pg';
import { UserFacingError } from '../../userFacingError.js';

/** A schema-qualified table or view name, quoted for SQL. */
export interface TableName {
  schema: string;
  table: string;
  quoted: string;
}

const NAME = /^[A-Za-z_][A-Za-z0-9_$]*$/;

export function quoteIdentifier(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** Parses `schema.table` (or `table`, in public); names are used exactly as written (case-sensitive). */
export function parseTableName(sourceName: string, text: string): TableName {
  const parts = text.split('.');
  const [schema, table] = parts.length === 1 ? ['public', parts[0]!] : [parts[0]!, parts[1] ?? ''];
  if (parts.length > 2 || !NAME.test(schema) || !NAME.test(table)) {
    throw new UserFacingError(`source "${sourceName}" (postgres-table): table must be schema.table (got "${text}")`, 'write table: schema.table, e.g. airbyte.hubspot_contacts');
  }
  return { schema, table, quoted: `${quoteIdentifier(schema)}.${quoteIdentifier(table)}` };
}

/** Column name → SQL type (format_type) of a table or view; a UserFacingError when it does not exist. */
export async function readTableColumns(client: pg.ClientBase, sourceName: string, name: TableName): Promise<Map<string, string>> {
  const result = await client.query<{ name: string; type: string }>(
    `select a.attname as name, format_type(a.atttypid, a.atttypmod) as type
     from pg_attribute a where a.attrelid = to_regclass($1) and a.attnum > 0 and not a.attisdropped order by a.attnum`,
    [name.quoted],
  );
  if (result.rows.length === 0) {
    throw new UserFacingError(`source "${sourceName}" (postgres-table): table or view ${name.schema}.${name.table} does not exist (or has no columns)`, 'check table: (schema.table, case-sensitive) and that the connection user can see it');
  }
  return new Map(result.rows.map((r) => [r.name, r.type]));
}
