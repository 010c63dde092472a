import { setTimeout as sleep } from 'node:timers/promises';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readerSession } from '../support/readerSession.js';
import { computeSmallCsvRun, publishSmallCsvRun } from '../support/smallCsvRun.js';
import { createTestDatabase, type TestDatabase } from '../support/testDatabase.js';

// Customers with an order on or before each as-of date in the small fixture.
const CUSTOMERS = { '2011-09-30': 9, '2011-10-31': 9, '2011-11-30': 10, '2011-12-09': 10 } as const;
type AsOf = keyof typeof CUSTOMERS;

let database: TestDatabase;
const runs = {} as Record<AsOf, string>;

// Every run-scoped view in one statement: the run ids it shows and the customers per view.
const DASHBOARD = `
  select
    (select array_agg(distinct run_id order by run_id) from (
      select run_id from segflow.current_run
      union all select run_id from segflow.current_segments
      union all select run_id from segflow.current_features
      union all select run_id from segflow.current_segment_personas
      union all select run_id from segflow.activation_audiences
      union all select run_id from segflow.activation_people
      union all select run_id from segflow.activation_memberships
    ) as shown) as run_ids,
    (select count(distinct customer_id) from segflow.current_segments) as segment_customers,
    (select count(*) from segflow.current_features) as feature_customers,
    (select count(*) from segflow.activation_people) as people,
    (select max(quarter) from segflow.published_kpi_snapshots) as latest_quarter`;

interface Dashboard { run_ids: string[]; segment_customers: number; feature_customers: number; people: number; latest_quarter: string }

const readDashboard = async (client: pg.Client) => (await client.query<Dashboard>(DASHBOARD)).rows[0]!;
const expected = (asOf: AsOf, quarter: string) => ({
  run_ids: [runs[asOf]],
  segment_customers: CUSTOMERS[asOf],
  feature_customers: CUSTOMERS[asOf],
  people: CUSTOMERS[asOf],
  latest_quarter: quarter,
});

beforeAll(async () => {
  database = await createTestDatabase();
  for (const asOf of Object.keys(CUSTOMERS) as AsOf[]) runs[asOf] = await computeSmallCsvRun(database.db, asOf);
  await publishSmallCsvRun(database.db, runs['2011-09-30']);
});
afterAll(async () => { await database.drop(); });

describe('one run per dashboard', () => {
  it('keeps a repeatable read transaction on the run it started with while another run is published', async () => {
    const dashboard = await readerSession(database.url);
    try {
      await dashboard.query('begin isolation level repeatable read read only');
      const before = await readDashboard(dashboard);
      expect(before).toEqual(expected('2011-09-30', '2011-Q3'));

      await publishSmallCsvRun(database.db, runs['2011-10-31']);
      const outside = await database.db('segflow.current_run').first('run_id');
      expect(outside.run_id).toBe(runs['2011-10-31']);

      expect(await readDashboard(dashboard)).toEqual(before);
      const segmentsByRun = await dashboard.query('select run_id, count(*) as n from segflow.current_segments group by run_id');
      expect(segmentsByRun.rows).toEqual([{ run_id: runs['2011-09-30'], n: 18 }]);
      await dashboard.query('commit');

      expect(await readDashboard(dashboard)).toEqual(expected('2011-10-31', '2011-Q4'));
    } finally {
      await dashboard.end();
    }
  });

  it('shows a statement the old run while a publish is uncommitted, and the new one after it commits', async () => {
    const reader = await readerSession(database.url);
    const publisher = await database.db.transaction();
    try {
      await publisher('segflow.runs').where({ run_id: runs['2011-11-30'] }).update({ status: 'published', published_at: publisher.fn.now() });
      expect(await readDashboard(reader)).toEqual(expected('2011-10-31', '2011-Q4'));
      await publisher.commit();
      expect(await readDashboard(reader)).toEqual(expected('2011-11-30', '2011-Q4'));
    } finally {
      if (!publisher.isCompleted()) await publisher.rollback();
      await reader.end();
    }
  });

  it('shows each read committed statement one run, old or new, never a mix, while a run is published', async () => {
    const reader = await readerSession(database.url);
    const seen: Dashboard[] = [];
    const readUntilNew = async () => {
      for (let i = 0; i < 5000; i += 1) {
        seen.push(await readDashboard(reader));
        if (seen.filter((d) => d.run_ids[0] === runs['2011-12-09']).length >= 3) return;
      }
    };
    const publishWhileReading = async () => {
      while (seen.length < 5) await sleep(1);
      await publishSmallCsvRun(database.db, runs['2011-12-09']);
    };
    try {
      await Promise.all([readUntilNew(), publishWhileReading()]);
    } finally {
      await reader.end();
    }
    const old = expected('2011-11-30', '2011-Q4');
    const fresh = expected('2011-12-09', '2011-Q4');
    const firstNew = seen.findIndex((d) => d.run_ids[0] === fresh.run_ids[0]);
    expect(firstNew).toBeGreaterThanOrEqual(5);
    expect(seen.slice(0, firstNew).filter((d) => JSON.stringify(d) !== JSON.stringify(old))).toEqual([]);
    expect(seen.slice(firstNew).filter((d) => JSON.stringify(d) !== JSON.stringify(fresh))).toEqual([]);
  });
});
