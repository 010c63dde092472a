import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateCompany } from '../../src/demo/companyInABox/generateCompany.js';
import { FIRMOGRAPHIC_SEGMENTS } from '../../src/segmentation/firmographicSegmentMap.js';
import { landCompanyInABox } from '../identity/landCompanyInABox.js';
import { smallCsv } from '../support/paths.js';
import { activityRunner } from '../support/runActivities.js';
import { createTestDatabase, type TestDatabase } from '../support/testDatabase.js';

const runId = randomUUID();
let database: TestDatabase;
let companyDir: string;
let runner: ReturnType<typeof activityRunner>;
let result: Awaited<ReturnType<ReturnType<typeof activityRunner>['call']>> & { segments: number; customers: number };

const TIER_NAME = { enterprise: 'Enterprise', 'mid-market': 'Mid-market', smb: 'SMB' } as const;

beforeAll(async () => {
  database = await createTestDatabase();
  companyDir = await mkdtemp(join(tmpdir(), 'segflow-firmographic-'));
  await generateCompany({ customers: 600, seed: 11, outDir: companyDir });
  await landCompanyInABox(database.db, companyDir, runId, true);
  runner = activityRunner(database.db);
  const sources = (await database.db('raw.extract_checkpoints').where({ run_id: runId }).distinct('source').pluck('source')) as string[];
  await runner.call('resolveIdentities', { runId, sources });
  await runner.call('cleanOrders', { runId, sources });
  await runner.call('computeFeatures', { runId, asOf: '2026-09-30' });
  result = await runner.call('scoreFirmographicTiers', { runId });
}, 600_000);

afterAll(async () => {
  await database.drop();
  await rm(companyDir, { recursive: true, force: true });
});

describe('firmographic tiers', () => {
  it('puts every B2B customer of known size in exactly one segment and nobody else', async () => {
    const { db } = database;
    const b2b: Array<{ customer_id: string; firmographic_tier: keyof typeof TIER_NAME; monetary: string }> = await db('segflow.customer_features')
      .where({ run_id: runId })
      .whereNotNull('firmographic_tier')
      .select('customer_id', 'firmographic_tier', 'monetary');
    const assigned: Array<{ customer_id: string; segment_id: number }> = await db('segflow.customer_segments').where({ run_id: runId, scheme: 'firmographic' }).select('customer_id', 'segment_id');
    const customers = await db('segflow.customer_features').where({ run_id: runId }).count<{ count: string }[]>('* as count');
    console.log(JSON.stringify({ customers: Number(customers[0]!.count), b2b: b2b.length, result }));
    expect(b2b.length).toBeGreaterThan(20);
    expect(b2b.length).toBeLessThan(Number(customers[0]!.count));
    expect(assigned.map((a) => a.customer_id).sort()).toEqual(b2b.map((c) => c.customer_id).sort());
    expect(result.customers).toBe(b2b.length);
    expect(result.segments).toBe(9);

    // Independently: tier from the feature row, value band = tie-aware tercile of monetary among B2B customers.
    const values = b2b.map((c) => Number(c.monetary));
    const bandOf = (value: number) => Math.ceil((3 * values.filter((v) => v <= value).length) / values.length);
    const expectedLabel = new Map(b2b.map((c) => [c.customer_id, `${TIER_NAME[c.firmographic_tier]} · ${['low', 'mid', 'high'][bandOf(Number(c.monetary)) - 1]} value`]));
    const labelOf = new Map(FIRMOGRAPHIC_SEGMENTS.map((s) => [s.id, s.label]));
    for (const row of assigned) expect(labelOf.get(row.segment_id), row.customer_id).toBe(expectedLabel.get(row.customer_id));
  });

  it('writes nine labelled segments whose sizes sum to the B2B count, with persona cards and industry mix', async () => {
    const { db } = database;
    const segments: Array<{ segment_id: number; label: string; description: string; customers: number; customer_share: string; monetary_share: string | null; persona: { topIndustries?: Array<{ industry: string; share: number }>; action?: string } | null }> =
      await db('segflow.segments').where({ run_id: runId, scheme: 'firmographic' }).orderBy('segment_id');
    expect(segments.map((s) => s.label)).toEqual([
      'Enterprise · high value', 'Enterprise · mid value', 'Enterprise · low value',
      'Mid-market · high value', 'Mid-market · mid value', 'Mid-market · low value',
      'SMB · high value', 'SMB · mid value', 'SMB · low value',
    ]);
    expect(segments.reduce((sum, s) => sum + s.customers, 0)).toBe(result.customers);
    expect(segments.reduce((sum, s) => sum + Number(s.customer_share), 0)).toBeCloseTo(1, 4);
    expect(segments[0]!.description).toBe('1000+ employees, or annual revenue of at least 100 million USD; net revenue in the top third of B2B customers');
    for (const segment of segments) {
      expect(segment.persona, segment.label).not.toBeNull();
      if (segment.customers > 0) {
        const industries = segment.persona!.topIndustries!;
        expect(industries.length).toBeGreaterThan(0);
        expect(industries.length).toBeLessThanOrEqual(3);
      }
    }
    const model = await db('segflow.segmentation_models').where({ run_id: runId, scheme: 'firmographic' }).first();
    const bands = model.feature_preparation.valueBands as Array<{ band: string; customers: number; minMonetary: number; maxMonetary: number }>;
    expect(bands.map((b) => b.band)).toEqual(['high', 'mid', 'low']);
    expect(bands.reduce((sum, b) => sum + b.customers, 0)).toBe(result.customers);
  });

  it('is idempotent on retry', async () => {
    const again = await runner.call('scoreFirmographicTiers', { runId });
    expect(again.customers).toBe(result.customers);
    const rows = await database.db('segflow.customer_segments').where({ run_id: runId, scheme: 'firmographic' }).count<{ count: string }[]>('* as count');
    expect(Number(rows[0]!.count)).toBe(result.customers);
  });

  it('writes nothing for a run without B2B customers (Online Retail) and reports 0 segments', async () => {
    const retailRun = randomUUID();
    await runner.call('startRun', { runId: retailRun, workflowId: 'test', asOf: '2011-09-30', source: 'online-retail', sourceFile: smallCsv });
    await runner.call('extractSource', { runId: retailRun, source: 'online-retail', sourceFile: smallCsv });
    await runner.call('cleanOrders', { runId: retailRun });
    await runner.call('computeFeatures', { runId: retailRun, asOf: '2011-09-30' });
    const none = await runner.call('scoreFirmographicTiers', { runId: retailRun });
    expect(none).toMatchObject({ scheme: 'firmographic', customers: 0, segments: 0 });
    for (const table of ['segflow.segments', 'segflow.customer_segments', 'segflow.segmentation_models']) {
      expect(await database.db(table).where({ run_id: retailRun, scheme: 'firmographic' }).first(), table).toBeUndefined();
    }
  });
});
