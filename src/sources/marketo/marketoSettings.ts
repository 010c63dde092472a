import { UserFacingError } from '../../userFacingError.js';
import type { SourceEnvironment } from '../connector.js';
import { SourceEntry } from '../config/sourceEntry.js';

export const MARKETO_OBJECTS = ['leads', 'activities'] as const;
export type MarketoObject = (typeof MARKETO_OBJECTS)[number];

/** Email and form activity types (Marketo's standard ids) a segmentation pipeline cares about. */
export const DEFAULT_ACTIVITY_TYPE_IDS: readonly number[] = [1, 2, 6, 7, 8, 9, 10, 11, 27];

const DAY_MS = 24 * 60 * 60 * 1000;

export interface MarketoSettings {
  name: string;
  /** REST endpoint of the instance, e.g. https://123-ABC-456.mktorest.com (no trailing slash, no /rest). */
  baseUrl: string;
  clientId: string;
  clientSecret: string;
  objects: MarketoObject[];
  activityTypeIds: number[];
  pollIntervalMs: number;
  /** Where a first (or full-refresh) extract starts; null means two years before the run. */
  since: string | null;
}

export function readMarketoSettings(raw: Readonly<Record<string, unknown>>, environment: SourceEnvironment): MarketoSettings {
  const entry = new SourceEntry(raw, environment);
  const baseUrl = entry.url('baseUrl').replace(/\/rest$/, '');
  return {
    name: entry.name,
    baseUrl,
    clientId: entry.secret('clientIdEnv'),
    clientSecret: entry.secret('clientSecretEnv'),
    objects: entry.stringList('objects', MARKETO_OBJECTS),
    activityTypeIds: readActivityTypeIds(entry.name, raw.activityTypeIds),
    pollIntervalMs: entry.number('pollIntervalMs', 10_000, { min: 100, max: 600_000 }),
    since: readSince(entry.name, entry.optionalString('since')),
  };
}

function readActivityTypeIds(source: string, value: unknown): number[] {
  if (value === undefined || value === null) return [...DEFAULT_ACTIVITY_TYPE_IDS];
  if (!Array.isArray(value) || value.length === 0 || !value.every((id) => Number.isInteger(id) && (id as number) > 0)) {
    throw new UserFacingError(
      `source "${source}" (marketo): activityTypeIds must be a non-empty list of activity type ids (got ${JSON.stringify(value)})`,
      'list Marketo activity type ids, e.g. [6, 7, 8, 9, 10, 11, 2]; GET /rest/v1/activities/types.json lists them',
    );
  }
  return value as number[];
}

function readSince(source: string, value: string | undefined): string | null {
  if (value === undefined) return null;
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) {
    throw new UserFacingError(`source "${source}" (marketo): since is not a date (got "${value}")`, 'set since to an ISO date, e.g. 2024-01-01');
  }
  return new Date(ms).toISOString();
}

/** Default start of a first extract: two years back, the usual Marketo activity retention horizon. */
export function defaultSince(now: number): number {
  return now - 730 * DAY_MS;
}
