import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { activityRunner } from '../support/runActivities.js';
import { computeSmallCsvRun, publishSmallCsvRun } from '../support/smallCsvRun.js';
import { createTestDatabase, type TestDatabase } from '../support/testDatabase.js';

let database: TestDatabase;
let published: string;

beforeAll(async () => {
  database = await createTestDatabase();
  published = await computeSmallCsvRun(database.db, '2011-09-30');
  await publishSmallCsvRun(database.db, published);
  await computeSmallCsvRun(database.db, '2011-12-09'); // complete but still running
  const failed = await computeSmallCsvRun(database.db, '2011-06-30');
  await activityRunner(database.db).call('failRun', { runId: failed, failure: 'failed after writing its rows' });
});
afterAll(async () => { await database.drop(); });

describe('documentation in the database', () => {
  it('comments every table, view and column of schema segflow', async () => {
    const missing = await database.db.raw<{ rows: Array<{ object: string }> }>(`
      select c.relname || '.' || a.attname as object
      from pg_class as c
      join pg_namespace as n on n.oid = c.relnamespace
      join pg_attribute as a on a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped
      where n.nspname = 'segflow' and c.relkind in ('r', 'v', 'm')
        and not exists (select from pg_description as d where d.objoid = c.oid and d.classoid = cast('pg_class' as regclass) and d.objsubid = a.attnum)
      union
      select c.relname
      from pg_class as c
      join pg_namespace as n on n.oid = c.relnamespace
      where n.nspname = 'segflow' and c.relkind in ('r', 'v', 'm')
        and not exists (select from pg_description as d where d.objoid = c.oid and d.classoid = cast('pg_class' as regclass) and d.objsubid = 0)
      order by 1`);
    expect(missing.rows.map((r) => r.object)).toEqual([]);
  });

  it('gives a select-star view column the comment of the table column it shows', async () => {
    const comments = await database.db.raw<{ rows: Array<{ view: string; table: string }> }>(`
      select col_description(cast('segflow.current_features' as regclass), 1) as view,
             col_description(cast('segflow.customer_features' as regclass), 1) as table`);
    expect(comments.rows[0]).toEqual({ view: 'Run that computed the row.', table: 'Run that computed the row.' });
  });
});

describe('views show published runs only', () => {
  it('shows no row of a running or failed run in any view, through any run id column', async () => {
    const columns = await database.db.raw<{ rows: Array<{ view: string; column: string }> }>(`
      select c.relname as view, a.attname as column
      from pg_class as c
      join pg_namespace as n on n.oid = c.relnamespace
      join pg_attribute as a on a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped
      where n.nspname = 'segflow' and c.relkind in ('v', 'm') and a.atttypid = cast('uuid' as regtype) and a.attname like '%run_id'
      order by 1, 2`);
    expect(columns.rows.length).toBeGreaterThanOrEqual(10);
    const unpublished: Record<string, number> = {};
    for (const { view, column } of columns.rows) {
      const result = await database.db.raw<{ rows: Array<{ n: number }> }>(
        `select count(*) as n from segflow.${view} as v
         where v.${column} is not null and v.${column} not in (select run_id from segflow.runs where status = 'published')`,
      );
      unpublished[`${view}.${column}`] = result.rows[0]!.n;
    }
    expect(Object.entries(unpublished).filter(([, n]) => n > 0)).toEqual([]);
  });

  it('shows the published run in every current view', async () => {
    const views = ['current_run', 'current_segments', 'current_features', 'current_segment_personas', 'published_kpi_snapshots', 'published_runs', 'activation_audiences', 'activation_people', 'activation_memberships'];
    const visible: Record<string, string[]> = {};
    for (const view of views) {
      const rows = await database.db(`segflow.${view}`).distinct('run_id').orderBy('run_id');
      visible[view] = rows.map((r: { run_id: string }) => r.run_id);
    }
    expect(visible).toEqual(Object.fromEntries(views.map((view) => [view, [published]])));
  });
});

describe('the current run', () => {
  it('is the published run with the latest as-of date, even when an earlier date is published after it', async () => {
    const backfilled = await computeSmallCsvRun(database.db, '2011-03-31');
    await publishSmallCsvRun(database.db, backfilled);
    const current = await database.db('segflow.current_run').select('run_id', 'as_of');
    expect(current).toEqual([{ run_id: published, as_of: '2011-09-30' }]);
  });
});
