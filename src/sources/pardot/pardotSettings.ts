import type { SourceEnvironment } from '../connector.js';
import { SourceEntry } from '../config/sourceEntry.js';

export const PARDOT_OBJECTS = ['prospects', 'visitor-activities'] as const;
export type PardotObject = (typeof PARDOT_OBJECTS)[number];

export interface PardotSettings {
  name: string;
  /** https://pi.pardot.com (production) or https://pi.demo.pardot.com (developer orgs, sandboxes). */
  baseUrl: string;
  businessUnitId: string;
  /** Salesforce OAuth access token with the pardot_api scope. */
  accessToken: string;
  objects: PardotObject[];
  /** Records per page; the v5 query endpoints allow at most 1000. */
  pageSize: number;
}

export function readPardotSettings(raw: Readonly<Record<string, unknown>>, environment: SourceEnvironment): PardotSettings {
  const entry = new SourceEntry(raw, environment);
  return {
    name: entry.name,
    baseUrl: entry.has('baseUrl') ? entry.url('baseUrl') : 'https://pi.pardot.com',
    businessUnitId: entry.secret('businessUnitIdEnv'),
    accessToken: entry.secret('tokenEnv'),
    objects: entry.stringList('objects', PARDOT_OBJECTS),
    pageSize: entry.number('pageSize', 1000, { min: 1, max: 1000 }),
  };
}
