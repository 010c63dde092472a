import pg from 'pg';
import { withDatabase } from '../../src/infra/ensureDatabase.js';

export interface SampledStatement {
  /** The statement's first line: a stage SQL file's grain comment, or the statement itself. */
  statement: string;
  /** Sampled seconds of the sessions that ran it (its wall time when one session ran it at a time). */
  seconds: number;
  /** Of those, seconds waiting on I/O (wait_event_type IO); the rest is CPU or locks. */
  ioSeconds: number;
  /** Sampled seconds of the parallel query workers that helped it (CPU it took besides its own session). */
  parallelWorkerSeconds: number;
}

/**
 * Samples the bench database's active statements from pg_stat_activity while a run goes on: where
 * PostgreSQL spends a run's time at any size, from the benchmark run itself, with no second run.
 * JavaScript time between statements is not seen here (the worker's --cpu-prof covers it).
 */
export async function startStatementSampler(databaseUrl: string, intervalMs = 1000) {
  const database = decodeURIComponent(new URL(databaseUrl).pathname.slice(1));
  const client = new pg.Client({ connectionString: withDatabase(databaseUrl, 'postgres'), application_name: 'segflow-bench-sampler' });
  await client.connect();
  const totals = new Map<string, { samples: number; io: number; workers: number }>();
  let sampling: Promise<void> = Promise.resolve();
  const timer = setInterval(() => {
    sampling = sampling.then(async () => {
      // A parallel worker shows its leader's statement: counted apart, so seconds stay wall time.
      const active = await client.query<{ query: string; wait_event_type: string | null; parallel_worker: boolean }>(
        `select left(query, 400) as query, wait_event_type, backend_type = 'parallel worker' as parallel_worker
         from pg_stat_activity where datname = $1 and state = 'active' and pid <> pg_backend_pid()`,
        [database],
      );
      for (const row of active.rows) {
        const statement = row.query.split('\n').map((line) => line.trim()).find((line) => line.length > 0)?.slice(0, 140) ?? '';
        const total = totals.get(statement) ?? { samples: 0, io: 0, workers: 0 };
        if (row.parallel_worker) total.workers += 1;
        else {
          total.samples += 1;
          if (row.wait_event_type === 'IO') total.io += 1;
        }
        totals.set(statement, total);
      }
    }).catch(() => undefined);
  }, intervalMs);
  return {
    /** The statements seen, longest first. */
    async stop(): Promise<SampledStatement[]> {
      clearInterval(timer);
      await sampling;
      await client.end();
      return [...totals.entries()]
        .map(([statement, { samples, io, workers }]) => ({
          statement,
          seconds: (samples * intervalMs) / 1000,
          ioSeconds: (io * intervalMs) / 1000,
          parallelWorkerSeconds: (workers * intervalMs) / 1000,
        }))
        .sort((a, b) => b.seconds - a.seconds);
    },
  };
}
