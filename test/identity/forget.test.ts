import { randomUUID } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MockActivityEnvironment } from '@temporalio/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createActivities } from '../../activities/index.js';
import type { ExtractObjectResult } from '../../activities/types.js';
import { startVendorReplays } from '../../src/demo/b2bSuite/startVendorReplays.js';
import { generateCompany } from '../../src/demo/companyInABox/generateCompany.js';
import { cleanEmail } from '../../src/identity/cleanEmail.js';
import { CleaningCounts } from '../../src/identity/cleaningCounts.js';
import { cleanPhone } from '../../src/identity/cleanPhone.js';
import { createPseudonymiser } from '../../src/identity/pseudonymise.js';
import { resolveIdentities } from '../../src/identity/resolveIdentities.js';
import { runCli } from '../support/cliProcess.js';
import { fixtures } from '../support/paths.js';
import { createTestDatabase, type TestDatabase } from '../support/testDatabase.js';
import { IDENTITY_SOURCES, landCompanyInABox } from './landCompanyInABox.js';

const PII_KEY = 'forget-test-pii-key-0123456789abcdef';
const runOne = randomUUID();
const runTwo = randomUUID();
const pseudonym = createPseudonymiser(PII_KEY);
let database: TestDatabase;
let companyDir: string;

interface Person {
  customerId: string;
  /** Every spelling of the person's emails and phones in raw, their E.164 phones and identity pseudonyms. */
  needles: string[];
  email: string;
}

/** Every text-like column of every table in every schema that holds one of the needles (case-insensitive). */
async function hits(needles: string[]): Promise<string[]> {
  const { db } = database;
  const columns = await db.raw<{ rows: Array<{ table_schema: string; table_name: string; column_name: string }> }>(`
    select columns.table_schema, columns.table_name, columns.column_name
    from information_schema.columns as columns
    inner join information_schema.tables as tables using (table_schema, table_name)
    where tables.table_type = 'BASE TABLE' and columns.table_schema not in ('pg_catalog', 'information_schema')
      and (columns.data_type in ('text', 'character varying', 'character', 'json', 'jsonb') or columns.data_type = 'ARRAY')`);
  const found: string[] = [];
  for (const { table_schema: schema, table_name: table, column_name: column } of columns.rows) {
    const result = await db.raw<{ rows: Array<{ n: string }> }>(
      `select count(*) as n from "${schema}"."${table}"
       where exists (select 1 from jsonb_array_elements_text(cast(:needles as jsonb)) as needle where strpos(lower(cast("${column}" as text)), lower(needle)) > 0)`,
      { needles: JSON.stringify(needles) },
    );
    const n = Number(result.rows[0]!.n);
    if (n > 0) found.push(`${schema}.${table}.${column}: ${n}`);
  }
  return found;
}

/** The B2C person with the most records (CRM, marketing and shop copies, typos included) and every value to search for afterwards. */
async function pickPerson(skip: string[] = []): Promise<Person> {
  const { db } = database;
  const candidates = await db.raw<{ rows: Array<{ customer_key: string }> }>(`
    select customers.customer_key
    from core.customers as customers
    inner join core.identity_members as members using (run_id, customer_key)
    inner join raw.contacts as contacts
      on contacts.run_id = members.run_id and contacts.source = members.source and contacts.source_object = members.source_object and contacts.source_id = members.source_id
    where customers.run_id = :run and customers.kind = 'b2c' and contacts.phone is not null and contacts.email is not null
      and exists (select 1 from core.orders where orders.run_id = customers.run_id and orders.customer_id = customers.customer_key)
    group by customers.customer_key
    order by (select count(*) from core.identity_members as all_members where all_members.run_id = :run and all_members.customer_key = customers.customer_key) desc,
      customers.customer_key`, { run: runOne });
  const customerId = candidates.rows.map((r) => r.customer_key).find((id) => !skip.includes(id))!;
  const raw = await db.raw<{ rows: Array<{ email: string | null; phone: string | null; country: string | null }> }>(`
    select contacts.email, contacts.phone, contacts.country from raw.contacts as contacts
    inner join core.identity_members as members using (run_id, source, source_object, source_id)
    where members.run_id = :run and members.customer_key = :id
    union all
    select orders.email, null, orders.country from raw.orders as orders
    inner join core.identity_members as members on members.run_id = orders.run_id and members.source = orders.source and members.source_id = orders.customer_source_id
    where members.run_id = :run and members.customer_key = :id and members.member_kind = 'customer'`, { run: runOne, id: customerId });
  const counts = new CleaningCounts();
  const needles = new Set<string>();
  let email = '';
  for (const row of raw.rows) {
    const clean = cleanEmail(row.email, counts);
    if (clean) {
      needles.add(row.email!.trim().toLowerCase()).add(clean.email).add(pseudonym('email', clean.email));
      email ||= row.email!.trim();
    }
    const phone = cleanPhone(row.phone, row.country?.length === 2 ? row.country : null, counts) ?? (row.phone?.startsWith('+') ? row.phone : null);
    if (row.phone) needles.add(row.phone.trim());
    if (phone) needles.add(phone).add(pseudonym('phone', phone));
  }
  return { customerId, needles: [...needles], email };
}

/** The identity sources again, through the extract activity (which loads the suppression list), into a new run. */
async function relandThroughActivity(runId: string): Promise<ExtractObjectResult[]> {
  const replays = await startVendorReplays(companyDir);
  try {
    const text = (await readFile(join(companyDir, 'segflow.sources.yaml'), 'utf8'))
      .replace(/\$\{(SALESFORCE_URL|HUBSPOT_URL|MARKETO_URL|PARDOT_URL)\}/g, (_, name: keyof typeof replays.urls) => replays.urls[name]);
    const sourcesFile = join(companyDir, 'segflow.sources.reland.yaml');
    await writeFile(sourcesFile, text);
    const activities = createActivities({ db: database.db, dataDir: fixtures, kmeansSeed: 42, codeVersion: 'test', sourceEnv: { ...replays.secrets }, piiKey: PII_KEY });
    // Exactly the objects the first run landed.
    const landed = await database.db('raw.extract_checkpoints').where({ run_id: runOne }).orderBy(['source', 'source_object']).select<Array<{ source: string; source_object: string }>>('source', 'source_object');
    const summaries: ExtractObjectResult[] = [];
    for (const { source, source_object: object } of landed) {
      summaries.push(await new MockActivityEnvironment().run(activities.extractSourceObject, { runId, sourcesFile, source, object, fullRefresh: true }));
    }
    return summaries;
  } finally {
    await replays.stop();
  }
}

const cli = (args: string[], env: Record<string, string> = {}) => runCli(['forget', ...args], { DATABASE_URL: database.url, SEGFLOW_PII_KEY: PII_KEY, ...env });

beforeAll(async () => {
  database = await createTestDatabase();
  companyDir = await mkdtemp(join(tmpdir(), 'segflow-forget-'));
  await generateCompany({ customers: 200, seed: 11, outDir: companyDir });
  await landCompanyInABox(database.db, companyDir, runOne);
  await resolveIdentities(database.db, runOne, IDENTITY_SOURCES, PII_KEY);
  const activities = createActivities({ db: database.db, dataDir: fixtures, kmeansSeed: 42, codeVersion: 'test', sourceEnv: {}, piiKey: PII_KEY });
  await new MockActivityEnvironment().run(activities.cleanOrders, { runId: runOne, sources: IDENTITY_SOURCES });
  // Stand-ins for the feature and segment stages: one row per customer with orders, keyed as they key theirs.
  await database.db.raw(`
    insert into segflow.customer_features (run_id, customer_id, as_of, frequency, monetary, gross_revenue, returned_revenue)
    select distinct run_id, customer_id, date '2024-12-31', 1, 0, 0, 0 from core.orders where run_id = :run`, { run: runOne });
  await database.db.raw(`
    insert into segflow.customer_segments (run_id, scheme, customer_id, segment_id)
    select run_id, 'rfm', customer_id, 1 from segflow.customer_features where run_id = :run`, { run: runOne });
}, 600_000);
afterAll(async () => {
  await database?.drop();
  if (companyDir) await rm(companyDir, { recursive: true, force: true });
});

describe('segflow forget', () => {
  let person: Person;
  let erasedLanded = 0;

  it('--email erases the person from every table of every schema, and only them', async () => {
    const { db } = database;
    person = await pickPerson();
    const before = await hits(person.needles);
    expect(before.some((h) => h.startsWith('raw.contacts'))).toBe(true);
    expect(before.some((h) => h.startsWith('core.identity_records'))).toBe(true);
    const customersBefore = Number((await db('core.customers').where({ run_id: runOne }).count({ n: '*' }))[0]!.n);
    const ordersOfPerson = Number((await db('core.orders').where({ run_id: runOne, customer_id: person.customerId }).count({ n: '*' }))[0]!.n);
    const ordersBefore = Number((await db('core.orders').where({ run_id: runOne }).count({ n: '*' }))[0]!.n);
    expect(ordersOfPerson).toBeGreaterThan(0);

    // Any spelling reaches the person: the address is given upper-cased with spaces.
    const result = await cli(['--email', `  ${person.email.toUpperCase()} `]);
    console.log(result.stdout);
    expect(result.stderr).not.toMatch(/unexpected error/);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/raw\.contacts\s+\d+/);
    expect(result.stdout).toContain(person.customerId);

    expect(await hits(person.needles)).toEqual([]);
    expect(await db('core.customers').where({ run_id: runOne, customer_key: person.customerId })).toEqual([]);
    expect(await db('segflow.customer_features').where({ customer_id: person.customerId })).toEqual([]);
    expect(await db('segflow.customer_segments').where({ customer_id: person.customerId })).toEqual([]);
    expect(await db('segflow.customer_ids').where({ customer_id: person.customerId })).toEqual([]);
    // Nobody else: one customer and exactly their orders are gone.
    expect(Number((await db('core.customers').where({ run_id: runOne }).count({ n: '*' }))[0]!.n)).toBe(customersBefore - 1);
    expect(Number((await db('core.orders').where({ run_id: runOne }).count({ n: '*' }))[0]!.n)).toBe(ordersBefore - ordersOfPerson);

    const audit = await db('segflow.erasures').select('requested_as', 'customer_ids', 'suppressed', 'row_counts');
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ requested_as: 'email', customer_ids: expect.arrayContaining([person.customerId]) });
    const counts = audit[0]!.row_counts as Record<string, number>;
    erasedLanded = ['raw.contacts', 'raw.leads', 'raw.orders', 'raw.accounts'].reduce((sum, t) => sum + (counts[t] ?? 0), 0);
    expect(erasedLanded).toBeGreaterThan(0);
    expect(audit[0]!.suppressed).toBeGreaterThan(0);
  }, 120_000);

  it('a later extract of the same sources lands the person only as redacted `suppressed` rejects', async () => {
    const summaries = await relandThroughActivity(runTwo);
    for (const s of summaries) expect(s.recordsRead).toBe(s.rowsLanded + s.rowsRejected);
    const suppressed = await database.db('raw.rejects').where({ run_id: runTwo, reason_code: 'suppressed' }).select('original', 'detail');
    console.log(JSON.stringify({ erasedLanded, suppressedRejects: suppressed.length }));
    expect(suppressed.length).toBe(erasedLanded);
    expect(suppressed[0]!.original).toContain('[redacted]');
    expect(await hits(person.needles)).toEqual([]);
    // Everyone else landed again.
    const landed = Number((await database.db('raw.contacts').where({ run_id: runTwo }).count({ n: '*' }))[0]!.n);
    const first = Number((await database.db('raw.contacts').where({ run_id: runOne }).count({ n: '*' }))[0]!.n);
    expect(landed).toBe(first);
  }, 300_000);

  it('--customer erases every member of that customer id', async () => {
    const other = await pickPerson([person.customerId]);
    expect(await hits(other.needles)).not.toEqual([]);
    const result = await cli(['--customer', other.customerId]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(other.customerId);
    expect(await hits(other.needles)).toEqual([]);
    expect(await database.db('core.identity_members').where({ customer_key: other.customerId })).toEqual([]);
    expect(await database.db('core.orders').where({ customer_id: other.customerId })).toEqual([]);
  }, 120_000);

  it('an address found nowhere: exit 0, "nothing to erase"', async () => {
    const result = await cli(['--email', 'nobody.at.all@example.org']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('nothing to erase');
  }, 60_000);

  it('without SEGFLOW_PII_KEY: one line naming the fix, exit 1, nothing erased', async () => {
    const before = await database.db('segflow.erasures').count({ n: '*' });
    const result = await cli(['--email', 'someone@example.org'], { SEGFLOW_PII_KEY: '' });
    expect(result.code).toBe(1);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(/^segflow: SEGFLOW_PII_KEY is not set.* — set SEGFLOW_PII_KEY/);
    expect(await database.db('segflow.erasures').count({ n: '*' })).toEqual(before);
  }, 60_000);

  it('--expired clears personal columns of raw rows older than SEGFLOW_RAW_RETENTION_DAYS, nothing newer', async () => {
    const { db } = database;
    await db('raw.contacts').where({ run_id: runOne }).update({ extracted_at: db.raw("now() - interval '40 days'") });
    const old = Number((await db('raw.contacts').where({ run_id: runOne }).count({ n: '*' }))[0]!.n);
    const result = await cli(['--expired'], { SEGFLOW_RAW_RETENTION_DAYS: '30' });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(new RegExp(`raw\\.contacts\\s+${old}\\b`));
    const left = await db('raw.contacts').where({ run_id: runOne }).where((q) => q.whereNotNull('email').orWhereNotNull('phone').orWhereNotNull('record')).count({ n: '*' });
    expect(Number(left[0]!.n)).toBe(0);
    const kept = await db('raw.contacts').where({ run_id: runTwo }).whereNotNull('email').count({ n: '*' });
    expect(Number(kept[0]!.n)).toBeGreaterThan(0);
    const unset = await cli(['--expired'], { SEGFLOW_RAW_RETENTION_DAYS: '' });
    expect(unset.code).toBe(1);
    expect(unset.stderr).toMatch(/SEGFLOW_RAW_RETENTION_DAYS is not set/);
  }, 60_000);
});
