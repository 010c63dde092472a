import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** The sources the scale data is landed under: shop (orders and lines), web (events), marketing (leads and activities). */
export const SCALE_SOURCES = ['shop', 'web', 'marketing'] as const;

/**
 * Writes a sources file whose entries name the three systems the scale data was landed from, each
 * a csv source over an empty incoming folder: the benchmarked run's extracts find nothing new (an
 * empty folder means "no new files"), record their checkpoints, and every later stage reads the
 * newest landed version of each record, exactly as a nightly run does after the day's data landed.
 * The marketing source's leads were landed beside its activities (a marketing system has both).
 */
export function writeScaleSources(dir: string): string {
  const entries = [
    { name: 'shop', entity: 'orders', object: 'orders', mapping: '{ customer_source_id: customer_number, email: email, ordered_at: ordered_at, total: total, status: status, country: country }' },
    { name: 'web', entity: 'web_events', object: 'events', mapping: '{ visitor_id: visitor, user_id: user, session_id: session, event_name: event, occurred_at: at }' },
    { name: 'marketing', entity: 'marketing_events', object: 'activities', mapping: '{ contact_source_id: lead, event_type: type, campaign: campaign, occurred_at: at }' },
  ];
  const lines = ['# Written by bench/pipeline.ts: stand-ins for the systems the scale data was landed from.', 'sources:'];
  for (const { name, entity, object, mapping } of entries) {
    mkdirSync(join(dir, 'incoming', name), { recursive: true });
    lines.push(`  - name: ${name}`, '    type: csv', `    path: incoming/${name}`, `    entity: ${entity}`, `    object: ${object}`, '    idColumn: id', `    mapping: ${mapping}`);
  }
  const path = join(dir, 'segflow.sources.yaml');
  writeFileSync(path, `${lines.join('\n')}\n`);
  return path;
}
