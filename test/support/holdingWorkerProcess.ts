import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { projectRoot } from '../../src/paths.js';

const ENTRY = join(projectRoot, 'test', 'support', 'holdingWorker.ts');

export interface HoldSpec {
  activity: string;
  /** entry: parked before the activity runs; exit: after it ran and committed, before its result reaches Temporal. */
  at: 'entry' | 'exit';
}

export interface HoldingWorkerProcess {
  child: ChildProcess;
  /** Tells the worker where to park; resolves once it has taken the order. */
  hold(spec: HoldSpec): Promise<void>;
  /** Resolves when the worker parks the activity it was told to hold; rejects when the process exits first or time runs out. */
  held(timeoutMs: number): Promise<void>;
  /** Lets a parked activity go on. */
  release(): void;
  kill(): Promise<void>;
  /** What the process printed, for failure messages. */
  output(): string;
}

/** Starts test/support/holdingWorker.ts as its own process with the given environment. */
export function startHoldingWorker(env: Record<string, string | undefined>): HoldingWorkerProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', ENTRY], {
    cwd: projectRoot,
    env: { ...process.env, TZ: 'UTC', ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  let holding: string | undefined;
  child.stdout!.on('data', (chunk) => { stdout += chunk; });
  child.stderr!.on('data', (chunk) => { stderr += chunk; });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const output = () => `stdout:\n${stdout}\nstderr:\n${stderr.slice(-4_000)}`;

  const printed = (line: string, timeoutMs: number) => new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => finish(new Error(`worker did not print "${line}" within ${timeoutMs} ms\n${output()}`)), timeoutMs);
    const check = () => { if (stdout.includes(`${line}\n`)) finish(); };
    const onExit = () => finish(new Error(`worker exited (${child.exitCode ?? child.signalCode}) before printing "${line}"\n${output()}`));
    function finish(error?: Error) {
      clearTimeout(timer);
      child.stdout!.off('data', check);
      child.off('exit', onExit);
      if (error) reject(error);
      else resolve();
    }
    child.stdout!.on('data', check);
    child.once('exit', onExit);
    check();
  });

  return {
    child,
    output,
    hold: async ({ activity, at }) => {
      holding = activity;
      child.stdin!.write(`hold ${activity} ${at}\n`);
      await printed(`will hold ${activity} at ${at}`, 120_000);
    },
    held: (timeoutMs) => printed(`holding ${holding}`, timeoutMs),
    release: () => { child.stdin!.write('release\n'); },
    kill: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    },
  };
}
