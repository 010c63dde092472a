import { isAbsolute, resolve } from 'node:path';
import { UserFacingError } from '../../userFacingError.js';
import type { SourceEnvironment } from '../connector.js';

/**
 * Typed reads of one source's entry in the sources file. Every failure names the source and the
 * field, so a wrong config fails fast with a message that says what to change.
 */
export class SourceEntry {
  readonly name: string;
  readonly type: string;

  constructor(
    private readonly entry: Readonly<Record<string, unknown>>,
    private readonly environment: SourceEnvironment,
  ) {
    this.name = typeof entry.name === 'string' && entry.name ? entry.name : '(unnamed)';
    this.type = typeof entry.type === 'string' ? entry.type : '(no type)';
  }

  private fail(key: string, problem: string, fix: string): never {
    throw new UserFacingError(`source "${this.name}" (${this.type}): ${key} ${problem}`, fix);
  }

  has(key: string): boolean {
    return this.entry[key] !== undefined && this.entry[key] !== null;
  }

  string(key: string): string {
    const value = this.entry[key];
    if (typeof value !== 'string' || value.trim() === '') this.fail(key, 'is missing', `add ${key}: <text> to the source's entry`);
    return value;
  }

  optionalString(key: string): string | undefined {
    return this.has(key) ? this.string(key) : undefined;
  }

  number(key: string, fallback: number, range: { min: number; max: number }): number {
    if (!this.has(key)) return fallback;
    const value = this.entry[key];
    if (typeof value !== 'number' || !Number.isFinite(value) || value < range.min || value > range.max) {
      this.fail(key, `must be a number from ${range.min} to ${range.max} (got ${JSON.stringify(value)})`, `set ${key} within that range`);
    }
    return value;
  }

  boolean(key: string, fallback: boolean): boolean {
    if (!this.has(key)) return fallback;
    const value = this.entry[key];
    if (typeof value !== 'boolean') this.fail(key, `must be true or false (got ${JSON.stringify(value)})`, `set ${key}: true or false`);
    return value;
  }

  /** A list of strings restricted to `allowed`; defaults to all of them. */
  stringList<T extends string>(key: string, allowed: readonly T[], fallback: readonly T[] = allowed): T[] {
    if (!this.has(key)) return [...fallback];
    const value = this.entry[key];
    if (!Array.isArray(value) || value.length === 0) this.fail(key, 'must be a non-empty list', `list some of: ${allowed.join(', ')}`);
    for (const item of value) {
      if (typeof item !== 'string' || !(allowed as readonly string[]).includes(item)) {
        this.fail(key, `has an unknown entry ${JSON.stringify(item)}`, `use only: ${allowed.join(', ')}`);
      }
    }
    return value as T[];
  }

  /** A nested mapping of string → string (e.g. a column mapping). */
  stringMap(key: string): Record<string, string> {
    const value = this.entry[key];
    if (typeof value !== 'object' || value === null || Array.isArray(value)) this.fail(key, 'must be a mapping of name: value', `add ${key}: with one line per field`);
    const out: Record<string, string> = {};
    for (const [k, v] of Object.entries(value)) {
      if (typeof v !== 'string') this.fail(`${key}.${k}`, `must be text (got ${JSON.stringify(v)})`, `quote the value of ${key}.${k}`);
      out[k] = v;
    }
    return out;
  }

  /** A URL without a trailing slash. */
  url(key: string): string {
    const value = this.string(key);
    try {
      const parsed = new URL(value);
      if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') throw new Error('not http');
    } catch {
      this.fail(key, `is not an http(s) URL (got "${value}")`, `set ${key} to the full base URL, e.g. https://example.com`);
    }
    return value.replace(/\/+$/, '');
  }

  /** A path from the entry, resolved against the sources file's folder. */
  path(key: string): string {
    const value = this.string(key);
    return isAbsolute(value) ? value : resolve(this.environment.baseDir, value);
  }

  /**
   * A secret: the entry names an environment variable (`<key>: VAR_NAME`), never the secret itself,
   * so the sources file can be committed.
   */
  secret(key: string): string {
    const variable = this.string(key);
    const value = this.environment.env[variable];
    if (value === undefined || value === '') {
      throw new UserFacingError(
        `source "${this.name}" (${this.type}): environment variable ${variable} (named by ${key}) is not set`,
        `export ${variable}=<secret> before running segflow`,
      );
    }
    return value;
  }
}
