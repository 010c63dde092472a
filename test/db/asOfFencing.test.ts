import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { activityRunner } from '../support/runActivities.js';
import { createTestDatabase, type TestDatabase } from '../support/testDatabase.js';

let database: TestDatabase;
let runner: ReturnType<typeof activityRunner>;
const SOURCE = 'online-retail';

beforeAll(async () => {
  database = await createTestDatabase();
  runner = activityRunner(database.db);
});
afterAll(async () => { await database.drop(); });

async function start(asOf: string, source = SOURCE): Promise<string> {
  const runId = randomUUID();
  await runner.call('startRun', { runId, workflowId: `fence-${runId}`, asOf, source });
  return runId;
}

const publish = (runId: string) => runner.call('publishRun', { runId, rowCounts: {}, stageTimingsMs: {} });
const claimOf = (asOf: string) => database.db('segflow.as_of_claims').where({ source: SOURCE, as_of: asOf }).first('run_id', 'fence', 'released_at');
const runOf = (runId: string) => database.db('segflow.runs').where({ run_id: runId }).first('status', 'fence', 'failure');
/** What a workflow that died long ago leaves behind: a claim older than the timeout. */
const ageClaim = (asOf: string) =>
  database.db('segflow.as_of_claims').where({ source: SOURCE, as_of: asOf }).update({ claimed_at: database.db.raw("now() - interval '7 hours'") });

describe('one run per source and as-of date', () => {
  it('refuses a second run of a date while the first is running, naming the running run, and records it failed', async () => {
    const first = await start('2011-01-31');
    const second = randomUUID();
    const error = await runner.call('startRun', { runId: second, workflowId: 'fence-second', asOf: '2011-01-31', source: SOURCE }).catch((e: Error) => e);
    expect(String(error)).toContain(`as-of 2011-01-31 of online-retail is being computed by run ${first} (workflow fence-${first}`);
    expect(await runOf(second)).toMatchObject({ status: 'failed', fence: null });
    expect((await runOf(second)).failure).toContain(`being computed by run ${first}`);
    expect(await claimOf('2011-01-31')).toEqual({ run_id: first, fence: 1, released_at: null });
  });

  it('releases the claim when the run publishes, and the next run of the date gets the next fence', async () => {
    const first = await start('2011-02-28');
    await publish(first);
    expect((await claimOf('2011-02-28')).released_at).not.toBeNull();
    const next = await start('2011-02-28');
    expect(await claimOf('2011-02-28')).toEqual({ run_id: next, fence: 2, released_at: null });
    expect(await runOf(next)).toMatchObject({ status: 'running', fence: 2 });
  });

  it('lets a new run take over at once from a failed run', async () => {
    const failed = await start('2011-03-31');
    await runner.call('failRun', { runId: failed, failure: 'boom' });
    const next = await start('2011-03-31');
    expect(await claimOf('2011-03-31')).toMatchObject({ run_id: next, fence: 2 });
  });

  it('lets runs of other dates and other sources run side by side', async () => {
    await start('2011-04-30');
    await start('2011-05-31');
    await start('2011-04-30', 'cdnow');
    expect(await database.db('segflow.as_of_claims').whereIn('as_of', ['2011-04-30', '2011-05-31']).count<{ count: string }[]>('* as count')).toEqual([{ count: 3 }]);
  });

  it('treats a repeated start of the same run as a no-op', async () => {
    const runId = await start('2011-06-30');
    await runner.call('startRun', { runId, workflowId: `fence-${runId}`, asOf: '2011-06-30', source: SOURCE });
    expect(await claimOf('2011-06-30')).toEqual({ run_id: runId, fence: 1, released_at: null });
  });
});

describe('fencing a run whose claim was taken over', () => {
  it('refuses the publish of a run holding a stale fence and keeps the newer run published', async () => {
    const zombie = await start('2011-07-31');
    await ageClaim('2011-07-31');
    const newer = await start('2011-07-31');
    expect(await claimOf('2011-07-31')).toMatchObject({ run_id: newer, fence: 2 });
    await publish(newer);
    const error = await publish(zombie).catch((e: Error) => e);
    expect(String(error)).toContain(
      `run ${zombie} no longer holds as-of 2011-07-31 of online-retail (its fence 1, latest 2 held by run ${newer}); its outputs were not published`,
    );
    expect(await runOf(zombie)).toMatchObject({ status: 'running', fence: 1 });
    expect(await database.db('segflow.published_runs').where({ as_of: '2011-07-31' }).pluck('run_id')).toEqual([newer]);
  });

  it('leaves the newer claim alone when the fenced-out run fails', async () => {
    const zombie = await start('2011-08-31');
    await ageClaim('2011-08-31');
    const newer = await start('2011-08-31');
    await runner.call('failRun', { runId: zombie, failure: 'lost its claim' });
    expect(await claimOf('2011-08-31')).toEqual({ run_id: newer, fence: 2, released_at: null });
  });

  it('still treats a repeated publish of a published run as a no-op after a newer run claimed the date', async () => {
    const first = await start('2011-09-30');
    await publish(first);
    await start('2011-09-30');
    await expect(publish(first)).resolves.toMatchObject({});
  });
});
