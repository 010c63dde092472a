import type { JsonValue, LandingReject, LandingRow, LandingValue } from '../connector.js';
import { landingValueText } from '../landing/checkLandingRow.js';
import { HUBSPOT_OBJECT_SPECS, type HubspotObjectName } from './hubspotObjects.js';

export type MappedHubspotObject = { row: LandingRow } | { reject: LandingReject };

/** Associated record ids found outside the record itself (the v4 batch read after a search page). */
export interface LinkedIds {
  company: string | null;
  contact: string | null;
}

// Stage ids of HubSpot's default sales pipeline; other pipelines' stage ids say nothing about open/won.
const OPEN_DEFAULT_STAGES = new Set(['appointmentscheduled', 'qualifiedtobuy', 'presentationscheduled', 'decisionmakerboughtin', 'contractsent']);

interface PropertyReaders {
  /** A property as text; HubSpot sends every property as a string and '' for a cleared one. */
  text(name: string): string | null;
  dateTime(value: string | null, label: string): string | null;
  /** The record's associated id of one type, preferring the primary association. */
  associated(toObject: 'companies' | 'contacts'): string | null;
}

const FIELD_MAPPINGS: Readonly<Record<HubspotObjectName, (read: PropertyReaders, linked: LinkedIds | undefined) => LandingRow['fields']>> = {
  contacts: (read, linked) => ({
    // associatedcompanyid is the primary company; the association is the fallback when the property is empty.
    account_source_id: read.text('associatedcompanyid') ?? linked?.company ?? read.associated('companies'),
    email: read.text('email'), phone: read.text('phone'), first_name: read.text('firstname'), last_name: read.text('lastname'),
    job_title: read.text('jobtitle'), country: read.text('country'), lifecycle_stage: read.text('lifecyclestage'),
  }),
  companies: (read) => ({
    name: read.text('name'), domain: read.text('domain')?.trim().toLowerCase().replace(/^www\./, '') ?? null, industry: read.text('industry'),
    employees: read.text('numberofemployees'), annual_revenue: read.text('annualrevenue'), country: read.text('country'),
    region: read.text('state'), city: read.text('city'),
  }),
  deals: (read, linked) => {
    const stage = read.text('dealstage');
    const closed: { is_closed: LandingValue; is_won: LandingValue } =
      stage === 'closedwon' ? { is_closed: true, is_won: true }
        : stage === 'closedlost' ? { is_closed: true, is_won: false }
          : stage !== null && OPEN_DEFAULT_STAGES.has(stage) ? { is_closed: false, is_won: false }
            : { is_closed: null, is_won: null };
    return {
      name: read.text('dealname'), amount: read.text('amount'), stage, currency: read.text('deal_currency_code'), ...closed,
      close_date: closeDate(read),
      account_source_id: linked?.company ?? read.associated('companies'), contact_source_id: linked?.contact ?? read.associated('contacts'),
    };
  },
};

/**
 * Maps one CRM object (`{id, properties, createdAt, updatedAt, archived, associations?}`) to its
 * landing row, or to a reject (no id, unreadable time) that keeps the object's JSON.
 */
export function mapHubspotObject(
  object: HubspotObjectName,
  record: { [key: string]: JsonValue },
  page: number,
  index: number,
  linked?: LinkedIds,
): MappedHubspotObject {
  const original = JSON.stringify(record);
  const rawId = record.id;
  const id = typeof rawId === 'string' && rawId.trim() !== '' ? rawId : typeof rawId === 'number' ? String(rawId) : null;
  const position = id === null ? `page ${page}:${index}` : `${object}:${id}`;
  const reject = (reasonCode: string, detail: string): MappedHubspotObject => ({ reject: { sourceObject: object, position, reasonCode, detail, original } });
  if (id === null) return reject('missing_id', 'the object has no id');

  const properties = typeof record.properties === 'object' && record.properties !== null && !Array.isArray(record.properties) ? record.properties : {};
  const problems: string[] = [];
  const read: PropertyReaders = {
    text: (name) => {
      const value = properties[name];
      if (value === null || value === undefined || value === '') return null;
      return typeof value === 'string' ? value : JSON.stringify(value);
    },
    dateTime: (value, label) => {
      if (value === null) return null;
      const checked = landingValueText(value, 'timestamptz');
      if ('problem' in checked) {
        problems.push(`${label}: ${checked.problem}`);
        return null;
      }
      return checked.text;
    },
    associated: (toObject) => primaryAssociation(record.associations, object, toObject),
  };
  const fields = { ...FIELD_MAPPINGS[object](read, linked), created_at_source: read.dateTime(read.text('createdate') ?? textOf(record.createdAt), 'createdate') };
  const modifiedAt = read.dateTime(textOf(record.updatedAt) ?? read.text(HUBSPOT_OBJECT_SPECS[object].modifiedProperty), 'updatedAt');
  if (problems.length > 0) return reject('bad_timestamp', problems.join('; '));
  return { row: { entity: HUBSPOT_OBJECT_SPECS[object].entity, sourceObject: object, sourceId: id, modifiedAt, position: null, record, fields } };
}

const SINGULAR: Readonly<Record<HubspotObjectName, string>> = { contacts: 'contact', companies: 'company', deals: 'deal' };

/** `deal_to_company` is the primary label in v3 association results; `..._unlabeled` ones are secondary. */
function primaryAssociation(associations: JsonValue | undefined, from: HubspotObjectName, toObject: 'companies' | 'contacts'): string | null {
  if (typeof associations !== 'object' || associations === null || Array.isArray(associations)) return null;
  const group = associations[toObject];
  const results = typeof group === 'object' && group !== null && !Array.isArray(group) && Array.isArray(group.results) ? group.results : [];
  const primaryType = `${SINGULAR[from]}_to_${SINGULAR[toObject]}`;
  const ids = results.flatMap((r) => (typeof r === 'object' && r !== null && !Array.isArray(r) && (typeof r.id === 'string' || typeof r.id === 'number') ? [{ id: String(r.id), type: r.type }] : []));
  return (ids.find((r) => r.type === primaryType) ?? ids[0])?.id ?? null;
}

function textOf(value: JsonValue | undefined): string | null {
  return typeof value === 'string' && value !== '' ? value : null;
}

/** closedate is a datetime property (the UTC day is kept); a date-only value is taken as it is. */
function closeDate(read: PropertyReaders): string | null {
  const value = read.text('closedate');
  if (value !== null && /^\d{4}-\d{2}-\d{2}$/.test(value)) return value;
  return read.dateTime(value, 'closedate')?.slice(0, 10) ?? null;
}
