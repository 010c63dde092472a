import knex, { type Knex } from 'knex';
import pg from 'pg';

// numeric and bigint come back as strings by default; counts and sums fit in a double here.
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number(value));
// Dates stay YYYY-MM-DD text: no time-zone shift between PostgreSQL and JavaScript.
pg.types.setTypeParser(pg.types.builtins.DATE, (value) => value);

/**
 * segflow's pool. JIT is off for its sessions: its statements are scans, joins and aggregates over
 * temporary tables without statistics, whose inflated estimates made PostgreSQL JIT-compile nearly
 * every one; compiling cost more than it saved (100k-customer pipeline bench: 85.4 s with JIT, 76.1 s
 * without). `options` in DATABASE_URL (e.g. ?options=-c%20jit%3Don) replaces this.
 */
export function createKnex(databaseUrl: string, poolMax = 4): Knex {
  return knex({
    client: 'pg',
    connection: { connectionString: databaseUrl, application_name: 'segflow', options: '-c jit=off' },
    pool: { min: 0, max: poolMax },
    acquireConnectionTimeout: 15_000,
  });
}
