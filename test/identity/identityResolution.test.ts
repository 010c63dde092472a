import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MockActivityEnvironment } from '@temporalio/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createActivities, type ResolveIdentitiesResult } from '../../activities/index.js';
import { generateCompany } from '../../src/demo/companyInABox/generateCompany.js';
import { fixtures } from '../support/paths.js';
import { createTestDatabase, type TestDatabase } from '../support/testDatabase.js';
import { IDENTITY_SOURCES, landCompanyInABox } from './landCompanyInABox.js';
import { loadPeopleTruth, pairwiseScores, type PairwiseScores } from './pairwiseScores.js';

const PII_KEY = 'test-pii-key-0123456789abcdef';
const BAD_SOURCE = 'bad-crm';
const runOne = randomUUID();
const runTwo = randomUUID();
let database: TestDatabase;
let companyDir: string;
let first: ResolveIdentitiesResult;
let firstScores: PairwiseScores;

async function resolve(runId: string, sources: string[], piiKey: string | null = PII_KEY): Promise<ResolveIdentitiesResult> {
  const activities = createActivities({ db: database.db, dataDir: fixtures, kmeansSeed: 42, codeVersion: 'test', sourceEnv: {}, piiKey: piiKey ?? undefined });
  return new MockActivityEnvironment().run(activities.resolveIdentities, { runId, sources });
}

beforeAll(async () => {
  database = await createTestDatabase();
  companyDir = await mkdtemp(join(tmpdir(), 'segflow-identity-'));
  await generateCompany({ customers: 1000, seed: 7, outDir: companyDir });
  await loadPeopleTruth(database.db, join(companyDir, 'ground_truth', 'people.csv'));
}, 300_000);
afterAll(async () => {
  await database.drop();
  await rm(companyDir, { recursive: true, force: true });
});

describe('identity resolution over the company in a box', () => {
  it('lands people and accounts through the real connectors, every record accounted for', async () => {
    const summaries = await landCompanyInABox(database.db, companyDir, runOne);
    expect(new Set(summaries.map((s) => s.source))).toEqual(new Set(IDENTITY_SOURCES));
    for (const s of summaries) expect({ object: `${s.source}/${s.object}`, read: s.recordsRead }).toEqual({ object: `${s.source}/${s.object}`, read: s.rowsLanded + s.rowsRejected });
    // Bad identifying values in an otherwise valid record: they must be counted and dropped, never crash the stage.
    await database.db('raw.contacts').insert([
      { run_id: runOne, source: BAD_SOURCE, source_object: 'Contact', source_id: 'B1', email: 'not an email', phone: '12', country: 'Atlantis' },
      { run_id: runOne, source: BAD_SOURCE, source_object: 'Contact', source_id: 'B2', email: 'x@@y', phone: 'call me', country: 'Philipines' },
      { run_id: runOne, source: BAD_SOURCE, source_object: 'Contact', source_id: 'B3', email: null, phone: '(415) 555-0100', country: null },
    ]);
  }, 600_000);

  it('resolves people with pairwise precision ≥ 0.99 and recall ≥ 0.97 against the ground truth', async () => {
    const started = performance.now();
    first = await resolve(runOne, [...IDENTITY_SOURCES, BAD_SOURCE]);
    const elapsed = Math.round(performance.now() - started);
    firstScores = await pairwiseScores(database.db, runOne);
    const customerScores = await pairwiseScores(database.db, runOne, 'customer');
    console.log(JSON.stringify({ elapsedMs: elapsed, summary: first, scores: firstScores, customerScores }));
    // B2B people roll up to their company's account.
    expect(customerScores.precision).toBeGreaterThanOrEqual(0.99);
    expect(customerScores.recall).toBeGreaterThanOrEqual(0.97);
    expect(firstScores.truthMembers).toBeGreaterThan(2_000);
    expect(firstScores.precision).toBeGreaterThanOrEqual(0.99);
    expect(firstScores.recall).toBeGreaterThanOrEqual(0.97);
    expect(first.customers.b2b).toBeGreaterThan(0);
    expect(first.customers.b2c).toBeGreaterThan(0);
    expect(first.ids.inherited).toBe(0);
  }, 300_000);

  it('counts bad emails, phones and countries instead of crashing', async () => {
    const counts = await database.db('core.cleaning_counts').where({ run_id: runOne, stage: 'identity' }).select('rule', 'field', 'count');
    const count = (rule: string, field: string) => Number(counts.find((c) => c.rule === rule && c.field === field)?.count ?? 0);
    expect(count('malformed_dropped', 'email')).toBe(2);
    expect(count('impossible_dropped', 'phone')).toBeGreaterThanOrEqual(1);
    expect(count('no_country_dropped', 'phone')).toBeGreaterThanOrEqual(1);
    expect(count('unknown_dropped', 'country')).toBe(1);
    expect(count('misspelling_mapped', 'country')).toBeGreaterThanOrEqual(1);
    expect(count('lowercased', 'email')).toBeGreaterThan(0);
    expect(count('e164_formatted', 'phone')).toBeGreaterThan(0);
    const bad = await database.db('core.identity_members').where({ run_id: runOne, source: BAD_SOURCE }).select('customer_key');
    expect(bad).toHaveLength(3);
    for (const member of bad) expect(member.customer_key).toMatch(/^per_[0-9a-f]{16}$/);
  });

  it('keeps emails and phones out of core: only keyed hashes', async () => {
    const leaks = await database.db.raw<{ rows: Array<{ n: number }> }>(`
      select count(*) as n from core.identity_records
      where run_id = :run_id and (email_hash like '%@%' or phone_hash like '+%' or length(email_hash) <> 64)`, { run_id: runOne });
    expect(Number(leaks.rows[0]!.n)).toBe(0);
    const withAt = await database.db('core.identity_members').where({ run_id: runOne }).andWhere('source_id', 'like', '%@%').count({ n: '*' });
    expect(Number(withAt[0]!.n)).toBe(0);
  });

  it('a second run with 5% new and 1% changed records keeps ≥ 99% of customer ids', async () => {
    const { db } = database;
    // 1% changed: a new version of the record in run two (phone reformatted, email case changed, some a new address).
    await db.raw(`
      insert into raw.contacts (run_id, source, source_object, source_id, source_modified_at, extracted_at, position, record,
        account_source_id, email, phone, first_name, last_name, job_title, country, lifecycle_stage, created_at_source)
      select :run_two, source, source_object, source_id, source_modified_at, now() + interval '1 hour', position, record,
        account_source_id,
        case when row_number() over (order by source_id) % 3 = 0 then 'moved.' || email else upper(email) end,
        regexp_replace(phone, '[^0-9+]', '', 'g'), first_name, last_name, job_title, country, lifecycle_stage, created_at_source
      from raw.contacts
      where run_id = :run_one and source in ('crm', 'hubspot', 'marketo', 'pardot') and abs(hashtext(source_id)) % 100 = 0`,
    { run_one: runOne, run_two: runTwo });
    // 5% new: people never seen before, as new HubSpot and Marketo contacts.
    await db.raw(`
      insert into raw.contacts (run_id, source, source_object, source_id, extracted_at, email, phone, first_name, last_name, country)
      select :run_two, source, source_object, 'new-' || source_id, now() + interval '1 hour', 'new.' || email, null, first_name, last_name, country
      from raw.contacts
      where run_id = :run_one and source in ('hubspot', 'marketo') and abs(hashtext(source_id || 'new')) % 100 < 9`,
    { run_one: runOne, run_two: runTwo });
    const counts = await db.raw<{ rows: Array<{ changed: number; added: number; before: number }> }>(`
      select
        (select count(*) from raw.contacts where run_id = :run_two and source_id not like 'new-%') as changed,
        (select count(*) from raw.contacts where run_id = :run_two and source_id like 'new-%') as added,
        (select count(*) from core.identity_members where run_id = :run_one) as before`, { run_one: runOne, run_two: runTwo });
    const { changed, added, before } = counts.rows[0]!;
    const second = await resolve(runTwo, [...IDENTITY_SOURCES, BAD_SOURCE]);
    const kept = await db.raw<{ rows: Array<{ shared: number; same_customer: number; same_cluster: number }> }>(`
      select count(*) as shared,
        count(*) filter (where one.customer_key = two.customer_key) as same_customer,
        count(*) filter (where one.cluster_key = two.cluster_key) as same_cluster
      from core.identity_members as one
      inner join core.identity_members as two using (level, source, source_object, source_id)
      where one.run_id = :run_one and two.run_id = :run_two`, { run_one: runOne, run_two: runTwo });
    const { shared, same_customer: sameCustomer, same_cluster: sameCluster } = kept.rows[0]!;
    const secondScores = await pairwiseScores(db, runTwo);
    console.log(JSON.stringify({ changed, added, before, second: second.ids, shared, sameCustomer, sameCluster, secondScores }));
    expect(Number(changed) / Number(before)).toBeGreaterThan(0.005);
    expect(Number(added) / Number(before)).toBeGreaterThan(0.03);
    expect(Number(shared)).toBe(Number(before));
    expect(Number(sameCustomer) / Number(shared)).toBeGreaterThanOrEqual(0.99);
    expect(Number(sameCluster) / Number(shared)).toBeGreaterThanOrEqual(0.99);
    expect(second.ids.inherited).toBeGreaterThan(first.people * 0.98);
    expect(secondScores.precision).toBeGreaterThanOrEqual(0.99);
  }, 300_000);

  it('a rerun of the same run gives the same ids (retry-safe, order-independent)', async () => {
    const before = await database.db('core.identity_members').where({ run_id: runTwo }).orderBy('member_no').select('member_no', 'cluster_key', 'customer_key');
    await resolve(runTwo, [...IDENTITY_SOURCES, BAD_SOURCE].reverse());
    const after = await database.db('core.identity_members').where({ run_id: runTwo }).orderBy('member_no').select('member_no', 'cluster_key', 'customer_key');
    expect(after).toEqual(before);
  }, 300_000);

  it('without SEGFLOW_PII_KEY the stage fails with a fix, before anything is written', async () => {
    const run = randomUUID();
    await expect(resolve(run, IDENTITY_SOURCES, null)).rejects.toThrow(/SEGFLOW_PII_KEY is not set/);
    const rows = await database.db('core.identity_members').where({ run_id: run }).count({ n: '*' });
    expect(Number(rows[0]!.n)).toBe(0);
  });
});
