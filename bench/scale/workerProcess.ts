import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { projectRoot } from '../../src/paths.js';

export interface RssSample {
  at: number;
  rssKiB: number;
}

export interface WorkerReport {
  /** VmHWM since the worker was ready (the workflow bundle is built before, and not counted). */
  peakRssKiB: number;
  /** The process's own maxRSS at exit, start-up included. */
  lifetimeMaxRssKiB: number | null;
  samples: RssSample[];
}

export interface BenchWorker {
  pid: number;
  stop(): Promise<WorkerReport>;
}

function statusKiB(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status);
  return match ? Number(match[1]) : Number.NaN;
}

/**
 * Starts bench/scale/benchWorker.ts under node (tsx loader) with the given environment, waits for
 * it to poll, resets its RSS high-water mark and samples its RSS every 100 ms until stop().
 * cpuProfileDir adds --cpu-prof so the worker writes a .cpuprofile there on exit.
 */
export async function startBenchWorker(env: NodeJS.ProcessEnv, cpuProfileDir?: string): Promise<BenchWorker> {
  const args = ['--import', 'tsx', ...(cpuProfileDir ? ['--cpu-prof', '--cpu-prof-dir', cpuProfileDir] : []), join(projectRoot, 'bench', 'scale', 'benchWorker.ts')];
  const child: ChildProcess = spawn(process.execPath, args, { cwd: projectRoot, env, stdio: ['pipe', 'pipe', 'inherit'] });
  const lines = createInterface({ input: child.stdout! });
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  let lastLine = '';
  const ready = new Promise<void>((resolve, reject) => {
    lines.on('line', (line) => {
      lastLine = line;
      if (line === 'ready') resolve();
    });
    void exited.then((code) => reject(new Error(`bench worker exited with code ${code} before it was ready`)));
  });
  await ready;
  const pid = child.pid!;
  // Writing 5 to clear_refs resets VmHWM (Linux ≥ 4.0), so the peak is the run's, not the bundler's.
  writeFileSync(`/proc/${pid}/clear_refs`, '5');
  const samples: RssSample[] = [];
  const sampler = setInterval(() => {
    try {
      samples.push({ at: Date.now(), rssKiB: statusKiB(pid, 'VmRSS') });
    } catch {
      // The process is gone; stop() reports what was sampled.
    }
  }, 100);
  return {
    pid,
    async stop() {
      clearInterval(sampler);
      const peakRssKiB = statusKiB(pid, 'VmHWM');
      child.kill('SIGTERM');
      await exited;
      let lifetimeMaxRssKiB: number | null = null;
      try {
        lifetimeMaxRssKiB = (JSON.parse(lastLine) as { maxRssKiB: number }).maxRssKiB;
      } catch {
        // The worker died without its report; the sampled peak stands.
      }
      return { peakRssKiB, lifetimeMaxRssKiB, samples };
    },
  };
}
