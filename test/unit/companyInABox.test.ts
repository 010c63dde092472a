import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateCompany, type CompanyManifest } from '../../src/demo/companyInABox/generateCompany.js';
import { UserFacingError } from '../../src/userFacingError.js';

const roots: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'company-in-a-box-'));
  roots.push(dir);
  return dir;
}

function listFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)).replaceAll('\\', '/'))
    .sort();
}

function text(path: string): string {
  const bytes = readFileSync(path);
  return (path.endsWith('.gz') ? gunzipSync(bytes) : bytes).toString('utf8');
}

function lines(path: string): string[] {
  const body = text(path);
  return body === '' ? [] : body.replace(/\n$/, '').split('\n');
}

function jsonLines<T = Record<string, unknown>>(path: string): T[] {
  return lines(path).map((line) => JSON.parse(line) as T);
}

function truthRows(path: string): Array<Record<string, string>> {
  return parse(readFileSync(path), { columns: true }) as Array<Record<string, string>>;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

afterAll(() => {
  for (const dir of roots) rmSync(dir, { recursive: true, force: true });
});

describe('company in a box: determinism', () => {
  it('writes byte-identical files for the same seed and different ones for another seed', async () => {
    const options = { customers: 300, startDate: '2026-06-01', endDate: '2026-09-30' };
    const [a, b, c] = [tempDir(), tempDir(), tempDir()];
    await generateCompany({ ...options, seed: 11, outDir: a });
    await generateCompany({ ...options, seed: 11, outDir: b });
    await generateCompany({ ...options, seed: 12, outDir: c });
    const digest = (dir: string) => Object.fromEntries(listFiles(dir).map((f) => [f, createHash('sha256').update(readFileSync(join(dir, f))).digest('hex')]));
    const first = digest(a);
    expect(Object.keys(first).length).toBeGreaterThan(250);
    expect(digest(b)).toEqual(first);
    const other = digest(c);
    expect(other['exports/orders.csv.gz']).not.toBe(first['exports/orders.csv.gz']);
    expect(other['ground_truth/people.csv']).not.toBe(first['ground_truth/people.csv']);
  }, 120_000);

  it('refuses impossible options with a message that says what to pass', async () => {
    await expect(generateCompany({ customers: 0, seed: 1, outDir: tempDir() })).rejects.toBeInstanceOf(UserFacingError);
    await expect(generateCompany({ customers: 100, seed: 1, outDir: tempDir(), endDate: '2026-02-30' })).rejects.toThrow(/endDate "2026-02-30" is not a date/);
  });
});

describe('company in a box: a 2,000-customer company over two years', () => {
  let dir = '';
  let manifest: CompanyManifest;
  let people: Array<Record<string, string>>;
  const at = (path: string) => join(dir, path);

  beforeAll(async () => {
    dir = tempDir();
    manifest = await generateCompany({ customers: 2000, seed: 7, outDir: dir });
    people = truthRows(at('ground_truth/people.csv'));
  }, 180_000);

  it('lists every file it wrote with the right record and byte counts', () => {
    const onDisk = listFiles(dir).filter((f) => f !== 'manifest.json' && f !== 'segflow.sources.yaml');
    expect(manifest.files.map((f) => f.path).sort()).toEqual(onDisk);
    expect(manifest.parameters).toEqual({ customers: 2000, startDate: '2024-10-01', endDate: '2026-09-30', days: 730 });
    expect(manifest.files.filter((f) => f.path.startsWith('ga4/events_'))).toHaveLength(730);
    expect(manifest.files.filter((f) => f.path.startsWith('adobe/hit_data_'))).toHaveLength(730);
    for (const file of manifest.files) {
      const header = file.path.endsWith('.csv') || file.path.endsWith('.csv.gz') ? 1 : 0;
      expect({ path: file.path, records: lines(at(file.path)).length - header }).toEqual({ path: file.path, records: file.records });
      expect(statSync(at(file.path)).size).toBe(file.bytes);
    }
    expect(manifest.totals.records).toBe(manifest.files.reduce((n, f) => n + f.records, 0));
    expect(JSON.parse(readFileSync(at('manifest.json'), 'utf8'))).toEqual(manifest);
    expect(people).toHaveLength(2000);
    expect(Object.values(manifest.population.segments).reduce((a, b) => a + b, 0)).toBe(2000);
  });

  it('puts exactly the counted bad rows into the exports', () => {
    const orders = lines(at('exports/orders.csv.gz')).slice(1);
    const parsed = orders.map((line) => {
      try {
        return (parse(line) as string[][])[0]!;
      } catch {
        return null; // a strict RFC 4180 parser fails on exactly the broken-quote rows
      }
    });
    const counted = manifest.files.find((f) => f.path === 'exports/orders.csv.gz')!.badRows!;
    expect(parsed.filter((fields) => fields === null)).toHaveLength(counted.broken_quote);
    expect(parsed.filter((fields) => fields !== null && fields[0] === '')).toHaveLength(counted.missing_id);
    expect(parsed.filter((fields) => fields !== null && !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/.test(fields[4]!))).toHaveLength(counted.bad_date);
    expect(counted).toEqual({ bad_date: 1, missing_id: 1, broken_quote: 1, bad_number: 0 });
    const lineBad = manifest.files.find((f) => f.path === 'exports/order_lines.csv.gz')!.badRows!;
    expect(lineBad.missing_id + lineBad.broken_quote + lineBad.bad_number).toBe(3);
    expect(manifest.adobe.excludedHits).toBeGreaterThan(0);
    expect(manifest.adobe.dataSourceHits).toBeGreaterThan(0);
    const hits = manifest.files.filter((f) => f.path.startsWith('adobe/hit_data_')).flatMap((f) => lines(at(f.path)).map((l) => l.split('\t')));
    expect(hits.every((h) => h.length === lines(at('adobe/column_headers.tsv'))[0]!.split('\t').length)).toBe(true);
    expect(hits.filter((h) => h[8] !== '0')).toHaveLength(manifest.adobe.excludedHits);
    expect(hits.filter((h) => h[9] === '5')).toHaveLength(manifest.adobe.dataSourceHits);
  });

  it('names every generated person and company id in the ground truth exactly once', () => {
    const truthIds = (column: string) => people.flatMap((p) => (p[column] ? p[column]!.split('|') : []));
    const expectExactly = (column: string, fileIds: Iterable<string>) => {
      const listed = truthIds(column);
      expect(new Set(listed).size, `${column} listed twice`).toBe(listed.length);
      expect(new Set(listed), column).toEqual(new Set(fileIds));
    };
    const ids = (path: string, key = 'Id') => jsonLines(at(path)).map((r) => String(r[key]));
    expectExactly('salesforce_contact_ids', ids('salesforce/Contact.ndjson'));
    expectExactly('salesforce_lead_ids', ids('salesforce/Lead.ndjson'));
    expectExactly('hubspot_contact_ids', ids('hubspot/contacts.ndjson', 'id'));
    expectExactly('marketo_lead_ids', ids('marketo/leads.ndjson', 'id'));
    expectExactly('pardot_prospect_ids', ids('pardot/prospects.ndjson', 'id'));
    const ga4 = manifest.files.filter((f) => f.path.startsWith('ga4/')).flatMap((f) => jsonLines<{ user_pseudo_id: string; user_id?: string }>(at(f.path)));
    expectExactly('ga4_user_pseudo_ids', ga4.map((e) => e.user_pseudo_id));
    const hits = manifest.files.filter((f) => f.path.startsWith('adobe/hit_data_')).flatMap((f) => lines(at(f.path)).map((l) => l.split('\t')));
    expectExactly('adobe_visitor_ids', hits.map((h) => `${h[2]}_${h[3]}`));
    const orderCustomers = lines(at('exports/orders.csv.gz')).slice(1).map((l) => l.split(',')[1]!).filter((c) => c !== '');
    expectExactly('order_customer_ids', [...orderCustomers, ...ga4.flatMap((e) => (e.user_id ? [e.user_id] : [])), ...hits.map((h) => h[14]!).filter((c) => c !== '')]);

    const companies = truthRows(at('ground_truth/companies.csv'));
    const companyIds = (column: string) => companies.map((c) => c[column]!).filter((v) => v !== '');
    expect(new Set(companyIds('salesforce_account_id'))).toEqual(new Set(ids('salesforce/Account.ndjson')));
    expect(new Set(companyIds('hubspot_company_id'))).toEqual(new Set(ids('hubspot/companies.ndjson', 'id')));
    expect(new Set(companies.map((c) => c.domain)).size).toBe(companies.length);
    expect(new Set(people.map((p) => p.canonical_email)).size).toBe(people.length);
  });

  it('keeps references between systems resolvable', () => {
    const accounts = new Set(jsonLines(at('salesforce/Account.ndjson')).map((r) => r.Id));
    const contacts = jsonLines(at('salesforce/Contact.ndjson'));
    const contactIds = new Set(contacts.map((r) => r.Id));
    expect(contacts.every((c) => c.AccountId === null || accounts.has(c.AccountId))).toBe(true);
    expect(contacts.some((c) => c.AccountId === null)).toBe(true);
    const leads = jsonLines(at('salesforce/Lead.ndjson'));
    const converted = leads.filter((l) => l.IsConverted === true);
    expect(converted.length).toBeGreaterThan(0);
    expect(converted.every((l) => contactIds.has(l.ConvertedContactId) && /^\d{4}-\d{2}-\d{2}$/.test(String(l.ConvertedDate)))).toBe(true);
    for (const record of [...contacts, ...leads]) {
      expect(String(record.Id)).toMatch(/^(003|00Q)[A-Za-z0-9]{15}$/);
      expect(String(record.CreatedDate)).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}\+0000$/);
    }
    const leadIds = new Set(jsonLines(at('marketo/leads.ndjson')).map((r) => r.id));
    expect(jsonLines(at('marketo/activities.ndjson')).every((a) => leadIds.has(a.leadId))).toBe(true);
    const prospectIds = new Set(jsonLines(at('pardot/prospects.ndjson')).map((r) => r.id));
    const pardot = jsonLines(at('pardot/visitor-activities.ndjson'));
    expect(pardot.every((a) => prospectIds.has(a.prospectId))).toBe(true);
    expect(new Set(pardot.map((a) => a.type))).toEqual(new Set([1, 2, 4, 6, 11, 12, 13]));
    const orderIds = new Set(lines(at('exports/orders.csv.gz')).slice(1).map((l) => l.split(',')[0]));
    const purchases = manifest.files.filter((f) => f.path.startsWith('ga4/')).flatMap((f) => jsonLines<{ event_name: string; ecommerce?: { transaction_id: string } }>(at(f.path)))
      .filter((e) => e.event_name === 'purchase');
    expect(purchases.length).toBeGreaterThan(1000);
    expect(purchases.every((p) => orderIds.has(p.ecommerce!.transaction_id))).toBe(true);
    const hubspotContacts = jsonLines<{ properties: Record<string, unknown> }>(at('hubspot/contacts.ndjson'));
    expect(hubspotContacts.every((c) => Object.values(c.properties).every((v) => v === null || typeof v === 'string'))).toBe(true);
  });

  it('plants segments whose orders and email engagement differ as intended', () => {
    const segmentOf = new Map<string, string>();
    for (const p of people) for (const customer of p.order_customer_ids!.split('|')) if (customer) segmentOf.set(customer, p.planted_segment!);
    const endMs = Date.parse('2026-10-01T00:00:00Z');
    const last = new Map<string, number>();
    const count = new Map<string, number>();
    const usdTotals: Record<string, number[]> = {};
    for (const line of lines(at('exports/orders.csv.gz')).slice(1)) {
      const [id, customer, , , orderedAt, currency, total] = line.split(',');
      const ms = Date.parse(orderedAt ?? '');
      if (!id || !customer || Number.isNaN(ms) || /"/.test(line)) continue;
      last.set(customer, Math.max(last.get(customer) ?? 0, ms));
      count.set(customer, (count.get(customer) ?? 0) + 1);
      const segment = segmentOf.get(customer)!;
      if (currency === 'USD') (usdTotals[segment] ??= []).push(Number(total));
    }
    const recency: Record<string, number[]> = {};
    const frequency: Record<string, number[]> = {};
    for (const [customer, ms] of last) {
      const segment = segmentOf.get(customer)!;
      (recency[segment] ??= []).push((endMs - ms) / 86_400_000);
      (frequency[segment] ??= []).push(count.get(customer)!);
    }
    const r = (s: string) => median(recency[s]!);
    expect(r('champions')).toBeLessThan(r('loyal'));
    expect(r('loyal')).toBeLessThan(r('at_risk'));
    expect(r('new')).toBeLessThan(r('at_risk'));
    expect(r('at_risk')).toBeLessThan(r('hibernating'));
    expect(r('hibernating')).toBeGreaterThan(365);
    expect(Math.min(...recency.hibernating!)).toBeGreaterThan(300);
    const f = (s: string) => median(frequency[s]!);
    expect(f('champions')).toBeGreaterThan(f('loyal'));
    expect(f('loyal')).toBeGreaterThan(f('hibernating'));
    expect(f('at_risk')).toBeGreaterThan(f('new'));
    const m = (s: string) => median(usdTotals[s]!);
    expect(m('big_spenders')).toBeGreaterThan(3 * m('champions'));
    expect(m('champions')).toBeGreaterThan(m('hibernating'));

    // Email: champions open far more of what they are sent than hibernating customers.
    const segmentOfLead = new Map(people.filter((p) => p.marketo_lead_ids).map((p) => [Number(p.marketo_lead_ids), p.planted_segment!]));
    const sends: Record<string, number> = {};
    const opens: Record<string, number> = {};
    for (const a of jsonLines<{ leadId: number; activityTypeId: number }>(at('marketo/activities.ndjson'))) {
      const segment = segmentOfLead.get(a.leadId)!;
      if (a.activityTypeId === 6) sends[segment] = (sends[segment] ?? 0) + 1;
      if (a.activityTypeId === 10) opens[segment] = (opens[segment] ?? 0) + 1;
    }
    const openRate = (s: string) => (opens[s] ?? 0) / sends[s]!;
    expect(openRate('champions')).toBeGreaterThan(2 * openRate('at_risk'));
    expect(openRate('at_risk')).toBeGreaterThan(openRate('hibernating'));
  });

  it('writes a sources file whose file sources point at the generated files', () => {
    const yaml = readFileSync(at('segflow.sources.yaml'), 'utf8');
    for (const path of ['exports/orders.csv.gz', 'exports/order_lines.csv.gz', 'exports/support_responses.csv', 'exports/marketing_spend.csv']) {
      expect(yaml).toContain(`path: ${path}`);
      expect(manifest.files.some((f) => f.path === path)).toBe(true);
    }
    expect(yaml).toContain("instanceUrl: '${SALESFORCE_URL}'");
    expect(yaml).toContain('tokenEnv: HUBSPOT_TOKEN');
  });
});
