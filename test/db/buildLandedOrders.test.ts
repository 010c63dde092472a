import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { activityRunner } from '../support/runActivities.js';
import { createTestDatabase, type TestDatabase } from '../support/testDatabase.js';

// One shop's landed headers and lines, cleaned without identities: headers with and without lines, a cancelled
// header whose line goes with it, orders only lines name, and a line landed twice.
let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database?.drop();
});

const firstLanding = randomUUID();
const secondLanding = randomUUID();
const header = (sourceId: string, customer: string, total: number, status = 'paid') => ({
  run_id: firstLanding, source: 'shop', source_object: 'orders', source_id: sourceId, extracted_at: '2024-04-01T00:00:00Z',
  customer_source_id: customer, ordered_at: '2024-03-01T09:00:00Z', total, status, country: 'GB',
});
const line = (sourceId: string, order: string, customer: string, quantity: number, unitPrice: number, landing = firstLanding, extractedAt = '2024-04-01T00:00:00Z') => ({
  run_id: landing, source: 'shop', source_object: 'order_lines', source_id: sourceId, extracted_at: extractedAt, order_source_id: order,
  customer_source_id: customer, ordered_at: '2024-03-05T12:00:00Z', sku: 'SKU-1', quantity, unit_price: unitPrice, country: 'FR',
});

describe('cleaning landed orders', () => {
  it('builds headers with their lines and orders only lines name, and numbers lines in source key order', async () => {
    const { db } = database;
    await db('raw.orders').insert([header('H1', 'c1', 30), header('H2', 'c2', -10), header('H3', 'c4', 12, 'cancelled')]);
    await db('raw.order_lines').insert([
      line('a-1', 'H1', 'other', 5, 4),
      // The newer version of a-1 is the one cleaned.
      line('a-1', 'H1', 'other', 1, 6, secondLanding, '2024-04-02T00:00:00Z'),
      line('a-2', 'H1', 'other', 2, 12),
      line('c-1', 'H3', 'c4', 1, 12),
      line('l8-1', 'L8', 'c1', 2, 4),
      line('l9-1', 'L9', 'c9', 1, 5),
      line('l9-2', 'L9', 'c3', 3, 2),
    ]);
    const runId = randomUUID();
    const activities = activityRunner(db);

    const first = await activities.call('cleanOrders', { runId, sources: ['shop'] });
    const again = await activities.call('cleanOrders', { runId, sources: ['shop'] });

    expect(first).toMatchObject({ accepted: 7, rejected: 2, rejectedByReason: { cancelled_order: 1, order_cancelled_order: 1 }, orders: 4 });
    expect(again).toMatchObject({ accepted: 7, rejected: 2, orders: 4 });
    const orders = await db('core.orders')
      .where({ run_id: runId })
      .orderBy('order_id')
      .select('order_id', 'customer_id', db.raw('cast(ordered_at as text) as ordered_at'), 'country', 'is_return', 'line_count', 'units', db.raw('cast(revenue as float) as revenue'));
    expect(orders).toEqual([
      // A header's own customer, time, country and total; its lines' count and units.
      { order_id: 'shop:H1', customer_id: 'c1', ordered_at: '2024-03-01 09:00:00', country: 'GB', is_return: false, line_count: 2, units: 3, revenue: 30 },
      { order_id: 'shop:H2', customer_id: 'c2', ordered_at: '2024-03-01 09:00:00', country: 'GB', is_return: true, line_count: 0, units: 0, revenue: -10 },
      // Without a header, the lines': the smallest customer, the sum of their values.
      { order_id: 'shop:L8', customer_id: 'c1', ordered_at: '2024-03-05 12:00:00', country: 'FR', is_return: false, line_count: 1, units: 2, revenue: 8 },
      { order_id: 'shop:L9', customer_id: 'c3', ordered_at: '2024-03-05 12:00:00', country: 'FR', is_return: false, line_count: 2, units: 4, revenue: 11 },
    ]);
    const lines = await db('core.order_lines').where({ run_id: runId }).orderBy('line_no').select('line_no', 'order_id', 'customer_id', 'quantity');
    // Numbered over every newest line in source key order; the rejected c-1 keeps number 3.
    expect(lines).toEqual([
      { line_no: 1, order_id: 'shop:H1', customer_id: 'c1', quantity: 1 },
      { line_no: 2, order_id: 'shop:H1', customer_id: 'c1', quantity: 2 },
      { line_no: 4, order_id: 'shop:L8', customer_id: 'c1', quantity: 2 },
      { line_no: 5, order_id: 'shop:L9', customer_id: 'c9', quantity: 1 },
      { line_no: 6, order_id: 'shop:L9', customer_id: 'c3', quantity: 3 },
    ]);
  });
});
