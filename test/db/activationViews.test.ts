import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { computeSmallCsvRun, publishSmallCsvRun } from '../support/smallCsvRun.js';
import { createTestDatabase, type TestDatabase } from '../support/testDatabase.js';

let database: TestDatabase;
let runId: string;

const byAudience = (a: { audience_id: string }, b: { audience_id: string }) => (a.audience_id < b.audience_id ? -1 : a.audience_id > b.audience_id ? 1 : 0);
const columnsOf = async (view: string) =>
  (await database.db('information_schema.columns').where({ table_schema: 'segflow', table_name: view }).orderBy('ordinal_position').select('column_name'))
    .map((c: { column_name: string }) => c.column_name);

beforeAll(async () => {
  database = await createTestDatabase();
  runId = await computeSmallCsvRun(database.db, '2011-09-30');
  await publishSmallCsvRun(database.db, runId);
  await computeSmallCsvRun(database.db, '2011-12-09'); // unpublished: must not reach a destination
});
afterAll(async () => { await database.drop(); });

describe('activation_audiences', () => {
  it('has the warehouse-audience shape', async () => {
    expect(await columnsOf('activation_audiences')).toEqual(['audience_id', 'scheme', 'segment_id', 'name', 'description', 'size', 'run_id', 'as_of', 'updated_at']);
  });

  it('is one audience per segment of the current run, sized by its members, empty segments included', async () => {
    const audiences = (await database.db('segflow.activation_audiences').select('audience_id', 'name', 'size', 'run_id', 'as_of')).sort(byAudience);
    const members = await database.db('segflow.current_segments')
      .groupBy('scheme', 'segment_id')
      .select(database.db.raw("scheme || ':' || segment_id as audience_id"))
      .count<Array<{ audience_id: string; n: number }>>({ n: '*' });
    const segments = await database.db('segflow.segments').where({ run_id: runId }).orderBy(['scheme', 'segment_id']).select('scheme', 'segment_id', 'label');
    expect(audiences.map(({ audience_id, name, size }) => ({ audience_id, name, size }))).toEqual(segments
      .map((s) => ({ audience_id: `${s.scheme}:${s.segment_id}`, name: s.label, size: members.find((m) => m.audience_id === `${s.scheme}:${s.segment_id}`)?.n ?? 0 }))
      .sort(byAudience));
    expect(audiences.filter((a) => a.run_id !== runId || a.as_of !== '2011-09-30')).toEqual([]);
    expect(audiences.find((a) => a.audience_id === 'rfm:1')).toMatchObject({ name: 'Champions', size: 3 });
  });
});

describe('activation_memberships', () => {
  it('has the warehouse-audience shape', async () => {
    expect(await columnsOf('activation_memberships')).toEqual(['audience_id', 'person_id', 'as_of', 'run_id']);
  });

  it('holds every customer once per scheme, in the audience of their segment', async () => {
    const key = (m: { audience_id: string; person_id: string }) => `${m.audience_id} ${m.person_id}`;
    const memberships = (await database.db('segflow.activation_memberships').select('audience_id', 'person_id')).map(key).sort();
    const segments = (await database.db('segflow.current_segments')
      .select(database.db.raw("scheme || ':' || segment_id as audience_id"), 'customer_id as person_id')).map(key).sort();
    expect(memberships).toHaveLength(18);
    expect(memberships).toEqual(segments);
  });
});

describe('activation_people', () => {
  it('has the traits a reverse-ETL tool syncs and no clear personal data', async () => {
    expect(await columnsOf('activation_people')).toEqual([
      'person_id', 'rfm_segment', 'kmeans_segment', 'firmographic_segment', 'clv_predicted_365d', 'monetary', 'recency_days', 'frequency',
      'country', 'email_hash', 'run_id', 'as_of', 'updated_at',
    ]);
  });

  it('is one row per customer with their segment labels and value', async () => {
    const people = await database.db('segflow.activation_people').orderBy('person_id').select('person_id', 'rfm_segment', 'kmeans_segment', 'firmographic_segment', 'monetary', 'frequency', 'recency_days');
    const labels = await database.db('segflow.current_segments').select('customer_id', 'scheme', 'segment_label');
    const label = (customer: string, scheme: string) => labels.find((l) => l.customer_id === customer && l.scheme === scheme)?.segment_label;
    const features = await database.db('segflow.current_features').orderBy('customer_id').select('customer_id', 'monetary', 'frequency', 'recency_days');
    expect(people).toEqual(features.map((f) => ({
      person_id: f.customer_id,
      rfm_segment: label(f.customer_id, 'rfm'),
      kmeans_segment: label(f.customer_id, 'kmeans'),
      firmographic_segment: null,
      monetary: f.monetary,
      frequency: f.frequency,
      recency_days: f.recency_days,
    })));
    expect(people).toHaveLength(9);
    expect(people.find((p) => p.person_id === '12352')).toMatchObject({ rfm_segment: 'Champions', monetary: '1233.68', frequency: 7, recency_days: 2 });
  });

  it('carries the pseudonymised email of a customer who is one person, the one seen most, and none for an account', async () => {
    const member = (member_no: number, customer_key: string, account_key: string | null) => ({
      run_id: runId, member_no, level: 'person', source: 'crm', source_object: 'contacts', source_id: `c${member_no}`, member_kind: 'contact',
      cluster_key: customer_key, account_key, customer_key,
    });
    await database.db('core.identity_members').insert([member(1, '12347', null), member(2, '12347', null), member(3, '12348', '12348'), member(4, '12350', null)]);
    await database.db('core.identity_records').insert([
      { run_id: runId, member_no: 1, email_hash: 'hash-seen-twice' },
      { run_id: runId, member_no: 2, email_hash: 'hash-seen-twice' },
      { run_id: runId, member_no: 2, email_hash: 'hash-seen-once' },
      { run_id: runId, member_no: 3, email_hash: 'hash-of-account-staff' },
      { run_id: runId, member_no: 4, email_hash: null },
    ]);
    const hashes = await database.db('segflow.activation_people').whereNotNull('email_hash').select('person_id', 'email_hash');
    expect(hashes).toEqual([{ person_id: '12347', email_hash: 'hash-seen-twice' }]);
  });
});
