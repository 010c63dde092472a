import type { Knex } from 'knex';
import { cleanCountry } from './cleanCountry.js';
import { cleanEmail } from './cleanEmail.js';
import { cleanPhone } from './cleanPhone.js';
import { CleaningCounts } from './cleaningCounts.js';
import type { createPseudonymiser } from './pseudonymise.js';

export type ForgetRequest = { email: string } | { customerId: string };

/**
 * Who is erased, as temporary tables of the caller's transaction (dropped at commit):
 * forget_emails (normalised addresses), forget_members (run_id, member_no of identity members),
 * forget_member_records (their raw record keys), forget_needles (lower-cased spellings of the
 * person's emails and phones, searched for in original record text).
 */
export interface ForgetTargets {
  emails: string[];
  /** E.164 numbers that are the person's alone (a number shared with anyone else is not erased by). */
  phones: string[];
  /** Identity members (any run) found to be the person's. */
  memberCount: number;
}

// Enough rounds to reach an address only a linked record spells (a typo'd copy in another system).
const EXPANSION_ROUNDS = 4;
// Shorter fragments would match unrelated text in other people's records.
const MIN_NEEDLE_LENGTH = 6;

interface RawIdentity {
  email: string | null;
  phone: string | null;
  country: string | null;
}

async function createTargetTables(trx: Knex.Transaction): Promise<void> {
  await trx.raw('create temporary table forget_emails (email text primary key) on commit drop');
  await trx.raw('create temporary table forget_members (run_id uuid not null, member_no integer not null, primary key (run_id, member_no)) on commit drop');
  await trx.raw('create temporary table forget_member_records (source text, source_object text, source_id text, member_kind text) on commit drop');
  await trx.raw('create temporary table forget_needles (needle text primary key) on commit drop');
}

/** Members whose records carry one of the hashes, and every member of their resolved person in the same run. */
async function addMembersByHash(trx: Knex.Transaction, column: 'email_hash' | 'phone_hash', hashes: string[]): Promise<void> {
  if (hashes.length === 0) return;
  await trx.raw(
    `insert into forget_members (run_id, member_no)
     select distinct people.run_id, people.member_no
     from core.identity_records as records
     inner join core.identity_members as matched using (run_id, member_no)
     inner join core.identity_members as people
       on people.run_id = matched.run_id and people.level = 'person'
       and (people.member_no = matched.member_no or people.cluster_key = matched.cluster_key)
     where records.${column} in (select jsonb_array_elements_text(cast(:hashes as jsonb)))
     on conflict do nothing`,
    { hashes: JSON.stringify(hashes) },
  );
}

/** Every member of the customer (or resolved person) id in the latest identity run, and the same id in earlier runs. */
async function addCustomerMembers(trx: Knex.Transaction, customerId: string): Promise<void> {
  await trx.raw(
    `insert into forget_members (run_id, member_no)
     select run_id, member_no from core.identity_members
     where customer_key = :id or cluster_key = :id
     on conflict do nothing`,
    { id: customerId },
  );
}

/** Emails, phones and countries of the members' raw records and of raw rows with one of the emails. */
async function rawIdentities(trx: Knex.Transaction): Promise<RawIdentity[]> {
  await trx.raw('truncate forget_member_records');
  await trx.raw(`
    insert into forget_member_records (source, source_object, source_id, member_kind)
    select distinct members.source, members.source_object, members.source_id, members.member_kind
    from core.identity_members as members
    inner join forget_members using (run_id, member_no)`);
  const found = await trx.raw<{ rows: RawIdentity[] }>(`
    select distinct email, phone, country from (
      select contacts.email, contacts.phone, contacts.country from raw.contacts as contacts
      where (contacts.source, contacts.source_object, contacts.source_id) in (select source, source_object, source_id from forget_member_records where member_kind = 'contact')
        or core.normalised_email(contacts.email) in (select email from forget_emails)
      union all
      select leads.email, leads.phone, leads.country from raw.leads as leads
      where (leads.source, leads.source_object, leads.source_id) in (select source, source_object, source_id from forget_member_records where member_kind = 'lead')
        or core.normalised_email(leads.email) in (select email from forget_emails)
      union all
      select orders.email, cast(null as text), orders.country from raw.orders as orders
      where (orders.source, trim(orders.customer_source_id)) in (select source, source_id from forget_member_records where member_kind = 'customer')
        or (orders.source, orders.source_id) in (select source, source_id from forget_member_records where member_kind = 'guest_order')
        or core.normalised_email(orders.email) in (select email from forget_emails)
    ) as found`);
  return found.rows;
}

/** Phones (E.164) no identity record outside the erased members carries. */
async function exclusivePhones(trx: Knex.Transaction, phones: Map<string, string>): Promise<Set<string>> {
  if (phones.size === 0) return new Set();
  const shared = await trx.raw<{ rows: Array<{ phone_hash: string }> }>(
    `select distinct records.phone_hash
     from core.identity_records as records
     where records.phone_hash in (select jsonb_array_elements_text(cast(:hashes as jsonb)))
       and not exists (select 1 from forget_members where forget_members.run_id = records.run_id and forget_members.member_no = records.member_no)`,
    { hashes: JSON.stringify([...phones.keys()]) },
  );
  const sharedHashes = new Set(shared.rows.map((r) => r.phone_hash));
  return new Set([...phones].filter(([hash]) => !sharedHashes.has(hash)).map(([, phone]) => phone));
}

/**
 * Finds the person: the given address (or the customer's members), the resolved person each
 * belongs to in every identity run, and every address and phone those records spell, until no
 * new address turns up. Leaves the target tables filled for the erasure that follows.
 */
export async function findForgetTargets(
  trx: Knex.Transaction,
  request: ForgetRequest,
  pseudonym: ReturnType<typeof createPseudonymiser>,
): Promise<ForgetTargets> {
  await createTargetTables(trx);
  const counts = new CleaningCounts();
  const emails = new Set<string>();
  const needles = new Set<string>();
  if ('email' in request) {
    const email = cleanEmail(request.email, counts);
    if (email !== null) emails.add(email.email);
    needles.add(request.email.trim().toLowerCase());
  } else {
    await addCustomerMembers(trx, request.customerId);
  }

  const phoneSpellings = new Map<string, Set<string>>();
  const phonesByHash = new Map<string, string>();
  const absorb = (found: RawIdentity[]) => {
    for (const row of found) {
      const email = cleanEmail(row.email, counts);
      if (email !== null) {
        emails.add(email.email);
        needles.add(row.email!.trim().toLowerCase());
      }
      const phone = cleanPhone(row.phone, cleanCountry(row.country, counts), counts);
      if (phone !== null) {
        phonesByHash.set(pseudonym('phone', phone), phone);
        const spellings = phoneSpellings.get(phone) ?? new Set();
        spellings.add(row.phone!.trim().toLowerCase());
        phoneSpellings.set(phone, spellings);
      }
    }
  };
  let searched = new Set<string>();
  for (let round = 0; round < EXPANSION_ROUNDS; round++) {
    const fresh = [...emails].filter((e) => !searched.has(e));
    if (fresh.length === 0 && round > 0) break;
    searched = new Set(emails);
    if (fresh.length > 0) await trx('forget_emails').insert(fresh.map((email) => ({ email }))).onConflict('email').ignore();
    await addMembersByHash(trx, 'email_hash', fresh.map((e) => pseudonym('email', e)));
    absorb(await rawIdentities(trx));
  }

  const phones = await exclusivePhones(trx, phonesByHash);
  // Records linked only by the person's own phone are theirs too; their addresses are erased with them.
  await addMembersByHash(trx, 'phone_hash', [...phonesByHash].filter(([, phone]) => phones.has(phone)).map(([hash]) => hash));
  absorb(await rawIdentities(trx));
  const lateEmails = [...emails].filter((e) => !searched.has(e));
  if (lateEmails.length > 0) await trx('forget_emails').insert(lateEmails.map((email) => ({ email }))).onConflict('email').ignore();
  for (const email of emails) needles.add(email);
  for (const phone of phones) {
    needles.add(phone.toLowerCase());
    for (const spelling of phoneSpellings.get(phone) ?? []) needles.add(spelling);
  }
  const kept = [...needles].filter((n) => n.length >= MIN_NEEDLE_LENGTH);
  if (kept.length > 0) await trx('forget_needles').insert(kept.map((needle) => ({ needle }))).onConflict('needle').ignore();
  const members = await trx('forget_members').count<Array<{ n: string }>>('* as n');
  return { emails: [...emails].sort(), phones: [...phones].sort(), memberCount: Number(members[0]?.n ?? 0) };
}
