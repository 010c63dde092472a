import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeSegmentSuggestions } from '../../src/kpi/writeSegmentSuggestions.js';
import { plantedBlobs } from '../support/plantedBlobs.js';
import { createTestDatabase, type TestDatabase } from '../support/testDatabase.js';

// 1,000 customers planted around three centres in (log1p monetary, log1p frequency, log1p recency):
// A big spenders, B one-off buyers, C in between. Segments: 1 = A, 2 = B, 3 and 4 = C dealt
// alternately (two copies of one group), 5 = ten A customers (1 %), 6 = every fifth A and B customer
// (two groups in one segment).
const CENTRES = [[8, 3, 1.5], [4, 0.7, 5], [6, 1.8, 3]];
const runId = randomUUID();
let database: TestDatabase;
let customers: Array<{ id: string; segment: number; monetary: number; frequency: number; recency: number }>;

function plantCustomers() {
  const { matrix, truth } = plantedBlobs({ n: 1000, centres: CENTRES, shares: [0.4, 0.4, 0.2], spread: 0.3, seed: 11 });
  let smallLeft = 10;
  let cDealt = 0;
  return Array.from({ length: matrix.n }, (_, i) => {
    const [logMonetary, logFrequency, logRecency] = Array.from(matrix.values.subarray(3 * i, 3 * i + 3));
    let segment: number;
    if (truth[i] === 2) segment = cDealt++ % 2 === 0 ? 3 : 4;
    else if (truth[i] === 0 && smallLeft > 0 && smallLeft--) segment = 5;
    else if (i % 5 === 0) segment = 6;
    else segment = truth[i] === 0 ? 1 : 2;
    return {
      id: `c${String(i).padStart(4, '0')}`,
      segment,
      monetary: Math.round(Math.expm1(logMonetary!) * 100) / 100,
      frequency: Math.max(0, Math.round(Math.expm1(logFrequency!))),
      recency: Math.max(0, Math.round(Math.expm1(logRecency!))),
    };
  });
}

/** Independent of the SQL: segment means and spreads in the z-scored log space. */
function geometry() {
  const points = customers.map((c) => [Math.log1p(Math.max(c.monetary, 0)), Math.log1p(c.frequency), Math.log1p(c.recency)]);
  const n = points.length;
  const means = [0, 1, 2].map((j) => points.reduce((sum, p) => sum + p[j]!, 0) / n);
  const sds = [0, 1, 2].map((j) => Math.sqrt(points.reduce((sum, p) => sum + (p[j]! - means[j]!) ** 2, 0) / (n - 1)));
  const z = points.map((p) => p.map((v, j) => (v - means[j]!) / sds[j]!));
  const rms = (rows: number[][], centre: number[]) => Math.sqrt(rows.reduce((sum, r) => sum + r.reduce((s, v, j) => s + (v - centre[j]!) ** 2, 0), 0) / rows.length);
  const members = (segment: number) => z.filter((_, i) => customers[i]!.segment === segment);
  const centre = (segment: number) => [0, 1, 2].map((j) => members(segment).reduce((sum, r) => sum + r[j]!, 0) / members(segment).length);
  const distance = (a: number, b: number) => Math.hypot(...centre(a).map((v, j) => v - centre(b)[j]!));
  return { distance, spreadRatio: (segment: number) => rms(members(segment), centre(segment)) / rms(z, [0, 0, 0]) };
}

beforeAll(async () => {
  database = await createTestDatabase();
  const { db } = database;
  customers = plantCustomers();
  await db('segflow.runs').insert({ run_id: runId, workflow_id: 'planted', as_of: '2026-06-30', source: 'test', status: 'running', code_version: 'test' });
  await db.batchInsert('segflow.customer_features', customers.map((c) => ({
    run_id: runId, customer_id: c.id, as_of: '2026-06-30', recency_days: c.recency, frequency: c.frequency, monetary: c.monetary, gross_revenue: c.monetary, returned_revenue: 0,
  })), 500);
  await db.batchInsert('segflow.customer_segments', customers.map((c) => ({ run_id: runId, scheme: 'kmeans', customer_id: c.id, segment_id: c.segment })), 500);
  await db('segflow.segments').insert([1, 2, 3, 4, 5, 6].map((segment) => {
    const size = customers.filter((c) => c.segment === segment).length;
    return { run_id: runId, scheme: 'kmeans', segment_id: segment, label: `Planted ${segment}`, description: 'planted', customers: size, customer_share: size / customers.length, monetary: 0 };
  }));
}, 180_000);

afterAll(async () => database?.drop());

const suggestions = () => database.db('segflow.segment_suggestions').where({ run_id: runId }).orderBy(['rule', 'segment_id']);

describe('segment suggestions', () => {
  it('plants segments of the intended sizes', () => {
    const sizes = [1, 2, 3, 4, 5, 6].map((s) => customers.filter((c) => c.segment === s).length);
    expect(sizes).toEqual([289, 329, 106, 105, 10, 161]);
  });

  it('suggests exactly one merge of the small segment, one of the twin segments and one split of the mixed segment', async () => {
    await database.db.transaction((trx) => writeSegmentSuggestions(trx, runId));
    const rows = await suggestions().select('rule', 'segment_id', 'suggestion', 'with_segment_id');
    expect(rows).toEqual([
      { rule: 'heterogeneous_segment', segment_id: 6, suggestion: 'split', with_segment_id: null },
      { rule: 'similar_segments', segment_id: 4, suggestion: 'merge', with_segment_id: 3 },
      { rule: 'small_segment', segment_id: 5, suggestion: 'merge', with_segment_id: 1 },
    ]);
  });

  it('measures what the rules compare, with the thresholds in the reason', async () => {
    const { distance, spreadRatio } = geometry();
    const [split, similar, small] = await suggestions().select('measure', 'threshold', 'reason');
    expect(Number(small.measure)).toBe(0.01);
    expect(small.reason).toBe(
      `Planted 5 holds 1.0% of the scheme's customers (10 of 1000), under the 2.0% minimum; merge it into Planted 1, the nearest segment by mean standardised log recency, frequency and monetary value (distance ${distance(5, 1).toFixed(2)}).`,
    );
    expect(Number(similar.measure)).toBeCloseTo(distance(3, 4), 9);
    expect(similar.reason).toContain(`closer than the 0.25 similarity distance; merge Planted 4 into Planted 3.`);
    expect(Number(split.measure)).toBeCloseTo(spreadRatio(6), 9);
    expect(Number(split.threshold)).toBe(0.8);
    expect(split.reason).toContain(`${spreadRatio(6).toFixed(2)} of the`);
    expect(split.reason).toContain('above the 0.80 split ratio');
  });

  it('replaces the run\'s suggestions when run again', async () => {
    await database.db.transaction((trx) => writeSegmentSuggestions(trx, runId));
    await database.db.transaction((trx) => writeSegmentSuggestions(trx, runId));
    expect(await suggestions().select('segment_id')).toHaveLength(3);
  });

  it('applies the rules given to it: below a 0.5 % minimum the small segment is still caught as a twin of its neighbour', async () => {
    await database.db.transaction((trx) => writeSegmentSuggestions(trx, runId, { minCustomerShare: 0.005, similarDistance: 0.25, splitSpreadRatio: 5 }));
    expect(await suggestions().select('rule', 'segment_id', 'with_segment_id')).toEqual([
      { rule: 'similar_segments', segment_id: 4, with_segment_id: 3 },
      { rule: 'similar_segments', segment_id: 5, with_segment_id: 1 },
    ]);
  });
});
