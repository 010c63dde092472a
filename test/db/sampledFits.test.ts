import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { activityRunner } from '../support/runActivities.js';
import { smallCsvFeatures } from '../support/smallCsvRun.js';
import { createTestDatabase, type TestDatabase } from '../support/testDatabase.js';

const AS_OF = '2011-09-30';
let database: TestDatabase;
let runId: string;
let population: number;

interface StoredModel {
  k: number;
  fittedOn: { customers: number; of: number; sample: string | null };
  scaling: { means: number[]; stdDevs: number[] };
  centroidsStandardised: number[][];
  segmentIds: number[];
}

const assignments = async () =>
  new Map(
    (await database.db('segflow.customer_segments').where({ run_id: runId, scheme: 'kmeans' }).select('customer_id', 'segment_id'))
      .map((row: { customer_id: string; segment_id: number }) => [row.customer_id, row.segment_id]),
  );
const storedModel = async () => (await database.db('segflow.segmentation_models').where({ run_id: runId, scheme: 'kmeans' }).first('model')).model as StoredModel;

beforeAll(async () => {
  database = await createTestDatabase();
  runId = await smallCsvFeatures(database.db, AS_OF);
  population = Number((await database.db('segflow.customer_features').where({ run_id: runId }).count({ n: '*' }))[0]!.n);
});
afterAll(async () => { await database.drop(); });

describe('k-means on a run larger than the fit sample', () => {
  it('fits on a hash sample of one partition and puts every customer in the segment of its nearest centroid', async () => {
    const limit = Math.floor(population / 2);
    const result = await activityRunner(database.db, { fitSampleCustomers: limit }).call('fitKmeans', { runId });
    expect(result).toMatchObject({ scheme: 'kmeans', customers: population });
    const model = await storedModel();
    expect(model.fittedOn).toEqual({ customers: limit, of: population, sample: `the first ${limit} by md5(customer_id), customer_id (SEGFLOW_FIT_SAMPLE_CUSTOMERS)` });

    const features = await database.db('segflow.customer_features').where({ run_id: runId }).select('customer_id', 'recency_days', 'frequency', 'monetary');
    const maxRecency = Math.max(...features.map((f: { recency_days: number | null }) => f.recency_days ?? 0));
    const assigned = await assignments();
    expect(assigned.size).toBe(population);
    for (const f of features as Array<{ customer_id: string; recency_days: number | null; frequency: number; monetary: string }>) {
      const x = [Math.log1p(Math.max(Number(f.monetary), 0)), Math.log1p(f.frequency), Math.log1p(f.recency_days ?? maxRecency)];
      const z = x.map((v, j) => (v - model.scaling.means[j]!) / model.scaling.stdDevs[j]!);
      const distances = model.centroidsStandardised.map((c) => c.reduce((sum, cj, j) => sum + (z[j]! - cj) ** 2, 0));
      const nearest = distances.indexOf(Math.min(...distances));
      expect(assigned.get(f.customer_id), f.customer_id).toBe(model.segmentIds[nearest]);
    }

    // Segment sizes and readable centroids cover every customer, not only the sample.
    const segments = await database.db('segflow.segments').where({ run_id: runId, scheme: 'kmeans' }).select('segment_id', 'customers', 'centroid');
    expect(segments.reduce((sum: number, s: { customers: number }) => sum + Number(s.customers), 0)).toBe(population);
    const means = await database.db.raw<{ rows: Array<{ segment_id: number; monetary: string }> }>(
      `select s.segment_id, round(avg(f.monetary), 2) as monetary from segflow.customer_segments s
       join segflow.customer_features f using (run_id, customer_id) where s.run_id = ? and s.scheme = 'kmeans' group by s.segment_id`,
      [runId],
    );
    for (const row of means.rows) {
      expect(segments.find((s: { segment_id: number }) => s.segment_id === row.segment_id)!.centroid.monetary).toBeCloseTo(Number(row.monetary), 2);
    }
  });

  it('gives the same segments on a rerun; a run within one partition is fitted on everyone', async () => {
    const sampledRunner = activityRunner(database.db, { fitSampleCustomers: Math.floor(population / 2) });
    await sampledRunner.call('fitKmeans', { runId });
    const first = await assignments();
    await sampledRunner.call('fitKmeans', { runId });
    expect(await assignments()).toEqual(first);

    await activityRunner(database.db).call('fitKmeans', { runId });
    expect((await assignments()).size).toBe(population);
    expect((await storedModel()).fittedOn).toEqual({ customers: population, of: population, sample: null });
  });
});

describe('CLV models on a run larger than the fit sample', () => {
  it('are fitted on the first hash partition that holds at most the sample size, and value every customer', async () => {
    const purchasing = Number((await database.db('segflow.customer_features').where({ run_id: runId }).andWhere('frequency', '>', 0).count({ n: '*' }))[0]!.n);
    const limit = Math.ceil(purchasing / 2);
    const result = await activityRunner(database.db, { fitSampleCustomers: limit }).call('fitClvModel', { runId, asOf: AS_OF });
    expect(result).toMatchObject({ fitted: true, customers: purchasing, partitions: 1 });
    const { model } = await database.db('segflow.clv_models').where({ run_id: runId }).first('model');
    expect(model.fittedOn.of).toBe(purchasing);
    expect(model.fittedOn.sample).toBe('hash partition 0 of 2 (SEGFLOW_FIT_SAMPLE_CUSTOMERS)');
    expect(model.fittedOn.customers).toBeGreaterThan(0);
    expect(model.fittedOn.customers).toBeLessThan(purchasing);

    expect(model.summaryPartitions).toBe(1);
    expect(Number((await database.db('core.clv_summaries').where({ run_id: runId }).count({ n: '*' }))[0]!.n)).toBe(purchasing);
    await activityRunner(database.db).call('valueCustomers', { runId, asOf: AS_OF, partition: 0, partitions: 1 });
    const valued = await database.db('segflow.customer_features').where({ run_id: runId }).whereNotNull('clv_predicted_365d').count({ n: '*' });
    expect(Number(valued[0]!.n)).toBe(purchasing);
  });

  it('value customers from the stored summaries or, when they are gone, from the orders, alike; publishing removes them', async () => {
    const values = () => database.db('segflow.customer_features').where({ run_id: runId }).orderBy('customer_id').select('customer_id', 'p_alive', 'clv_predicted_365d');
    await activityRunner(database.db).call('fitClvModel', { runId, asOf: AS_OF });
    await activityRunner(database.db).call('valueCustomers', { runId, asOf: AS_OF, partition: 0, partitions: 1 });
    const fromStored = await values();
    // An unlogged table is empty after a crash.
    await database.db('core.clv_summaries').where({ run_id: runId }).delete();
    await activityRunner(database.db).call('valueCustomers', { runId, asOf: AS_OF, partition: 0, partitions: 1 });
    expect(await values()).toEqual(fromStored);

    await activityRunner(database.db).call('fitClvModel', { runId, asOf: AS_OF });
    await activityRunner(database.db).call('publishRun', { runId, rowCounts: {}, stageTimingsMs: {} });
    expect(await database.db('core.clv_summaries').where({ run_id: runId })).toEqual([]);
  });

  it('staged per partition, are written by one update that a retry leaves alone, as the partitions would write them', async () => {
    const values = () => database.db('segflow.customer_features').where({ run_id: runId }).orderBy('customer_id')
      .select('customer_id', 'p_alive', 'expected_purchases_365d', 'expected_aov', 'clv_predicted_365d');
    const staged = async () => Number((await database.db('core.clv_values').where({ run_id: runId }).count({ n: '*' }))[0]!.n);
    const runner = activityRunner(database.db, { partitionCustomers: 3 });
    const model = await runner.call('fitClvModel', { runId, asOf: AS_OF });
    expect(model.partitions).toBeGreaterThan(1);
    const partitions = Array.from({ length: model.partitions }, (_, partition) => partition);
    for (const partition of partitions) await runner.call('valueCustomers', { runId, asOf: AS_OF, partition, partitions: model.partitions });
    const direct = await values();

    await runner.call('fitClvModel', { runId, asOf: AS_OF });
    for (const partition of partitions) {
      await runner.call('valueCustomers', { runId, asOf: AS_OF, partition, partitions: model.partitions, staged: true });
    }
    // A retried partition replaces what it staged.
    await runner.call('valueCustomers', { runId, asOf: AS_OF, partition: 0, partitions: model.partitions, staged: true });
    expect(await staged()).toBe(model.customers);
    expect((await values()).filter((row) => row.clv_predicted_365d !== null)).toEqual([]);

    expect(await runner.call('applyCustomerValues', { runId })).toMatchObject({ customersValued: model.customers });
    expect(await values()).toEqual(direct);
    expect(await staged()).toBe(0);
    expect(await runner.call('applyCustomerValues', { runId })).toMatchObject({ customersValued: 0 });
    expect(await values()).toEqual(direct);
  });

  it('are fitted on everyone when the run is within the sample size', async () => {
    await activityRunner(database.db).call('fitClvModel', { runId, asOf: AS_OF });
    const { model } = await database.db('segflow.clv_models').where({ run_id: runId }).first('model');
    expect(model.fittedOn).toMatchObject({ customers: model.fittedOn.of, sample: null });
  });
});

