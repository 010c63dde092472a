import { readFileSync } from 'node:fs';
import type { Knex } from 'knex';

export interface PostgresMemory {
  /** Largest sum, over one sample, of the private (anonymous) RSS of this database's backends: sorts and hashes, not shared buffers. */
  peakAnonMiB: number;
  /** Bytes PostgreSQL spilled to temporary files for this database meanwhile (sorts and hashes beyond work_mem). */
  tempMiB: number;
}

function anonKiB(pid: number): number {
  try {
    const match = /RssAnon:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) : 0;
  } catch {
    return 0; // a backend that ended between the listing and the read, or a server on another machine
  }
}

/**
 * Samples the memory of PostgreSQL's backends for this database once a second (PostgreSQL's work
 * is outside this process's RSS). Reads /proc, so it sees only a server on this machine.
 */
export async function watchPostgresMemory(monitor: Knex): Promise<{ stop(): Promise<PostgresMemory> }> {
  const tempBytes = async () => Number((await monitor.raw<{ rows: Array<{ temp_bytes: number }> }>(
    'select temp_bytes from pg_stat_database where datname = current_database()')).rows[0]!.temp_bytes);
  const startTemp = await tempBytes();
  let peakKiB = 0;
  let sampling = Promise.resolve();
  const sample = async () => {
    const backends = await monitor.raw<{ rows: Array<{ pid: number }> }>(
      'select pid from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()');
    peakKiB = Math.max(peakKiB, backends.rows.reduce((sum, { pid }) => sum + anonKiB(pid), 0));
  };
  const timer = setInterval(() => {
    sampling = sampling.then(sample, sample);
  }, 1_000);
  return {
    async stop() {
      clearInterval(timer);
      await sampling;
      await sample();
      // Backends report their statistics when they go idle, within about a second.
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      return { peakAnonMiB: Math.round(peakKiB / 1024), tempMiB: Math.round((await tempBytes() - startTemp) / 1024 / 1024) };
    },
  };
}
