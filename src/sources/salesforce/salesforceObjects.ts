import type { JsonValue } from '../connector.js';
import type { LandingEntity } from '../landing/landingEntities.js';

export const SALESFORCE_OBJECTS = ['Account', 'Contact', 'Lead', 'Opportunity'] as const;
export type SalesforceObjectName = (typeof SALESFORCE_OBJECTS)[number];

/** A record as the REST query resource returns it: `attributes: {type, url}` plus the selected fields. */
export type SalesforceRecord = { [field: string]: JsonValue };

/** What each object lands as and the fields the query selects (the ones the mapping reads). */
export const SALESFORCE_OBJECT_SPECS: Readonly<Record<SalesforceObjectName, { entity: LandingEntity; fields: readonly string[] }>> = {
  Account: {
    entity: 'accounts',
    fields: [
      'Id', 'Name', 'Website', 'Industry', 'NumberOfEmployees', 'AnnualRevenue', 'CurrencyIsoCode', 'BillingCountry', 'BillingState',
      'BillingCity', 'CreatedDate', 'SystemModstamp',
    ],
  },
  Contact: {
    entity: 'contacts',
    fields: ['Id', 'AccountId', 'Email', 'Phone', 'FirstName', 'LastName', 'Title', 'MailingCountry', 'CreatedDate', 'SystemModstamp'],
  },
  Lead: {
    entity: 'leads',
    fields: [
      'Id', 'Email', 'Phone', 'FirstName', 'LastName', 'Company', 'Country', 'LeadSource', 'Status', 'IsConverted', 'ConvertedContactId',
      'ConvertedAccountId', 'ConvertedDate', 'CreatedDate', 'SystemModstamp',
    ],
  },
  Opportunity: {
    entity: 'opportunities',
    fields: [
      'Id', 'AccountId', 'ContactId', 'Name', 'StageName', 'Amount', 'CurrencyIsoCode', 'IsClosed', 'IsWon', 'CloseDate', 'CreatedDate',
      'SystemModstamp',
    ],
  },
};

export function isSalesforceObjectName(name: string): name is SalesforceObjectName {
  return (SALESFORCE_OBJECTS as readonly string[]).includes(name);
}
