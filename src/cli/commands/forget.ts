import type { Command } from 'commander';
import { loadConfig, requirePiiKey } from '../../config.js';
import { clearExpiredRawPii } from '../../identity/clearExpiredRawPii.js';
import { forgetPerson, type ErasureReport } from '../../identity/forgetPerson.js';
import type { ForgetRequest } from '../../identity/forgetTargets.js';
import { openDatabase } from '../../infra/openDatabase.js';
import { UserFacingError } from '../../userFacingError.js';
import { formatTable } from '../formatTable.js';
import { log } from '../log.js';

interface ForgetOptions {
  email?: string;
  customer?: string;
  expired?: boolean;
}

const USAGE = 'use exactly one of --email <address>, --customer <customer id> or --expired';

function request(options: ForgetOptions): ForgetRequest | 'expired' {
  const given = [options.email !== undefined, options.customer !== undefined, options.expired === true].filter(Boolean).length;
  if (given !== 1) throw new UserFacingError(given === 0 ? 'segflow forget needs to know whom to forget' : 'segflow forget takes one request at a time', USAGE);
  if (options.expired) return 'expired';
  if (options.customer !== undefined) {
    if (options.customer.trim() === '') throw new UserFacingError('--customer is empty', 'give a customer id as the output tables show it, e.g. --customer per_0123456789abcdef');
    return { customerId: options.customer.trim() };
  }
  return { email: options.email ?? '' };
}

function printReport(report: ErasureReport): void {
  const rows = Object.entries(report.rowCounts);
  if (rows.length === 0) {
    process.stdout.write('nothing to erase: no row in raw, core or segflow belongs to this person\n');
  } else {
    const total = rows.reduce((sum, [, n]) => sum + n, 0);
    process.stdout.write(`erased ${total} rows (ids: ${report.customerIds.join(', ') || 'none resolved'})\n`);
    process.stdout.write(`${formatTable(['table', 'rows erased'], rows)}\n`);
  }
  process.stdout.write(`${report.suppressed} ${report.suppressed === 1 ? 'identity' : 'identities'} added to raw.suppressed_identities: later extracts reject them as suppressed (erasure ${report.erasureId})\n`);
}

export function registerForget(program: Command): void {
  program
    .command('forget')
    .description('erase a person from raw, core and segflow and keep them out of later extracts (needs SEGFLOW_PII_KEY)')
    .option('--email <address>', 'the person\'s email address (any spelling: case, gmail dots and +tags are normalised)')
    .option('--customer <id>', 'every member of this customer or person id (per_..., acc_...) in the latest identity run')
    .option('--expired', 'clear personal columns of raw rows older than SEGFLOW_RAW_RETENTION_DAYS')
    .action(async (options: ForgetOptions) => {
      const asked = request(options);
      const config = loadConfig();
      if (asked === 'expired') {
        const days = config.rawRetentionDays;
        if (days === undefined) {
          throw new UserFacingError('SEGFLOW_RAW_RETENTION_DAYS is not set, so raw data is kept', 'set SEGFLOW_RAW_RETENTION_DAYS to the days raw personal data may be kept, e.g. 90');
        }
        const database = await openDatabase(config, log);
        try {
          const counts = await clearExpiredRawPii(database.db, days);
          const rows = Object.entries(counts);
          process.stdout.write(rows.length === 0
            ? `nothing to clear: no raw personal data older than ${days} days\n`
            : `cleared personal columns older than ${days} days\n${formatTable(['table', 'rows cleared'], rows)}\n`);
        } finally {
          await database.close();
        }
        return;
      }
      // Checked before connecting: without the key no pseudonym, and no person, can be found.
      const piiKey = requirePiiKey(config.piiKey);
      const database = await openDatabase(config, log);
      try {
        printReport(await forgetPerson(database.db, asked, piiKey));
      } finally {
        await database.close();
      }
    });
}
