import type { Command } from 'commander';
import { loadConfig } from '../../config.js';
import { loadSourcesFile } from '../../sources/config/loadSourcesFile.js';
import type { SourceCheck } from '../../sources/connector.js';
import { UserFacingError } from '../../userFacingError.js';
import { formatTable } from '../formatTable.js';

const CHECK_TIMEOUT_MS = 60_000;

export function registerSources(program: Command): void {
  const sources = program.command('sources').description('inspect the sources a sources file configures');
  sources
    .command('check')
    .description('validate the sources file and reach every source without landing anything')
    .requiredOption('--sources <file>', 'the sources file (segflow.sources.yaml)')
    .action(async (options: { sources: string }) => {
      const config = loadConfig();
      const { path, connectors } = await loadSourcesFile(options.sources, config.sourceEnv);
      const rows: Array<[string, string, string, string]> = [];
      for (const connector of connectors) {
        let checks: SourceCheck[];
        try {
          checks = await connector.check(AbortSignal.timeout(CHECK_TIMEOUT_MS));
        } catch (error) {
          const message = error instanceof UserFacingError ? `${error.message} — ${error.fix}` : (error as Error).message;
          checks = [{ object: '*', ok: false, message }];
        }
        for (const check of checks) rows.push([connector.name, check.object, check.ok ? 'ok' : 'FAILED', check.message]);
      }
      process.stdout.write(`${path}\n${formatTable(['source', 'object', 'status', 'detail'], rows)}\n`);
      const failed = rows.filter((row) => row[2] !== 'ok').length;
      if (failed > 0) {
        throw new UserFacingError(`${failed} of ${rows.length} source checks failed`, 'fix the sources marked FAILED above, then check again');
      }
    });
}
