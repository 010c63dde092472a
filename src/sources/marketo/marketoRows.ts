import type { LandingReject, LandingRow } from '../connector.js';
import { landingValueText } from '../landing/checkLandingRow.js';
import type { MarketingEventType } from '../landing/landingEntities.js';
import type { ExportCsvLine } from './exportCsvLines.js';

/** Lead fields the bulk lead export asks for, in column order. */
export const LEAD_FIELDS = ['id', 'email', 'firstName', 'lastName', 'phone', 'company', 'country', 'createdAt', 'updatedAt'] as const;

/** Columns of a bulk activity export file (Marketo's documented default set). */
export const ACTIVITY_COLUMNS = [
  'marketoGUID', 'leadId', 'activityDate', 'activityTypeId', 'campaignId', 'primaryAttributeValueId', 'primaryAttributeValue', 'attributes',
] as const;

/** Marketo standard activity type ids → normalised marketing event types. */
const ACTIVITY_EVENT_TYPES: Readonly<Record<number, MarketingEventType>> = {
  1: 'other', // Visit Webpage
  2: 'form_fill', // Fill Out Form
  6: 'send', // Send Email
  7: 'other', // Email Delivered
  8: 'bounce', // Email Bounced
  9: 'unsubscribe', // Unsubscribe Email
  10: 'open', // Open Email
  11: 'click', // Click Email
  27: 'bounce', // Email Bounced Soft
};
const WEB_ACTIVITY_TYPES = new Set([1, 2]);

export type MappedLine = { row: LandingRow } | { reject: LandingReject };

const orNull = (text: string | undefined): string | null => (text === undefined || text.trim() === '' ? null : text.trim());

/** An ISO timestamp from the file, or null when absent; a problem text when it does not parse. */
function timestamp(text: string | undefined): { value: string | null } | { problem: string } {
  const value = orNull(text);
  if (value === null) return { value: null };
  const checked = landingValueText(value, 'timestamptz');
  return 'problem' in checked ? { problem: checked.problem } : { value: checked.text };
}

function rejectLine(sourceObject: string, exportId: string, line: ExportCsvLine, reasonCode: string, detail: string): MappedLine {
  return { reject: { sourceObject, position: `${exportId}:${line.line}`, reasonCode, detail, original: line.raw } };
}

/** A lead export line → raw.contacts (company stays in the record: contacts have no company column). */
export function leadRow(exportId: string, line: ExportCsvLine): MappedLine {
  if (!line.values) return rejectLine('leads', exportId, line, 'malformed_line', line.problem ?? 'unreadable CSV line');
  const values = line.values;
  const id = orNull(values.id);
  if (id === null) return rejectLine('leads', exportId, line, 'missing_id', 'the lead has no id');
  const updated = timestamp(values.updatedAt);
  if ('problem' in updated || updated.value === null) {
    return rejectLine('leads', exportId, line, 'bad_timestamp', `updatedAt ${'problem' in updated ? updated.problem : 'is empty'}`);
  }
  const created = timestamp(values.createdAt);
  if ('problem' in created) return rejectLine('leads', exportId, line, 'bad_timestamp', `createdAt ${created.problem}`);
  return {
    row: {
      entity: 'contacts',
      sourceObject: 'leads',
      sourceId: id,
      modifiedAt: updated.value,
      position: `${exportId}:${line.line}`,
      record: values,
      fields: {
        email: orNull(values.email),
        phone: orNull(values.phone),
        first_name: orNull(values.firstName),
        last_name: orNull(values.lastName),
        country: orNull(values.country),
        created_at_source: created.value,
      },
    },
  };
}

/** An activity export line → raw.marketing_events. */
export function activityRow(exportId: string, line: ExportCsvLine): MappedLine {
  if (!line.values) return rejectLine('activities', exportId, line, 'malformed_line', line.problem ?? 'unreadable CSV line');
  const values = line.values;
  const guid = orNull(values.marketoGUID);
  if (guid === null) return rejectLine('activities', exportId, line, 'missing_id', 'the activity has no marketoGUID');
  const occurred = timestamp(values.activityDate);
  if ('problem' in occurred || occurred.value === null) {
    return rejectLine('activities', exportId, line, 'bad_timestamp', `activityDate ${'problem' in occurred ? occurred.problem : 'is empty'}`);
  }
  const typeText = orNull(values.activityTypeId);
  const typeId = typeText !== null && /^\d+$/.test(typeText) ? Number(typeText) : null;
  if (typeId === null) return rejectLine('activities', exportId, line, 'bad_value', `activityTypeId is not an id: ${JSON.stringify(values.activityTypeId)}`);
  return {
    row: {
      entity: 'marketing_events',
      sourceObject: 'activities',
      sourceId: guid,
      modifiedAt: occurred.value,
      position: `${exportId}:${line.line}`,
      record: values,
      fields: {
        contact_source_id: orNull(values.leadId),
        event_type: ACTIVITY_EVENT_TYPES[typeId] ?? 'other',
        campaign: orNull(values.primaryAttributeValue) ?? orNull(values.campaignId),
        channel: WEB_ACTIVITY_TYPES.has(typeId) ? 'web' : 'email',
        occurred_at: occurred.value,
      },
    },
  };
}
