import type { LandingEntity } from '../landing/landingEntities.js';

export const HUBSPOT_OBJECTS = ['contacts', 'companies', 'deals'] as const;
export type HubspotObjectName = (typeof HUBSPOT_OBJECTS)[number];

/** Associations as the v3 list endpoint returns them with `associations=companies,contacts`. */
export type HubspotAssociations = { [toObject: string]: { results: Array<{ id: string; type: string }> } };

/** A CRM object as the v3 objects API returns it. */
export type HubspotObject = {
  id: string;
  properties: { [name: string]: string | null };
  createdAt: string;
  updatedAt: string;
  archived: boolean;
  associations?: HubspotAssociations;
};

interface HubspotObjectSpec {
  entity: LandingEntity;
  /** The modification-time property search filters and sorts on (contacts name it differently). */
  modifiedProperty: string;
  /** Properties read (the ones the mapping uses). */
  properties: readonly string[];
  /** Associations the list endpoint is asked for. */
  associations: readonly HubspotObjectName[];
}

export const HUBSPOT_OBJECT_SPECS: Readonly<Record<HubspotObjectName, HubspotObjectSpec>> = {
  contacts: {
    entity: 'contacts',
    modifiedProperty: 'lastmodifieddate',
    properties: ['email', 'firstname', 'lastname', 'phone', 'jobtitle', 'country', 'lifecyclestage', 'associatedcompanyid', 'createdate', 'lastmodifieddate'],
    associations: ['companies'],
  },
  companies: {
    entity: 'accounts',
    modifiedProperty: 'hs_lastmodifieddate',
    properties: ['name', 'domain', 'industry', 'numberofemployees', 'annualrevenue', 'country', 'state', 'city', 'createdate', 'hs_lastmodifieddate'],
    associations: [],
  },
  deals: {
    entity: 'opportunities',
    modifiedProperty: 'hs_lastmodifieddate',
    properties: ['dealname', 'amount', 'dealstage', 'pipeline', 'closedate', 'deal_currency_code', 'createdate', 'hs_lastmodifieddate'],
    associations: ['companies', 'contacts'],
  },
};

export function isHubspotObjectName(name: string): name is HubspotObjectName {
  return (HUBSPOT_OBJECTS as readonly string[]).includes(name);
}
