import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMMON_LANDING_COLUMNS, LANDING_ENTITIES } from '../../src/sources/landing/landingEntities.js';
import { createTestDatabase, type TestDatabase } from '../support/testDatabase.js';

const PG_TYPES: Record<string, string> = {
  text: 'text', integer: 'integer', numeric: 'numeric', boolean: 'boolean', timestamptz: 'timestamp with time zone', date: 'date',
};

let database: TestDatabase;
beforeAll(async () => { database = await createTestDatabase(); });
afterAll(async () => { await database.drop(); });

describe('the landing contract', () => {
  it.each(Object.entries(LANDING_ENTITIES))('%s: the migration and landingEntities.ts list the same columns, types and key', async (_, spec) => {
    const [schema, table] = spec.table.split('.') as [string, string];
    const columns = await database.db('information_schema.columns')
      .where({ table_schema: schema, table_name: table })
      .orderBy('ordinal_position')
      .select('column_name', 'data_type');
    expect(columns.map((c) => c.column_name)).toEqual([...COMMON_LANDING_COLUMNS, ...Object.keys(spec.columns)]);
    const mapped = columns.slice(COMMON_LANDING_COLUMNS.length).map((c) => c.data_type);
    expect(mapped).toEqual(Object.values(spec.columns).map((type) => PG_TYPES[type]));
    const key = await database.db.raw<{ rows: Array<{ column: string }> }>(
      `select a.attname as column from pg_index i join pg_attribute a on a.attrelid = i.indrelid and a.attnum = any(i.indkey)
       where i.indrelid = cast(? as regclass) and i.indisprimary order by array_position(i.indkey, a.attnum)`,
      [spec.table],
    );
    expect(key.rows.map((r) => r.column)).toEqual(spec.keyed ? ['run_id', 'source', 'source_object', 'source_id'] : []);
    const comment = await database.db.raw<{ rows: Array<{ comment: string | null }> }>('select obj_description(cast(? as regclass)) as comment', [spec.table]);
    expect(comment.rows[0]?.comment).toBeTruthy();
  });
});
