import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stageSql } from '../../src/db/stageSql.js';
import { createTestDatabase, type TestDatabase } from '../support/testDatabase.js';

// Two shops both number an order 1001: each line must meet its own shop's header only.
let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database?.drop();
});

describe('classify_landed_order_lines', () => {
  it('joins a line to the header of its own source when two sources share an order number', async () => {
    const { db } = database;
    const runId = randomUUID();
    const line = (source: string, sourceId: string, customer: string) => ({
      run_id: runId, source, source_object: 'order_lines', source_id: sourceId, order_source_id: '1001',
      customer_source_id: customer, ordered_at: '2024-03-01T10:00:00Z', sku: 'SKU-1', quantity: 2, unit_price: 5,
    });
    await db('raw.order_lines').insert([line('shop-a', 'a-1', 'line-a'), line('shop-a', 'a-2', 'line-a'), line('shop-b', 'b-1', 'line-b')]);

    const rows = await db.transaction(async (trx) => {
      // The header classification the clean stage builds first, reduced to the columns the lines read.
      await trx.raw(`
        create temporary table classified_orders on commit drop as
        select * from (values
          ('shop-a', '1001', 'customer-a', timestamp '2024-03-01 09:00', null::text),
          ('shop-b', '1001', 'customer-b', timestamp '2024-03-02 09:00', null::text)
        ) as headers (source, source_id, customer_id, ordered_at, reason_code)
      `);
      await trx.raw(stageSql('classify_landed_order_lines'), { sources: JSON.stringify(['shop-a', 'shop-b']) });
      return trx('classified_landed_lines').select('source_id', 'order_id', 'customer_id', 'has_header', 'reason_code').orderBy('source_id');
    });

    expect(rows).toEqual([
      { source_id: 'a-1', order_id: 'shop-a:1001', customer_id: 'customer-a', has_header: true, reason_code: null },
      { source_id: 'a-2', order_id: 'shop-a:1001', customer_id: 'customer-a', has_header: true, reason_code: null },
      { source_id: 'b-1', order_id: 'shop-b:1001', customer_id: 'customer-b', has_header: true, reason_code: null },
    ]);
  });
});
