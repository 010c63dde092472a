import { isCalendarDate, midnightUtc } from '../datasetFiles/calendarDate.js';
import { mapCsvLine } from '../datasetFiles/csvLines.js';
import { rejectLine, type LineOutcome } from '../datasetFiles/lineOutcome.js';

export const OLIST_LEAD_COLUMNS = ['mql_id', 'first_contact_date', 'landing_page_id', 'origin'] as const;

/**
 * olist_marketing_qualified_leads → raw.leads: one marketing-qualified lead (a seller who filled a
 * landing-page form) per line. `origin` is the acquisition channel as Olist names it (60 are empty
 * and land as null; "unknown" is kept as written). landing_page_id stays in `record`.
 */
export function mapOlistLead(text: string, position: string): LineOutcome {
  const object = 'marketing_qualified_leads';
  return mapCsvLine(text, OLIST_LEAD_COLUMNS, object, position, (record) => {
    const id = record.mql_id.trim();
    if (!id) return rejectLine(object, position, 'missing_id', 'mql_id is empty', text);
    const firstContact = record.first_contact_date.trim();
    if (!isCalendarDate(firstContact)) {
      return rejectLine(object, position, 'bad_timestamp', `first_contact_date is not a YYYY-MM-DD date: ${JSON.stringify(firstContact)}`, text);
    }
    const origin = record.origin.trim();
    return {
      row: {
        entity: 'leads',
        sourceObject: object,
        sourceId: id,
        modifiedAt: null,
        position,
        record,
        fields: { channel: origin === '' ? null : origin, created_at_source: midnightUtc(firstContact) },
      },
    };
  });
}
