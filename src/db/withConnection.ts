import type { Knex } from 'knex';
import type pg from 'pg';

/** Borrows one raw node-postgres connection from the knex pool, for COPY streams. */
export async function withConnection<T>(db: Knex, work: (connection: pg.ClientBase) => Promise<T>): Promise<T> {
  const connection = (await db.client.acquireConnection()) as pg.ClientBase;
  try {
    return await work(connection);
  } finally {
    await db.client.releaseConnection(connection);
  }
}
