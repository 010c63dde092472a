import pg from 'pg';

/** A connection to the test database acting as segflow_reader, the role BI logins are granted. */
export async function readerSession(url: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query('set role segflow_reader');
  return client;
}

/** The SQLSTATE a statement fails with, or 'ok' when it succeeds. */
export async function sqlState(client: pg.Client, sql: string): Promise<string> {
  try {
    await client.query(sql);
    return 'ok';
  } catch (error) {
    return (error as { code?: string }).code ?? String(error);
  }
}
