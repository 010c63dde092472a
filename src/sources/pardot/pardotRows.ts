import type { JsonValue, LandingReject, LandingRow } from '../connector.js';
import { landingValueText } from '../landing/checkLandingRow.js';
import type { MarketingEventType } from '../landing/landingEntities.js';

/** Prospect fields requested from /api/v5/objects/prospects. */
export const PROSPECT_FIELDS = ['id', 'email', 'firstName', 'lastName', 'company', 'country', 'phone', 'createdAt', 'updatedAt'] as const;

/** Visitor activity fields requested; campaign.name reads the related Campaign object. */
export const VISITOR_ACTIVITY_FIELDS = ['id', 'prospectId', 'type', 'typeName', 'createdAt', 'campaignId', 'campaign.name', 'emailId'] as const;

/** Documented visitor activity type values → normalised marketing event types; unlisted → other. */
const VISITOR_ACTIVITY_EVENT_TYPES: Readonly<Record<number, MarketingEventType>> = {
  1: 'click', // Click
  4: 'form_fill', // Success (form, form handler or landing page submitted)
  6: 'send', // Sent
  11: 'open', // Open
  12: 'unsubscribe', // Unsubscribe Page
  13: 'bounce', // Bounced
  17: 'click', // Click (Third Party)
  35: 'unsubscribe', // Indirect Unsubscribe Open
  36: 'bounce', // Indirect Bounce
};
const EMAIL_ACTIVITY_TYPES = new Set([6, 11, 12, 13, 14, 35, 36]);

export type PardotRecord = { [key: string]: JsonValue };
export type MappedRecord = { row: LandingRow; modifiedAt: string } | { reject: LandingReject };

const text = (value: JsonValue | undefined): string | null => {
  if (value === undefined || value === null) return null;
  const out = typeof value === 'object' ? JSON.stringify(value) : String(value).trim();
  return out === '' ? null : out;
};

/** A v5 DateTime (with the API user's offset) as UTC ISO with milliseconds, so marks compare as strings. */
function utc(value: JsonValue | undefined): { value: string } | { problem: string } {
  const raw = text(value);
  if (raw === null) return { problem: 'is missing' };
  const checked = landingValueText(raw, 'timestamptz');
  return 'problem' in checked ? { problem: checked.problem } : { value: checked.text! };
}

function reject(sourceObject: string, position: string, reasonCode: string, detail: string, record: PardotRecord): MappedRecord {
  return { reject: { sourceObject, position, reasonCode, detail, original: JSON.stringify(record) } };
}

/** A prospect → raw.contacts (company stays in the record: contacts have no company column). */
export function prospectRow(record: PardotRecord, position: string): MappedRecord {
  const id = text(record.id);
  if (id === null) return reject('prospects', position, 'missing_id', 'the prospect has no id', record);
  const updated = utc(record.updatedAt);
  if ('problem' in updated) return reject('prospects', id, 'bad_timestamp', `updatedAt ${updated.problem}`, record);
  return {
    modifiedAt: updated.value,
    row: {
      entity: 'contacts',
      sourceObject: 'prospects',
      sourceId: id,
      modifiedAt: updated.value,
      position: null,
      record,
      fields: {
        email: text(record.email),
        phone: text(record.phone),
        first_name: text(record.firstName),
        last_name: text(record.lastName),
        country: text(record.country),
        created_at_source: text(record.createdAt),
      },
    },
  };
}

/** A visitor activity → raw.marketing_events. */
export function visitorActivityRow(record: PardotRecord, position: string): MappedRecord {
  const id = text(record.id);
  if (id === null) return reject('visitor-activities', position, 'missing_id', 'the visitor activity has no id', record);
  const created = utc(record.createdAt);
  if ('problem' in created) return reject('visitor-activities', id, 'bad_timestamp', `createdAt ${created.problem}`, record);
  const type = typeof record.type === 'number' ? record.type : Number(text(record.type));
  const campaign = record.campaign;
  const campaignName = campaign !== null && typeof campaign === 'object' && !Array.isArray(campaign) ? text(campaign.name) : null;
  return {
    modifiedAt: created.value,
    row: {
      entity: 'marketing_events',
      sourceObject: 'visitor-activities',
      sourceId: id,
      modifiedAt: created.value,
      position: null,
      record,
      fields: {
        contact_source_id: text(record.prospectId),
        event_type: VISITOR_ACTIVITY_EVENT_TYPES[type] ?? 'other',
        campaign: campaignName ?? text(record.campaignId),
        channel: EMAIL_ACTIVITY_TYPES.has(type) || record.typeName === 'Email' ? 'email' : 'web',
        occurred_at: created.value,
      },
    },
  };
}
