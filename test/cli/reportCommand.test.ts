import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/cliProcess.js';
import { quarterlyReviewDatabase, type QuarterlyReviewDatabase } from '../support/quarterlyRuns.js';

let database: QuarterlyReviewDatabase;
let folder: string;

beforeAll(async () => {
  database = await quarterlyReviewDatabase();
  folder = await mkdtemp(join(tmpdir(), 'segflow-report-cli-'));
}, 1_800_000);

afterAll(async () => {
  await database?.drop();
  if (folder) await rm(folder, { recursive: true, force: true });
});

/** Exactly one line on stderr, naming the problem and (after the dash) the fix. */
function expectOneLine(stderr: string, problem: RegExp, fix: RegExp) {
  const lines = stderr.trim().split('\n');
  expect(lines).toHaveLength(1);
  const [what, how] = lines[0]!.split(' — ');
  expect(what).toMatch(problem);
  expect(how).toMatch(fix);
}

describe('segflow report', () => {
  it('prints the Markdown review with the all-customers comparison table to stdout for --out -', async () => {
    const result = await runCli(['report', '--quarter', '2011-Q4', '--format', 'md', '--out', '-'], { DATABASE_URL: database.url });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^# Quarterly review: 2011-Q4 compared with 2011-Q3\n/);
    expect(result.stdout).toContain('| KPI | 2011-Q3 | 2011-Q4 | Change | % change | Impact |\n|---|---:|---:|---:|---:|---|\n');
    expect(result.stdout).toContain('| Revenue | £2,122,047 | £2,449,518 | +£327,471 | +15.4% | Better |');
    expect(result.stdout).toContain('## RFM segments');
    expect(result.stdout).not.toContain('<svg');
  });

  it('writes the HTML review to --out and says so on stderr', async () => {
    const out = join(folder, 'report.html');
    const result = await runCli(['report', '--quarter', '2011-Q4', '--scheme', 'kmeans', '--out', out], { DATABASE_URL: database.url });
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(new RegExp(`^segflow: wrote ${out} \\(2011-Q4, \\d+ KB\\)\\n$`));
    const html = await readFile(out, 'utf8');
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).toContain('<figure data-chart="migration-kmeans">');
    expect(html).not.toContain('data-chart="segment-sizes-rfm"');
  });

  it('documents its options', async () => {
    const result = await runCli(['report', '--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Usage: segflow report/);
    expect(result.stdout).toContain('--compare <YYYY-QN>');
  });
});

describe('segflow report: bad input exits 2 with one line on stderr', () => {
  it.each([
    [['--quarter', '2011-Q5', '--out', '-'], /^segflow: --quarter "2011-Q5" is not a quarter$/, /YYYY-QN/],
    [['--quarter', '2011-Q4', '--scheme', 'segments', '--out', '-'], /^segflow: --scheme "segments" is not a segmentation scheme$/, /rfm, kmeans, firmographic/],
    [['--quarter', '2011-Q4', '--compare', '2012-Q1', '--out', '-'], /^segflow: --compare 2012-Q1 is not before --quarter 2011-Q4$/, /earlier quarter/],
    [['--quarter', '2011-Q4', '--format', 'pdf', '--out', '-'], /^segflow: --format "pdf" is not supported$/, /html .* or md/],
    [['--quarter', '2011-Q4', '--out', '/nonexistent/folder/report.html'], /^segflow: cannot write --out \/nonexistent\/folder\/report\.html: the folder \/nonexistent\/folder does not exist or is not writable$/, /folder you can write to/],
  ])('%j', async (args, problem, fix) => {
    // No database is reached: arguments are checked first.
    const result = await runCli(['report', ...args], { DATABASE_URL: 'postgres://postgres@127.0.0.1:1/unreachable' });
    expect(result.code).toBe(2);
    expectOneLine(result.stderr, problem, fix);
  });

  it('a quarter without a published snapshot', async () => {
    const result = await runCli(['report', '--quarter', '2012-Q1', '--out', '-'], { DATABASE_URL: database.url });
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expectOneLine(result.stderr, /^segflow: --quarter 2012-Q1 has no published KPI snapshot$/, /^choose one of 2010-Q4, 2011-Q1, 2011-Q2, 2011-Q3, 2011-Q4, or publish a run/);
  });
});
