import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { projectRoot } from '../../src/paths.js';

const CLI_ENTRY = join(projectRoot, 'src', 'cli', 'main.ts');

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Starts the segflow CLI from source (through tsx) as its own process. */
export function spawnCli(args: string[], env: Record<string, string | undefined>): ChildProcess {
  return spawnEntry(CLI_ENTRY, args, env);
}

function spawnEntry(entry: string, args: string[], env: Record<string, string | undefined>): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', entry, ...args], {
    cwd: projectRoot,
    env: { ...process.env, TZ: 'UTC', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

export async function runCli(args: string[], env: Record<string, string | undefined> = {}): Promise<CliResult> {
  return collect(spawnCli(args, env));
}

/** Runs one of the project's TypeScript entry points other than the CLI (a bench), from source. */
export async function runScript(entry: string, args: string[], env: Record<string, string | undefined> = {}): Promise<CliResult> {
  return collect(spawnEntry(join(projectRoot, entry), args, env));
}

async function collect(child: ChildProcess): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (chunk) => { stdout += chunk; });
  child.stderr!.on('data', (chunk) => { stderr += chunk; });
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  return { code, stdout, stderr };
}
