import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderReport } from '../../src/report/renderReport.js';
import { reportRequest } from '../../src/report/reportRequest.js';
import { quarterlyReviewDatabase, type QuarterlyReviewDatabase } from '../support/quarterlyRuns.js';

let database: QuarterlyReviewDatabase;
/** 2011-Q4 against 2011-Q3 (partial, nothing flagged) and 2011-Q3 against 2011-Q2 (full quarters, segments flagged). */
let q4: string;
let q3: string;

beforeAll(async () => {
  database = await quarterlyReviewDatabase();
  q4 = await renderReport(database.db, reportRequest({ quarter: '2011-Q4' }), 'html', 'GBP');
  q3 = await renderReport(database.db, reportRequest({ quarter: '2011-Q3' }), 'html', 'GBP');
}, 1_800_000);

afterAll(async () => database?.drop());

const count = (html: string, pattern: RegExp) => html.match(pattern)?.length ?? 0;

describe('the HTML quarterly review', () => {
  it('is one page that needs nothing else: no script, no stylesheet link, no image or URL fetched', () => {
    expect(q4.startsWith('<!doctype html>')).toBe(true);
    expect(q4).not.toMatch(/<script|<link|<img|<iframe|@import|src=/i);
    const urls = [...q4.matchAll(/https?:\/\/[^\s"'<>)]+/g)].map((m) => m[0]);
    expect(new Set(urls)).toEqual(new Set(['http://www.w3.org/2000/svg', 'http://www.w3.org/1999/xlink']));
  });

  it('has a captioned figure with an SVG for every chart, per scheme', () => {
    const figures = [...q4.matchAll(/<figure data-chart="([^"]+)"><svg[\s\S]*?<\/svg><figcaption>[^<]+<\/figcaption><\/figure>/g)].map((m) => m[1]);
    expect(figures).toEqual([
      'kpi-trends',
      'segment-sizes-rfm', 'rfm-grid', 'migration-rfm', 'kpi-trends-rfm',
      'segment-sizes-kmeans', 'migration-kmeans', 'kpi-trends-kmeans',
    ]);
  });

  it('keeps every element id unique across the charts of the page', () => {
    const ids = [...q4.matchAll(/\bid="([^"]+)"/g)].map((m) => m[1]);
    expect(ids.length).toBeGreaterThan(0);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('writes the headline revenue with thousands separators, currency and its change', () => {
    expect(q4).toContain('<div class="tile" data-kpi="revenue"><div class="label">Revenue</div><div class="value">£2,449,518</div>'
      + '<div class="delta better">+£327,471 (+15.4%) vs 2011-Q3</div></div>');
  });

  it('warns that 2011-Q4 is partial', () => {
    expect(q4).toContain('<aside class="notice">2011-Q4 is partial: it counts 1 Oct 2011 to 9 Dec 2011 (70 of 92 days).');
  });

  it('highlights exactly the rows the comparison view flags as underperforming', async () => {
    const flagged: Array<{ rows: number }> = await database.db('segflow.kpi_quarter_comparison')
      .where({ quarter: '2011-Q3', is_underperforming: true })
      .count('* as rows');
    expect(flagged[0]!.rows).toBeGreaterThan(0);
    expect(count(q3, /<tr class="underperforming"/g)).toBe(Number(flagged[0]!.rows));
    expect(count(q4, /<tr class="underperforming"/g)).toBe(0);
  });

  it('shows a null KPI as n/a with its reason from the snapshot, not as 0', async () => {
    const row: { reason: string } = await database.db('segflow.published_kpi_snapshots')
      .where({ quarter: '2011-Q4', scheme: 'rfm' })
      .whereRaw("null_reasons->>'aov' is not null")
      .orderBy('segment_id')
      .first(database.db.raw("null_reasons->>'aov' as reason"));
    expect(row.reason).toBeTruthy();
    expect(q4).toContain(`<td>Average order value<span class="reason">n/a: `);
    expect(q4).toContain(row.reason);
  });

  it('has a persona card for each rfm and kmeans segment of the 2011-Q4 run', async () => {
    const segments: Array<{ segments: number }> = await database.db('segflow.segments as s')
      .join('segflow.published_quarters as q', 'q.run_id', 's.run_id')
      .where('q.quarter', '2011-Q4')
      .whereIn('s.scheme', ['rfm', 'kmeans'])
      .count('* as segments');
    expect(Number(segments[0]!.segments)).toBeGreaterThanOrEqual(13);
    expect(count(q4, /<article class="persona"/g)).toBe(Number(segments[0]!.segments));
  });
});
