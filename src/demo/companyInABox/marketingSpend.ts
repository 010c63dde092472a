import { BadRowSchedule, withBrokenQuote } from './badRows.js';
import type { CompanyParameters } from './companyParameters.js';
import { csvRow, type LineWriter } from './lineWriter.js';
import { Draws, STREAM } from './randomDraws.js';
import { isoDate } from './timeFormats.js';
import { SPEND_CHANNELS } from './vocabulary.js';

export const SPEND_COLUMNS = ['period_start', 'period_end', 'channel', 'campaign', 'amount', 'currency'] as const;

/** Monthly spend per channel and campaign, scaled to the size of the customer base. */
export async function writeMarketingSpend(parameters: CompanyParameters, writer: LineWriter): Promise<BadRowSchedule> {
  const draws = Draws.for(parameters.seed, STREAM.exports, 1);
  const bad = new BadRowSchedule(Number.MAX_SAFE_INTEGER, ['bad_date', 'broken_quote']);
  writer.header(SPEND_COLUMNS.join(','));
  const monthlyBudget = parameters.customers * 2.5;
  let good = 0;
  let month = new Date(parameters.startMs);
  while (month.getTime() < parameters.endMs) {
    const next = new Date(Date.UTC(month.getUTCFullYear(), month.getUTCMonth() + 1, 1));
    const periodEnd = Math.min(next.getTime(), parameters.endMs) - 86_400_000;
    for (const { channel, campaigns, shareOfSpend } of SPEND_CHANNELS) {
      for (const campaign of campaigns) {
        const amount = (monthlyBudget * shareOfSpend / campaigns.length) * (0.75 + draws.uniform() * 0.5);
        const fields = [isoDate(month.getTime()), isoDate(periodEnd), channel, campaign, amount.toFixed(2), 'USD'];
        await writer.line(csvRow(fields));
        good++;
        const kind = bad.after(good);
        if (kind === 'bad_date') await writer.line(csvRow([`${fields[0]!.slice(0, 4)}-02-30`, ...fields.slice(1)]));
        else if (kind === 'broken_quote') await writer.line(withBrokenQuote(fields, 3));
      }
    }
    month = next;
  }
  return bad;
}
