import { describe, expect, it } from 'vitest';
import { runCli } from '../support/cliProcess.js';
import { createTestDatabase } from '../support/testDatabase.js';

/** Exactly one line on stderr, naming the problem and (after the dash) the fix. */
function expectOneLine(stderr: string, problem: RegExp, fix: RegExp) {
  const lines = stderr.trim().split('\n');
  expect(lines).toHaveLength(1);
  const [what, how] = lines[0]!.split(' — ');
  expect(what).toMatch(problem);
  expect(how).toMatch(fix);
}

describe('segflow --help', () => {
  it.each([[], ['demo'], ['worker'], ['run'], ['migrate'], ['runs'], ['clv']])('documents %j', async (...command) => {
    const result = await runCli([...command.flat(), '--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Usage: segflow/);
  });
});

describe('bad input gives one clear line on stderr and a non-zero exit', () => {
  it('an invalid as-of date', async () => {
    const result = await runCli(['run', '--as-of', '2011-02-30']);
    expect(result.code).toBe(1);
    expectOneLine(result.stderr, /^segflow: invalid as-of date "2011-02-30"$/, /YYYY-MM-DD/);
  });

  it('a missing data file', async () => {
    const result = await runCli(['run', '--as-of', '2011-09-30', '--file', '/nonexistent/retail.csv']);
    expect(result.code).toBe(1);
    expectOneLine(result.stderr, /source file not found: \/nonexistent\/retail\.csv/, /SEGFLOW_DATA_DIR/);
  });

  it('an unreachable PostgreSQL', async () => {
    const result = await runCli(['migrate'], { DATABASE_URL: 'postgres://postgres@127.0.0.1:1/segflow' });
    expect(result.code).toBe(1);
    expectOneLine(result.stderr, /cannot reach PostgreSQL at postgres:\/\/postgres@127\.0\.0\.1:1\/segflow/, /DATABASE_URL/);
  });

  it('an unreachable Temporal', async () => {
    const database = await createTestDatabase();
    try {
      const result = await runCli(['run', '--as-of', '2011-09-30'], { DATABASE_URL: database.url, TEMPORAL_ADDRESS: '127.0.0.1:1' });
      expect(result.code).toBe(1);
      expectOneLine(result.stderr, /cannot reach Temporal at 127\.0\.0\.1:1/, /TEMPORAL_ADDRESS/);
      expect(await database.db('segflow.runs')).toHaveLength(0);
    } finally {
      await database.drop();
    }
  });

  it('a malformed DATABASE_URL', async () => {
    const result = await runCli(['runs'], { DATABASE_URL: 'mysql://root@localhost/x' });
    expect(result.code).toBe(1);
    expectOneLine(result.stderr, /DATABASE_URL has scheme "mysql:"/, /postgres:\/\//);
  });

  it('an unknown command', async () => {
    const result = await runCli(['segment-everything']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/unknown command 'segment-everything'/);
  });
});
