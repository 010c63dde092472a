import pg from 'pg';
import { UserFacingError } from '../userFacingError.js';

function redact(url: URL): string {
  const copy = new URL(url);
  if (copy.password) copy.password = '***';
  return copy.toString();
}

/** Creates the database named in databaseUrl when it is missing; a clear error when the server cannot be reached. */
export async function ensureDatabase(databaseUrl: string): Promise<void> {
  const url = new URL(databaseUrl);
  const database = decodeURIComponent(url.pathname.slice(1));
  const maintenance = new URL(url);
  maintenance.pathname = '/postgres';
  const client = new pg.Client({ connectionString: maintenance.toString(), connectionTimeoutMillis: 5_000 });
  try {
    await client.connect();
  } catch (error) {
    throw new UserFacingError(
      `cannot reach PostgreSQL at ${redact(url)} (${(error as Error).message || (error as NodeJS.ErrnoException).code})`,
      'start PostgreSQL or fix DATABASE_URL; unset DATABASE_URL to use an embedded PostgreSQL',
    );
  }
  try {
    const found = await client.query('select 1 from pg_database where datname = $1', [database]);
    if (found.rowCount === 0) {
      await client.query(`create database ${client.escapeIdentifier(database)}`).catch((error: { code?: string; message?: string }) => {
        if (error.code === '42P04') return; // created concurrently by another process
        throw new UserFacingError(
          `database "${database}" does not exist and cannot be created (${error.message})`,
          `create it (createdb ${database}) or grant CREATEDB to the user in DATABASE_URL`,
        );
      });
    }
  } finally {
    await client.end();
  }
}

export function withDatabase(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}
