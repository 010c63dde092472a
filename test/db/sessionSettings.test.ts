import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKnex } from '../../src/db/createKnex.js';
import { createTestDatabase, type TestDatabase } from '../support/testDatabase.js';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database?.drop();
});

describe("segflow's database sessions", () => {
  it('run without JIT compilation, as the stage SQL is tuned for', async () => {
    const { rows } = await database.db.raw("select current_setting('jit') as jit, current_setting('application_name') as app");
    expect(rows[0]).toEqual({ jit: 'off', app: 'segflow' });
  });

  it('take options given in DATABASE_URL instead', async () => {
    const url = new URL(database.url);
    url.searchParams.set('options', '-c jit=on');
    const db = createKnex(url.toString(), 1);
    try {
      const { rows } = await db.raw("select current_setting('jit') as jit");
      expect(rows[0].jit).toBe('on');
    } finally {
      await db.destroy();
    }
  });
});
