import { MockActivityEnvironment } from '@temporalio/testing';
import type { Knex } from 'knex';
import { createActivities, type SegflowActivities } from '../../activities/index.js';
import type { ActivityDeps } from '../../activities/types.js';
import { fixtures } from './paths.js';
import { TEST_PII_KEY } from './testPiiKey.js';

type ActivityName = keyof SegflowActivities;

/** Calls activities the way a worker would (inside an activity context), recording heartbeats. */
export function activityRunner(db: Knex, deps: Partial<ActivityDeps> = {}) {
  const activities = createActivities({ db, dataDir: fixtures, kmeansSeed: 42, codeVersion: 'test', sourceEnv: process.env, piiKey: TEST_PII_KEY, ...deps });
  const heartbeats: unknown[] = [];
  return {
    heartbeats,
    async call<N extends ActivityName>(name: N, ...args: Parameters<SegflowActivities[N]>): Promise<Awaited<ReturnType<SegflowActivities[N]>>> {
      const env = new MockActivityEnvironment();
      env.on('heartbeat', (details: unknown) => heartbeats.push(details));
      const fn = activities[name] as unknown as (...a: unknown[]) => Promise<unknown>;
      const result: unknown = await env.run<unknown[], unknown, typeof fn>(fn, ...(args as unknown[]));
      return result as Awaited<ReturnType<SegflowActivities[N]>>;
    },
  };
}
