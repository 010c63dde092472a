import { join } from 'node:path';
import { ga4ExportFileName } from '../../sources/ga4/ga4ExportRow.js';
import { adobeVisitRows, type HitIds } from './adobeHits.js';
import type { BillingExport } from './billingRows.js';
import { DAY_MS, type CompanyParameters } from './companyParameters.js';
import type { ManifestFile } from './companyManifest.js';
import { ga4VisitRows } from './ga4Rows.js';
import { LineWriter } from './lineWriter.js';
import { marketoActivityRow, pardotActivityRow } from './marketingActivityRows.js';
import { orderContent, type OrderContent } from './orderLines.js';
import { identityIn, IDENTITY_SYSTEMS } from './personIdentity.js';
import { MARKETO_CADENCE, PARDOT_CADENCE, SUPPORT_OPEN, VISIT_FLAG, campaignSendMs } from './personTimeline.js';
import type { Population } from './population.js';
import { Draws, mixSeed } from './randomDraws.js';
import { customerNumber } from './sourceIds.js';
import type { SupportExport } from './supportRows.js';
import { TIMELINE, emptyRecord, type TimelineRecord, type TimelineSpool } from './timelineSpool.js';
import { compactDate, isoDate } from './timeFormats.js';
import { COUNTRIES } from './vocabulary.js';
import { planVisit } from './visitPlan.js';
import { adobeVisitorOf, ga4PseudoIdOf } from './visitorIds.js';

export interface TimelineWriters {
  billing: BillingExport;
  support: SupportExport;
  marketoActivities: LineWriter;
  pardotActivities: LineWriter;
}

export interface TimelineResult {
  dailyFiles: ManifestFile[];
  excludedHits: number;
  dataSourceHits: number;
}

/** One day's GA4 table and Adobe hit file, opened as the sorted timeline reaches that day. */
class DailyFiles {
  day = -1;
  ga4: LineWriter | null = null;
  adobe: LineWriter | null = null;
  readonly hitIds: HitIds = { high: 0, nextLow: 1 };
  readonly written: ManifestFile[] = [];

  constructor(private readonly parameters: CompanyParameters, private readonly outDir: string) {}

  async moveTo(day: number): Promise<void> {
    while (this.day < day) {
      await this.closeDay();
      this.day++;
      const dayMs = this.parameters.startMs + this.day * DAY_MS;
      this.ga4 = new LineWriter(join(this.outDir, 'ga4', ga4ExportFileName(compactDate(dayMs))));
      this.adobe = new LineWriter(join(this.outDir, 'adobe', `hit_data_${isoDate(dayMs)}.tsv.gz`));
      this.hitIds.high = mixSeed(this.parameters.seed, 0xad0be, this.day);
      this.hitIds.nextLow = 1;
    }
  }

  async closeDay(): Promise<void> {
    for (const writer of [this.ga4, this.adobe]) {
      if (!writer) continue;
      const file = await writer.close();
      this.written.push({ path: file.path.slice(this.outDir.length + 1).replaceAll('\\', '/'), records: file.records, bytes: file.bytes });
    }
    this.ga4 = null;
    this.adobe = null;
  }
}

/**
 * Pass two: reads the spool month by month in time order and writes every dated record: billing
 * orders and lines, GA4 and Adobe daily files (the checkout visit of an online order shares the
 * order's id), Marketo and Pardot activities with ids increasing in time, support responses.
 */
export async function writeTimeline(
  parameters: CompanyParameters, population: Population, spool: TimelineSpool, firstSeen: Float64Array, outDir: string, writers: TimelineWriters,
): Promise<TimelineResult> {
  const { people } = population;
  const daily = new DailyFiles(parameters, outDir);
  const record: TimelineRecord = emptyRecord();
  let marketoGuid = 1_000_000;
  let pardotId = 700_000_000;
  let excludedHits = 0;
  let dataSourceHits = 0;

  const writeVisit = async (r: TimelineRecord, visitNumber: number, order: { id: string; content: OrderContent } | null) => {
    const person = r.person;
    const device = (r.flags >> VISIT_FLAG.deviceShift) & 3;
    const loggedIn = (r.flags & VISIT_FLAG.loggedIn) !== 0;
    const b2b = people.company[person]! >= 0;
    const steps = planVisit(r.b, r.timeMs, loggedIn, b2b, order?.content ?? null);
    const country = COUNTRIES[people.country[person]!]!;
    const visitDraws = new Draws(mixSeed(r.b, 5));
    const city = visitDraws.pick(country.cities);
    const customerId = loggedIn ? customerNumber(person, r.flags & VISIT_FLAG.secondCustomer ? 1 : 0) : null;
    if (r.flags & VISIT_FLAG.ga4) {
      const rows = ga4VisitRows({
        pseudoId: ga4PseudoIdOf(parameters.seed, person, device, firstSeen[person]!),
        firstTouchMs: firstSeen[person]! + device * 3 * DAY_MS,
        userId: customerId,
        sessionStartMs: steps[0]!.timeMs,
        sessionNumber: visitNumber,
        deviceIndex: person + device,
        acquisition: people.acquisition[person]!,
        country,
        city,
        order,
      }, steps, r.b % 100_000);
      for (const row of rows) if (daily.ga4!.push(row)) await daily.ga4!.flush();
    }
    if (r.flags & VISIT_FLAG.adobe) {
      const [visitorHigh, visitorLow] = adobeVisitorOf(parameters.seed, person, device);
      const excluded = visitDraws.chance(0.06) ? visitDraws.below(steps.length) : -1;
      const dataSource = visitDraws.chance(order ? 0.2 : 0.01) ? steps.length - 1 : -1;
      if (excluded >= 0) excludedHits++;
      if (dataSource >= 0) dataSourceHits++;
      const rows = adobeVisitRows({ visitorHigh, visitorLow, customerId, visitNumber, country, city, traffic: r.a, order }, steps, daily.hitIds, excluded, dataSource);
      for (const row of rows) if (daily.adobe!.push(row)) await daily.adobe!.flush();
    }
  };

  for (const month of spool.months()) {
    for (let i = 0; i < month.count; i++) {
      month.read(i, record);
      const r = record;
      await daily.moveTo(Math.floor((r.timeMs - parameters.startMs) / DAY_MS));
      switch (r.kind) {
        case TIMELINE.session:
          await writeVisit(r, r.seq, null);
          break;
        case TIMELINE.order: {
          const content = orderContent(parameters, population, r.person, r.seq);
          const id = await writers.billing.write(r.person, r.seq, r.flags, r.timeMs, content);
          // c holds the visit number of the checkout visit; 0 for orders taken offline.
          if (r.c > 0) await writeVisit(r, r.c, { id, content });
          break;
        }
        case TIMELINE.marketo: {
          const row = marketoActivityRow(marketoGuid++, r.person, r.seq, r.a, r.b, r.timeMs, campaignSendMs(parameters, MARKETO_CADENCE, r.a));
          if (writers.marketoActivities.push(row)) await writers.marketoActivities.flush();
          break;
        }
        case TIMELINE.pardot: {
          const row = pardotActivityRow(pardotId++, r.person, r.seq, r.a, r.b, r.timeMs, campaignSendMs(parameters, PARDOT_CADENCE, r.a));
          if (writers.pardotActivities.push(row)) await writers.pardotActivities.flush();
          break;
        }
        case TIMELINE.support: {
          const email = identityIn(parameters, population, r.person, IDENTITY_SYSTEMS.support).email;
          await writers.support.write(email, r.seq, r.a, (r.flags & SUPPORT_OPEN) !== 0, r.timeMs, r.b);
          break;
        }
        default:
          throw new Error(`unknown timeline record kind ${r.kind}`);
      }
    }
  }
  await daily.moveTo(parameters.days - 1);
  await daily.closeDay();
  return { dailyFiles: daily.written, excludedHits, dataSourceHits };
}
