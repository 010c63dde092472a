import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { renderReport } from '../../src/report/renderReport.js';
import { reportRequest } from '../../src/report/reportRequest.js';
import { quarterlyReviewDatabase, type QuarterlyReviewDatabase } from '../support/quarterlyRuns.js';

// The written 2011-Q4 report opened as a person would: in a real headless Chromium, from the file.
let database: QuarterlyReviewDatabase;
let folder: string;
let browser: Browser;
let page: Page;
const problems: string[] = [];

beforeAll(async () => {
  const { chromiumPath } = loadConfig();
  if (!existsSync(chromiumPath)) {
    throw new Error(`Chromium not found at ${chromiumPath}: install it with \`apt-get install -y chromium\`, or point SEGFLOW_CHROMIUM at a Chromium binary`);
  }
  database = await quarterlyReviewDatabase();
  folder = await mkdtemp(join(tmpdir(), 'segflow-report-'));
  const file = join(folder, 'report.html');
  await writeFile(file, await renderReport(database.db, reportRequest({ quarter: '2011-Q4', compare: '2011-Q3' }), 'html', 'GBP'));
  browser = await chromium.launch({ executablePath: chromiumPath, args: ['--no-sandbox'] });
  page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning') problems.push(`console ${message.type()}: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('request', (request) => {
    if (!request.url().startsWith('file://')) problems.push(`request: ${request.url()}`);
  });
  await page.goto(`file://${file}`, { waitUntil: 'load' });
}, 1_800_000);

afterAll(async () => {
  await browser?.close();
  await database?.drop();
  if (folder) await rm(folder, { recursive: true, force: true });
});

interface ChartBox {
  name: string;
  width: number;
  height: number;
  /** Rect, symbol, line and area marks (Vega draws them as paths) with a non-empty bounding box. */
  marks: number;
}

describe('the 2011-Q4 report in Chromium', () => {
  it('loads without console errors, page errors or requests beyond the file itself', () => {
    expect(problems).toEqual([]);
  });

  it('takes a full-page screenshot that is a tall, non-trivial PNG', async () => {
    const shot = join(folder, 'report.png');
    await page.screenshot({ path: shot, fullPage: true });
    const png = await readFile(shot);
    expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    expect(png.readUInt32BE(16)).toBe(1200);
    expect(png.readUInt32BE(20)).toBeGreaterThan(5000);
    expect(png.length).toBeGreaterThan(200_000);
  });

  it('draws visible marks in every chart', async () => {
    const charts: ChartBox[] = await page.$$eval('figure[data-chart]', (figures) => figures.map((figure) => {
      const svg = figure.querySelector('svg');
      const box = svg?.getBoundingClientRect();
      const marks = svg
        ? [...svg.querySelectorAll('g.mark-rect path, g.mark-symbol path, g.mark-line path, g.mark-area path')]
          .filter((mark) => {
            const b = (mark as unknown as { getBBox(): { width: number; height: number } }).getBBox();
            return b.width > 0 || b.height > 0;
          }).length
        : 0;
      return { name: figure.getAttribute('data-chart') ?? '', width: box?.width ?? 0, height: box?.height ?? 0, marks };
    }));
    expect(charts.map((c) => c.name)).toEqual([
      'kpi-trends',
      'segment-sizes-rfm', 'rfm-grid', 'migration-rfm', 'kpi-trends-rfm',
      'segment-sizes-kmeans', 'migration-kmeans', 'kpi-trends-kmeans',
    ]);
    for (const chart of charts) {
      expect(chart.width, chart.name).toBeGreaterThan(300);
      expect(chart.height, chart.name).toBeGreaterThan(200);
      expect(chart.marks, chart.name).toBeGreaterThan(8);
    }
  });

  it('lays the tables out inside the page width', async () => {
    const overflowing = await page.$$eval('table', (tables) => tables.filter((t) => t.getBoundingClientRect().right > t.ownerDocument.documentElement.clientWidth).length);
    expect(overflowing).toBe(0);
  });
});
