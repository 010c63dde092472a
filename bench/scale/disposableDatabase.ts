import { BadInputError } from '../../src/badInputError.js';

/**
 * The scale benches drop and recreate their database. A DATABASE_URL naming any other database
 * (postgres, or the one a worker publishes to) would be wiped, so only a name with "bench" in it is taken,
 * and only a plain lower-case one: its kept copies are named after it and written into SQL unquoted.
 */
export function disposableDatabaseName(url: string): string {
  let name: string;
  try {
    name = decodeURIComponent(new URL(url).pathname.slice(1));
  } catch {
    // Not echoed: a malformed URL may still hold a password.
    throw new BadInputError('DATABASE_URL is not a URL', 'give postgres://user@host:port/segflow_bench_scale or leave it unset');
  }
  if (!/bench/.test(name) || !/^[a-z_][a-z0-9_]*$/.test(name)) {
    throw new BadInputError(
      `the bench drops and recreates its database, and DATABASE_URL names "${name || '(none)'}"`,
      'name a database of lower-case letters, digits and _ that contains "bench" (default segflow_bench_scale), or leave DATABASE_URL unset',
    );
  }
  return name;
}
