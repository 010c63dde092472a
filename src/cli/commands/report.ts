import { constants } from 'node:fs';
import { access, stat, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import type { Command } from 'commander';
import { BadInputError } from '../../badInputError.js';
import { loadConfig } from '../../config.js';
import { openDatabase } from '../../infra/openDatabase.js';
import { REPORT_FORMATS, type ReportFormat } from '../../report/reportFormat.js';
import { reportRequest, type ReportOptions } from '../../report/reportRequest.js';
import { log } from '../log.js';

interface ReportCommandOptions extends ReportOptions {
  out: string;
  format: string;
  currency: string;
}

function checkCurrency(code: string): string {
  try {
    return new Intl.NumberFormat('en-GB', { style: 'currency', currency: code }).resolvedOptions().currency!;
  } catch {
    throw new BadInputError(`--currency "${code}" is not an ISO 4217 currency code`, 'give the code of the amounts in the data, e.g. --currency GBP');
  }
}

/** Fails before any work when --out cannot be written: a missing folder, a folder, or no permission. */
async function checkWritable(out: string): Promise<void> {
  const path = resolve(out);
  const existing = await stat(path).catch(() => undefined);
  if (existing?.isDirectory()) throw new BadInputError(`--out ${out} is a directory`, 'give a file name, e.g. --out report.html');
  const target = existing ? path : dirname(path);
  try {
    await access(target, constants.W_OK);
  } catch {
    throw new BadInputError(
      existing ? `cannot write --out ${out}: permission denied` : `cannot write --out ${out}: the folder ${dirname(path)} does not exist or is not writable`,
      'give a path in a folder you can write to, or --out - for standard output',
    );
  }
}

async function report(options: ReportCommandOptions): Promise<void> {
  const request = reportRequest(options);
  if (!(REPORT_FORMATS as readonly string[]).includes(options.format)) throw new BadInputError(`--format "${options.format}" is not supported`, 'use html (with charts) or md (tables for chat and email)');
  const currency = checkCurrency(options.currency);
  const toStdout = options.out === '-';
  if (!toStdout) await checkWritable(options.out);
  const database = await openDatabase(loadConfig(), log);
  let text: string;
  try {
    // Loaded here, not at start-up: Vega takes about a second to import, and other commands never need it.
    const { renderReport } = await import('../../report/renderReport.js');
    text = await renderReport(database.db, request, options.format as ReportFormat, currency);
  } finally {
    await database.close();
  }
  if (toStdout) {
    process.stdout.write(text);
    return;
  }
  try {
    await writeFile(options.out, text);
  } catch (error) {
    throw new BadInputError(`cannot write --out ${options.out}: ${(error as Error).message}`, 'give a path in a folder you can write to, or --out - for standard output', { cause: error });
  }
  log(`wrote ${options.out} (${request.quarter}, ${Math.ceil(Buffer.byteLength(text) / 1024)} KB)`);
}

export function registerReport(program: Command): void {
  program
    .command('report')
    .description('write the quarterly review from published runs: KPIs against another quarter, personas, segment movement, suggestions')
    .requiredOption('--quarter <YYYY-QN>', 'quarter to review, e.g. 2011-Q4')
    .requiredOption('--out <file>', 'file to write, or - for standard output')
    .option('--compare <YYYY-QN>', 'quarter to compare with (default: the quarter just before)')
    .option('--scheme <scheme>', 'only this segmentation scheme: rfm, kmeans or firmographic (default: every scheme of the run)')
    .option('--format <format>', 'html (one self-contained page with charts) or md (tables for chat and email)', 'html')
    .option('--currency <code>', 'ISO 4217 code of the amounts in the data', 'GBP')
    .action(report);
}
