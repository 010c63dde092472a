import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { withDatabase } from '../../src/infra/ensureDatabase.js';
import { runScript } from '../support/cliProcess.js';

const server = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

async function databaseExists(name: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: withDatabase(server, 'postgres') });
  await client.connect();
  try {
    return ((await client.query('select 1 from pg_database where datname = $1', [name])).rowCount ?? 0) > 0;
  } finally {
    await client.end();
  }
}

// The pipeline bench drops and recreates its database: it must refuse one that is not its own before touching it.
describe('npm run bench refuses bad input in one line, before it drops anything', () => {
  it('a DATABASE_URL naming a database that is not a bench one', async () => {
    const result = await runScript('bench/pipeline.ts', ['--customers', '1000'], { DATABASE_URL: withDatabase(server, 'postgres') });
    expect(result.code).toBe(2);
    const lines = result.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^segflow: the bench drops and recreates its database, and DATABASE_URL names "postgres" — .*contains "bench"/);
    expect(await databaseExists('postgres')).toBe(true);
  });

  it('a size that is not a number, and an unknown option', async () => {
    const size = await runScript('bench/pipeline.ts', ['--sizes', '100000,lots']);
    expect(size.code).toBe(2);
    expect(size.stderr.trim()).toBe('segflow: --sizes must be a positive number (got "lots") — e.g. --sizes 100000,300000');
    const option = await runScript('bench/pipeline.ts', ['--customer', '10']);
    expect(option.code).toBe(2);
    expect(option.stderr.trim()).toMatch(/^bench: Unknown option '--customer'/);
  });
});
