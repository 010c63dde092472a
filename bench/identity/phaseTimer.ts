import type { Knex } from 'knex';
import { stageSql } from '../../src/db/stageSql.js';

export interface PhaseTiming {
  phase: string;
  seconds: number;
  /** This process's peak RSS when the phase ended: the phase that raises it is the one that holds memory. */
  peakRssMiB: number;
}

const grainOf = (stage: string) => stageSql(stage).split('\n')[0]!;

// The statement that opens each phase of src/identity/resolveIdentities.ts, in order.
const PHASES: ReadonlyArray<[string, (sql: string) => boolean]> = [
  ['lock, clear the run', (sql) => sql.startsWith('select pg_advisory_xact_lock')],
  ['load: clean, pseudonymise, COPY', (sql) => sql.startsWith('declare identity_landed')],
  ['statistics (ANALYZE)', (sql) => sql.startsWith('analyze ')],
  ['email-domain accounts', (sql) => sql.startsWith(grainOf('identity_domain_members'))],
  ['links: shared keys (SQL)', (sql) => sql.startsWith(grainOf('identity_links_shared_keys'))],
  ['links: fuzzy account names', (sql) => sql.startsWith('declare identity_account_names')],
  ['clusters: union-find', (sql) => sql.startsWith('declare identity_link_pairs')],
  ['stable ids', (sql) => sql.startsWith(grainOf('identity_cluster_keys'))],
  ['people → accounts, customers', (sql) => sql.startsWith(grainOf('identity_person_accounts'))],
  ['summary', (sql) => /^select "rule", count\(\*\)/.test(sql)],
];

const peakRssMiB = () => Math.round(process.resourceUsage().maxRSS / 1024);

/**
 * Splits the wall time of one resolveIdentities call into its phases by watching the statements it
 * sends (knex 'query' events): a phase runs from its opening statement to the next phase's.
 */
export function watchPhases(db: Knex): { stop(): PhaseTiming[] } {
  const timings: PhaseTiming[] = [];
  let current: { phase: string; started: number } | undefined;
  const close = () => {
    if (current) timings.push({ phase: current.phase, seconds: (performance.now() - current.started) / 1000, peakRssMiB: peakRssMiB() });
  };
  const onQuery = (query: { sql: string }) => {
    const opened = PHASES.find(([phase, opens]) => phase !== current?.phase && opens(query.sql.trimStart()));
    if (!opened) return;
    close();
    current = { phase: opened[0], started: performance.now() };
  };
  db.on('query', onQuery);
  return {
    stop() {
      db.removeListener('query', onQuery);
      close();
      return timings;
    },
  };
}
