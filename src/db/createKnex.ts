import knex, { type Knex } from 'knex';
import pg from 'pg';

// numeric and bigint come back as strings by default; counts and sums fit in a double here.
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number(value));
// Dates stay YYYY-MM-DD text: no time-zone shift between PostgreSQL and JavaScript.
pg.types.setTypeParser(pg.types.builtins.DATE, (value) => value);

export function createKnex(databaseUrl: string, poolMax = 4): Knex {
  return knex({
    client: 'pg',
    connection: { connectionString: databaseUrl, application_name: 'segflow' },
    pool: { min: 0, max: poolMax },
    acquireConnectionTimeout: 15_000,
  });
}
