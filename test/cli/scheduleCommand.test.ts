import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { runCli } from '../support/cliProcess.js';
import { smallCsv } from '../support/paths.js';
import { createTestDatabase, type TestDatabase } from '../support/testDatabase.js';

let database: TestDatabase;
let env: Record<string, string>;
const name = `nightly-${randomBytes(3).toString('hex')}`;

beforeAll(async () => {
  database = await createTestDatabase();
  // No worker polls this queue: triggered runs wait, which is all these tests need.
  env = { DATABASE_URL: database.url, TEMPORAL_ADDRESS: inject('temporalAddress'), SEGFLOW_TASK_QUEUE: `segflow-nobody-${randomBytes(4).toString('hex')}` };
});

afterAll(async () => {
  await runCli(['schedule', 'delete', name], env);
  await database.drop();
});

describe('segflow schedule', () => {
  it('create prints the spec and the next run', async () => {
    const result = await runCli(['schedule', 'create', name, '--cron', '0 2 * * *', '--timezone', 'Europe/London', '--overlap', 'buffer_one', '--file', smallCsv], env);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(new RegExp(`^created schedule ${name}: cron "0 2 \\* \\* \\*" in Europe/London, next run \\d{4}-\\d\\d-\\d\\dT0[12]:00:00Z$`, 'm'));
  });

  it('describe shows the spec, the as-of rule, the policies and the state', async () => {
    const result = await runCli(['schedule', 'describe', name], env);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`schedule ${name}`);
    expect(result.stdout).toMatch(/^ {2}spec {12}cron "0 2 \* \* \*" in Europe\/London$/m);
    expect(result.stdout).toMatch(/^ {2}as of {11}the scheduled day in Europe\/London minus 1 day$/m);
    expect(result.stdout).toContain(`source          online-retail (${smallCsv})`);
    expect(result.stdout).toMatch(/^ {2}overlap {9}buffer_one$/m);
    expect(result.stdout).toMatch(/^ {2}catch-up window 1d$/m);
    expect(result.stdout).toMatch(/^ {2}state {11}active$/m);
  });

  it('list shows the schedule', async () => {
    let result = await runCli(['schedule', 'list'], env);
    // Schedule listing reads Temporal's visibility store, which may lag a create by a moment.
    for (let i = 0; i < 10 && !result.stdout.includes(name); i++) result = await runCli(['schedule', 'list'], env);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(new RegExp(`^${name} +cron "0 2 \\* \\* \\*" +Europe/London +active +\\d{4}-`, 'm'));
  }, 120_000);

  it('pause records the note', async () => {
    expect((await runCli(['schedule', 'pause', name, '--note', 'data late'], env)).stdout).toBe(`paused schedule ${name}\n`);
    expect((await runCli(['schedule', 'describe', name], env)).stdout).toMatch(/^ {2}state {11}paused \(data late\)$/m);
  });

  it('unpause, then trigger starts a run now', async () => {
    expect((await runCli(['schedule', 'unpause', name], env)).stdout).toBe(`unpaused schedule ${name}\n`);
    expect((await runCli(['schedule', 'trigger', name], env)).code).toBe(0);
    let described = '';
    for (let i = 0; i < 10 && !described.includes('recent runs'); i++) described = (await runCli(['schedule', 'describe', name], env)).stdout;
    expect(described).toMatch(/^ {2}state {11}active/m);
    expect(described).toMatch(new RegExp(`^ {4}\\d{4}-\\d\\d-\\d\\dT[\\d:]+Z  segflow-schedule-${name}-\\d{4}-`, 'm'));
  }, 120_000);

  it('delete removes it, and then describe says there is no such schedule (exit 2)', async () => {
    expect((await runCli(['schedule', 'delete', name], env)).stdout).toBe(`deleted schedule ${name}\n`);
    const result = await runCli(['schedule', 'describe', name], env);
    expect(result.code).toBe(2);
    expect(result.stderr.trim()).toBe(`segflow: there is no schedule "${name}" — list the schedules with \`segflow schedule list\``);
  });

  // The other refusals are unit-tested (test/unit/scheduleDefinition.test.ts); this checks how the CLI reports one.
  it('create refuses an unknown time zone with one line and exit 2', async () => {
    const result = await runCli(['schedule', 'create', 'bad', '--cron', '0 2 * * *', '--timezone', 'Mars/Olympus'], env);
    expect(result.code).toBe(2);
    expect(result.stderr.trim()).toBe('segflow: --timezone "Mars/Olympus" is not a time zone — give an IANA zone name such as UTC, Europe/London or America/New_York');
  });

  it('create refuses a cron field Temporal cannot read (exit 2)', async () => {
    const result = await runCli(['schedule', 'create', `bad-${randomBytes(3).toString('hex')}`, '--cron', '0 25 * * *', '--file', smallCsv], env);
    expect(result.code).toBe(2);
    expect(result.stderr.trim()).toMatch(/^segflow: Temporal refused the schedule: .+ — fix --cron or --interval$/);
  });
});
