import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { delimiter, join } from 'node:path';
import type { SegflowConfig } from '../config.js';
import { UserFacingError } from '../userFacingError.js';

export const TEMPORAL_CLI_MODULE = 'github.com/temporalio/cli/cmd/temporal@v1.5.1';

function onPath(name: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    const candidate = join(dir, name);
    if (dir && existsSync(candidate)) return candidate;
  }
  return undefined;
}

/**
 * The temporal CLI: SEGFLOW_TEMPORAL_CLI, else `temporal` on PATH, else .tools/bin/temporal,
 * built from the Go module proxy on first use (takes minutes once, then is reused).
 */
export async function locateTemporalCli(config: SegflowConfig, log: (line: string) => void): Promise<string> {
  if (config.temporalCliPath) {
    if (!existsSync(config.temporalCliPath)) {
      throw new UserFacingError(`SEGFLOW_TEMPORAL_CLI=${config.temporalCliPath} does not exist`, 'point it at a temporal binary, or unset it');
    }
    return config.temporalCliPath;
  }
  const built = join(config.toolsDir, 'bin', 'temporal');
  const found = onPath('temporal') ?? (existsSync(built) ? built : undefined);
  if (found) return found;
  if (spawnSync('go', ['version']).status !== 0) {
    throw new UserFacingError(
      'no temporal CLI found and Go is not installed to build it',
      'install Go 1.22+ or the temporal CLI, or set TEMPORAL_ADDRESS to an existing Temporal server',
    );
  }
  await mkdir(join(config.toolsDir, 'bin'), { recursive: true });
  log(`building the Temporal CLI (${TEMPORAL_CLI_MODULE}) into ${join(config.toolsDir, 'bin')}; this takes a few minutes once`);
  const exitCode = await new Promise<number | null>((resolve) => {
    const build = spawn('go', ['install', TEMPORAL_CLI_MODULE], {
      env: { ...process.env, GOBIN: join(config.toolsDir, 'bin') },
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    build.on('exit', resolve);
    build.on('error', () => resolve(-1));
  });
  if (exitCode !== 0 || !existsSync(built)) {
    throw new UserFacingError(
      `building the Temporal CLI failed (go install exit ${exitCode})`,
      'check that the Go module proxy is reachable, or set TEMPORAL_ADDRESS to an existing Temporal server',
    );
  }
  return built;
}
