import { isAbsolute, join, resolve } from 'node:path';
import type { PayloadKey, PayloadKeyring } from './infra/aesGcmPayloadCodec.js';
import { projectRoot } from './paths.js';
import { DEFAULT_QUALITY_GATES, type QualityGates } from './quality/qualityGates.js';
import { DEFAULT_AS_OF_CLAIM_TIMEOUT_MINUTES } from './runs/asOfClaim.js';
import { UserFacingError } from './userFacingError.js';

/** Everything segflow reads from the environment, validated once. The only reader of process.env. */
export interface SegflowConfig {
  /** External PostgreSQL; undefined starts an embedded one under homeDir. */
  databaseUrl: string | undefined;
  /** External Temporal frontend (host:port); undefined starts the dev server under homeDir. */
  temporalAddress: string | undefined;
  temporalNamespace: string;
  taskQueue: string;
  /** Local state: embedded PostgreSQL data, Temporal dev-server SQLite file, their pid files. */
  homeDir: string;
  /** Folder holding the public datasets (online-retail/, cdnow/, ...). */
  dataDir: string;
  /** Where the temporal CLI is built when it is not on PATH. */
  toolsDir: string;
  /** Explicit temporal CLI binary; otherwise PATH, then toolsDir/bin. */
  temporalCliPath: string | undefined;
  embeddedPostgresPort: number;
  temporalDevServerPort: number;
  temporalUiPort: number;
  kmeansSeed: number;
  /** Variables a sources file may name for its secrets (tokens, client secrets); read only by name. */
  sourceEnv: Env;
  /** SEGFLOW_PII_KEY: the HMAC key that pseudonymises emails and phones; only identity resolution needs it. */
  piiKey: string | undefined;
  /** SEGFLOW_RAW_RETENTION_DAYS: personal columns of raw rows older than this are cleared by `segflow forget --expired`; undefined keeps them. */
  rawRetentionDays: number | undefined;
  /** SEGFLOW_CHROMIUM: the Chromium binary that opens a written report in the browser test; default Debian's /usr/bin/chromium. */
  chromiumPath: string;
  /** SEGFLOW_AS_OF_CLAIM_TIMEOUT_MINUTES: a running run's claim on its as-of date lapses after this (its workflow may have died). */
  asOfClaimTimeoutMinutes: number;
  /** SEGFLOW_GATE_*: quality-gate thresholds checked before a run is published. */
  qualityGates: QualityGates;
  /** SEGFLOW_PARTITION_CUSTOMERS: customers per partition of a partitioned stage (each partition is one activity, on any worker). */
  partitionCustomers: number;
  /** SEGFLOW_FIT_SAMPLE_CUSTOMERS: the most customers a model (k-means, CLV) is fitted on; a larger run is fitted on a hash sample of this many. */
  fitSampleCustomers: number;
  /**
   * SEGFLOW_PAYLOAD_KEY (base64 of 32 bytes) named by SEGFLOW_PAYLOAD_KEY_ID (default "default"), plus
   * SEGFLOW_PAYLOAD_PREVIOUS_KEYS (id:base64,...) still accepted when decoding; when set, Temporal payloads
   * are encrypted with AES-256-GCM.
   */
  payloadKeyring: PayloadKeyring | undefined;
}

type Env = Readonly<Record<string, string | undefined>>;

function port(env: Env, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1 || value > 65535) {
    throw new UserFacingError(`${name}="${raw}" is not a TCP port`, `set ${name} to a number between 1 and 65535, or unset it`);
  }
  return value;
}

function integer(env: Env, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isSafeInteger(value)) {
    throw new UserFacingError(`${name}="${raw}" is not an integer`, `set ${name} to a whole number, or unset it`);
  }
  return value;
}

function positiveDays(env: Env, name: string): number | undefined {
  const raw = env[name]?.trim();
  if (!raw) return undefined;
  const value = Number(raw);
  if (!Number.isSafeInteger(value) || value < 1) {
    throw new UserFacingError(`${name}="${raw}" is not a number of days`, `set ${name} to a whole number of days (1 or more), or unset it to keep raw data`);
  }
  return value;
}

function positiveNumber(env: Env, name: string, fallback: number): number;
function positiveNumber(env: Env, name: string, fallback: number | undefined): number | undefined;
function positiveNumber(env: Env, name: string, fallback: number | undefined): number | undefined {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0) {
    throw new UserFacingError(`${name}="${raw}" is not a positive number`, `set ${name} to a number above 0, or unset it for the default`);
  }
  return value;
}

function qualityGates(env: Env): QualityGates {
  return {
    maxCustomerDropPct: positiveNumber(env, 'SEGFLOW_GATE_MAX_CUSTOMER_DROP_PCT', DEFAULT_QUALITY_GATES.maxCustomerDropPct),
    maxKeyFeatureNullRate: positiveNumber(env, 'SEGFLOW_GATE_MAX_KEY_FEATURE_NULL_RATE', DEFAULT_QUALITY_GATES.maxKeyFeatureNullRate),
    maxRejectRate: positiveNumber(env, 'SEGFLOW_GATE_MAX_REJECT_RATE', DEFAULT_QUALITY_GATES.maxRejectRate),
    maxDataAgeDays: positiveNumber(env, 'SEGFLOW_GATE_MAX_DATA_AGE_DAYS', DEFAULT_QUALITY_GATES.maxDataAgeDays),
  };
}

const PAYLOAD_KEY_BYTES = 32;

function payloadKey(name: string, id: string, raw: string): PayloadKey {
  const key = /^[A-Za-z0-9+/]+={0,2}$/.test(raw) ? Buffer.from(raw, 'base64') : Buffer.alloc(0);
  if (key.length !== PAYLOAD_KEY_BYTES) {
    throw new UserFacingError(
      `${name} is not base64 of ${PAYLOAD_KEY_BYTES} bytes (it decodes to ${key.length})`,
      'generate a key with `openssl rand -base64 32`, and give the worker and every client the same key',
    );
  }
  return { id, key };
}

function payloadKeyring(env: Env): PayloadKeyring | undefined {
  const raw = env.SEGFLOW_PAYLOAD_KEY?.trim();
  if (!raw) return undefined;
  const current = payloadKey('SEGFLOW_PAYLOAD_KEY', env.SEGFLOW_PAYLOAD_KEY_ID?.trim() || 'default', raw);
  const previous = (env.SEGFLOW_PAYLOAD_PREVIOUS_KEYS ?? '').split(',').map((entry) => entry.trim()).filter(Boolean).map((entry) => {
    const colon = entry.indexOf(':');
    if (colon < 1) {
      throw new UserFacingError('SEGFLOW_PAYLOAD_PREVIOUS_KEYS has an entry without an id', 'list retired keys as id:base64, separated by commas');
    }
    return payloadKey(`SEGFLOW_PAYLOAD_PREVIOUS_KEYS key "${entry.slice(0, colon)}"`, entry.slice(0, colon), entry.slice(colon + 1));
  });
  return { current, previous };
}

function databaseUrl(env: Env): string | undefined {
  const raw = env.DATABASE_URL?.trim();
  if (!raw) return undefined;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new UserFacingError('DATABASE_URL is not a URL', 'use postgres://user[:password]@host:port/database, or unset it for an embedded PostgreSQL');
  }
  if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') {
    throw new UserFacingError(`DATABASE_URL has scheme "${url.protocol}"`, 'use a postgres:// URL, or unset it for an embedded PostgreSQL');
  }
  if (url.pathname.length <= 1) {
    throw new UserFacingError('DATABASE_URL names no database', 'end it with /<database>, e.g. postgres://postgres@127.0.0.1:5432/segflow');
  }
  return raw;
}

function temporalAddress(env: Env): string | undefined {
  const raw = env.TEMPORAL_ADDRESS?.trim();
  if (!raw) return undefined;
  if (!/^[^\s:/]+:\d{1,5}$/.test(raw)) {
    throw new UserFacingError(`TEMPORAL_ADDRESS="${raw}" is not host:port`, 'set it like 127.0.0.1:7233, or unset it to start a local dev server');
  }
  return raw;
}

function folder(env: Env, name: string, fallback: string): string {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  return isAbsolute(raw) ? raw : resolve(raw);
}

export function loadConfig(env: Env = process.env): SegflowConfig {
  return {
    databaseUrl: databaseUrl(env),
    temporalAddress: temporalAddress(env),
    temporalNamespace: env.TEMPORAL_NAMESPACE?.trim() || 'default',
    taskQueue: env.SEGFLOW_TASK_QUEUE?.trim() || 'segflow',
    homeDir: folder(env, 'SEGFLOW_HOME', join(projectRoot, '.segflow')),
    dataDir: folder(env, 'SEGFLOW_DATA_DIR', resolve(projectRoot, '..', 'shared', 'data')),
    toolsDir: folder(env, 'SEGFLOW_TOOLS_DIR', join(projectRoot, '.tools')),
    temporalCliPath: env.SEGFLOW_TEMPORAL_CLI?.trim() || undefined,
    embeddedPostgresPort: port(env, 'SEGFLOW_EMBEDDED_PG_PORT', 54329),
    temporalDevServerPort: port(env, 'SEGFLOW_TEMPORAL_PORT', 7233),
    temporalUiPort: port(env, 'SEGFLOW_TEMPORAL_UI_PORT', 8233),
    kmeansSeed: integer(env, 'SEGFLOW_KMEANS_SEED', 42),
    sourceEnv: env,
    piiKey: env.SEGFLOW_PII_KEY || undefined,
    rawRetentionDays: positiveDays(env, 'SEGFLOW_RAW_RETENTION_DAYS'),
    chromiumPath: env.SEGFLOW_CHROMIUM?.trim() || '/usr/bin/chromium',
    asOfClaimTimeoutMinutes: positiveNumber(env, 'SEGFLOW_AS_OF_CLAIM_TIMEOUT_MINUTES', DEFAULT_AS_OF_CLAIM_TIMEOUT_MINUTES),
    qualityGates: qualityGates(env),
    partitionCustomers: Math.ceil(positiveNumber(env, 'SEGFLOW_PARTITION_CUSTOMERS', DEFAULT_PARTITION_CUSTOMERS)),
    fitSampleCustomers: Math.ceil(positiveNumber(env, 'SEGFLOW_FIT_SAMPLE_CUSTOMERS', DEFAULT_FIT_SAMPLE_CUSTOMERS)),
    payloadKeyring: payloadKeyring(env),
  };
}

const MIN_PII_KEY_LENGTH = 16;
/** A partition of 250,000 customers keeps a CLV value activity near 100 MiB of typed arrays and strings. */
export const DEFAULT_PARTITION_CUSTOMERS = 250_000;
/** A quarter of a million customers fixes k-means centroids and the CLV models' parameters well within what a quarter's data moves them. */
export const DEFAULT_FIT_SAMPLE_CUSTOMERS = 250_000;

/**
 * The pseudonymisation key, for the stages that need it. Checked there rather than at start-up,
 * so runs that never resolve identities (an Online Retail file) do not need one.
 */
export function requirePiiKey(key: string | undefined): string {
  if (!key) {
    throw new UserFacingError(
      'SEGFLOW_PII_KEY is not set: identity resolution pseudonymises emails and phones with it',
      'set SEGFLOW_PII_KEY to a secret of at least 16 characters (e.g. `openssl rand -hex 32`) and keep it: a new key gives every customer new pseudonyms',
    );
  }
  if (key.length < MIN_PII_KEY_LENGTH) {
    throw new UserFacingError(`SEGFLOW_PII_KEY has ${key.length} characters`, `use a secret of at least ${MIN_PII_KEY_LENGTH} characters, e.g. \`openssl rand -hex 32\``);
  }
  return key;
}
