import type { LandingReject, LandingRow, LandingValue } from '../connector.js';
import { landingValueText } from '../landing/checkLandingRow.js';
import { SALESFORCE_OBJECT_SPECS, type SalesforceObjectName, type SalesforceRecord } from './salesforceObjects.js';

export type MappedSalesforceRecord = { row: LandingRow } | { reject: LandingReject };

interface FieldReaders {
  text(field: string): string | null;
  /** Numbers and booleans pass through; checkLandingRow rejects what does not fit the column. */
  scalar(field: string): LandingValue;
  /** A Salesforce dateTime (`2024-01-15T10:20:30.000+0000`) as ISO-8601 UTC. */
  dateTime(field: string): string | null;
  /** A Salesforce date (`2024-01-15`). */
  date(field: string): string | null;
}

type FieldMapping = (read: FieldReaders) => LandingRow['fields'];

const FIELD_MAPPINGS: Readonly<Record<SalesforceObjectName, FieldMapping>> = {
  Account: (read) => {
    const website = read.text('Website');
    return {
      name: read.text('Name'), website, domain: websiteDomain(website), industry: read.text('Industry'),
      employees: read.scalar('NumberOfEmployees'), annual_revenue: read.scalar('AnnualRevenue'), currency: read.text('CurrencyIsoCode'),
      country: read.text('BillingCountry'), region: read.text('BillingState'), city: read.text('BillingCity'),
      created_at_source: read.dateTime('CreatedDate'),
    };
  },
  Contact: (read) => ({
    account_source_id: read.text('AccountId'), email: read.text('Email'), phone: read.text('Phone'), first_name: read.text('FirstName'),
    last_name: read.text('LastName'), job_title: read.text('Title'), country: read.text('MailingCountry'),
    created_at_source: read.dateTime('CreatedDate'),
  }),
  Lead: (read) => {
    const convertedDate = read.date('ConvertedDate');
    return {
      email: read.text('Email'), phone: read.text('Phone'), first_name: read.text('FirstName'), last_name: read.text('LastName'),
      company: read.text('Company'), country: read.text('Country'), channel: read.text('LeadSource'), status: read.text('Status'),
      converted_contact_source_id: read.text('ConvertedContactId'), converted_account_source_id: read.text('ConvertedAccountId'),
      // ConvertedDate is a date; the column is a timestamp, so the conversion counts from midnight UTC.
      converted_at: convertedDate === null ? null : `${convertedDate}T00:00:00Z`,
      created_at_source: read.dateTime('CreatedDate'),
    };
  },
  Opportunity: (read) => ({
    account_source_id: read.text('AccountId'), contact_source_id: read.text('ContactId'), name: read.text('Name'),
    stage: read.text('StageName'), amount: read.scalar('Amount'), currency: read.text('CurrencyIsoCode'), is_closed: read.scalar('IsClosed'),
    is_won: read.scalar('IsWon'), close_date: read.date('CloseDate'), created_at_source: read.dateTime('CreatedDate'),
  }),
};

/**
 * Maps one query record to its landing row, or to a reject (missing Id, unreadable date) that
 * keeps the record's JSON. `page`/`index` locate a record that has no Id.
 */
export function mapSalesforceRecord(object: SalesforceObjectName, record: SalesforceRecord, page: number, index: number): MappedSalesforceRecord {
  const original = JSON.stringify(record);
  const id = typeof record.Id === 'string' && record.Id.trim() !== '' ? record.Id : null;
  const position = id === null ? `page ${page}:${index}` : `${object}:${id}`;
  const reject = (reasonCode: string, detail: string): MappedSalesforceRecord => ({
    reject: { sourceObject: object, position, reasonCode, detail, original },
  });
  if (id === null) return reject('missing_id', 'the record has no Id');

  const problems: string[] = [];
  const value = (field: string) => record[field];
  const read: FieldReaders = {
    text: (field) => asText(value(field)),
    scalar: (field) => asScalar(value(field)),
    dateTime: (field) => {
      const raw = value(field);
      if (raw === null || raw === undefined || raw === '') return null;
      const checked = landingValueText(asScalar(raw), 'timestamptz');
      if ('problem' in checked) {
        problems.push(`${field}: ${checked.problem}`);
        return null;
      }
      return checked.text;
    },
    date: (field) => {
      const raw = value(field);
      if (raw === null || raw === undefined || raw === '') return null;
      const checked = landingValueText(asScalar(raw), 'date');
      if ('problem' in checked) {
        problems.push(`${field}: ${checked.problem}`);
        return null;
      }
      return checked.text;
    },
  };
  const fields = FIELD_MAPPINGS[object](read);
  const modifiedAt = read.dateTime('SystemModstamp');
  if (problems.length > 0) return reject('bad_timestamp', problems.join('; '));
  return { row: { entity: SALESFORCE_OBJECT_SPECS[object].entity, sourceObject: object, sourceId: id, modifiedAt, position: null, record, fields } };
}

function asText(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

function asScalar(value: unknown): LandingValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  // A compound value where a scalar belongs: kept visible so the column check rejects it.
  return JSON.stringify(value);
}

/** `https://www.acme.com/about` → `acme.com`; Salesforce Website is free text, often without a scheme. */
export function websiteDomain(website: string | null): string | null {
  if (website === null || website.trim() === '') return null;
  const text = website.trim();
  try {
    const host = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `https://${text}`).hostname.toLowerCase();
    return host.replace(/^www\./, '') || null;
  } catch {
    return null;
  }
}
