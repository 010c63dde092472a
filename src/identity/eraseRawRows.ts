import type { Knex } from 'knex';
import { LANDING_ENTITIES } from '../sources/landing/landingEntities.js';

export interface ErasedRawRows {
  /** Table → rows deleted. */
  counts: Record<string, number>;
  /** (source, source_object, source_id) of every deleted landed row: they are suppressed by record. */
  records: Array<{ source: string; source_object: string; source_id: string }>;
}

// Mapped columns that point at a person of the same source, and the member kinds they can name.
const REFERENCES: Record<string, string> = {
  contact_source_id: "('contact')",
  lead_source_id: "('lead')",
  converted_contact_source_id: "('contact')",
  customer_source_id: "('customer')",
};

/** Why a landed row of this entity belongs to the person: any one of these. */
function personConditions(table: string, columns: readonly string[]): string[] {
  const conditions = [
    `(landed.source, landed.source_object, landed.source_id) in (select source, source_object, source_id from forget_member_records where member_kind in ('contact', 'lead', 'account'))`,
    'exists (select 1 from forget_needles where strpos(lower(cast(landed.record as text)), forget_needles.needle) > 0)',
  ];
  if (columns.includes('email')) conditions.push('core.normalised_email(landed.email) in (select email from forget_emails)');
  if (columns.includes('phone')) conditions.push('lower(trim(landed.phone)) in (select needle from forget_needles)');
  for (const [column, kinds] of Object.entries(REFERENCES)) {
    if (columns.includes(column)) {
      conditions.push(`(landed.source, trim(landed.${column})) in (select source, source_id from forget_member_records where member_kind in ${kinds})`);
    }
  }
  if (table === 'raw.orders') conditions.push("(landed.source, landed.source_id) in (select source, source_id from forget_member_records where member_kind = 'guest_order')");
  // Lines join their order by id alone, as the clean stage does (they may come from another source).
  if (table === 'raw.order_lines') conditions.push('landed.order_source_id in (select source_id from forget_orders)');
  return conditions;
}

/**
 * Deletes the person's rows from every landing table and raw.rejects: rows of their identity
 * members, rows spelling one of their addresses or phones (mapped or anywhere in the original
 * record), rows pointing at them, and lines of their orders. Orders go first so their lines follow.
 */
export async function eraseRawRows(trx: Knex.Transaction): Promise<ErasedRawRows> {
  await trx.raw('create temporary table forget_orders (source_id text) on commit drop');
  const counts: Record<string, number> = {};
  const records: ErasedRawRows['records'] = [];
  const specs = Object.values(LANDING_ENTITIES).sort((a, b) => Number(b.table === 'raw.orders') - Number(a.table === 'raw.orders'));
  for (const spec of specs) {
    const conditions = personConditions(spec.table, Object.keys(spec.columns));
    const deleted = await trx.raw<{ rows: Array<{ source: string; source_object: string; source_id: string }> }>(
      `delete from ${spec.table} as landed where ${conditions.map((c) => `(${c})`).join('\n or ')}
       returning landed.source, landed.source_object, landed.source_id`,
    );
    if (deleted.rows.length === 0) continue;
    counts[spec.table] = deleted.rows.length;
    records.push(...deleted.rows);
    if (spec.table === 'raw.orders') await trx('forget_orders').insert(deleted.rows.map((r) => ({ source_id: r.source_id })));
  }
  const rejects = await trx.raw<{ rowCount: number }>(`
    delete from raw.rejects
    where exists (
      select 1 from forget_needles
      where strpos(lower(coalesce(raw.rejects.original, '') || ' ' || coalesce(raw.rejects.detail, '')), forget_needles.needle) > 0
    )`);
  if (rejects.rowCount > 0) counts['raw.rejects'] = rejects.rowCount;
  return { counts, records };
}
