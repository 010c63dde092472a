import { BadRowSchedule, withBrokenQuote, type BadRowKind } from './badRows.js';
import { csvRow, type LineWriter } from './lineWriter.js';
import { NO_SCORE, SUPPORT_KINDS } from './personTimeline.js';
import { isoSeconds } from './timeFormats.js';

export const SUPPORT_COLUMNS = ['response_id', 'email', 'kind', 'score', 'status', 'opened_at', 'closed_at'] as const;

/** exports/support_responses.csv: tickets and CSAT / NPS answers, matched to people by email only. */
export class SupportExport {
  private number = 0;
  private good = 0;
  readonly bad = new BadRowSchedule(20_000);

  constructor(readonly writer: LineWriter) {
    writer.header(SUPPORT_COLUMNS.join(','));
  }

  async write(email: string, kind: number, score: number, open: boolean, openedMs: number, closeMinutes: number): Promise<void> {
    const fields = [
      `R${1_000_000 + this.number++}`, email, SUPPORT_KINDS[kind] ?? 'ticket', score === NO_SCORE ? '' : String(score), open ? 'open' : 'closed',
      isoSeconds(openedMs), open ? '' : isoSeconds(openedMs + closeMinutes * 60_000),
    ];
    if (this.writer.push(csvRow(fields))) await this.writer.flush();
    this.good++;
    const kindOfBad = this.bad.after(this.good);
    if (kindOfBad) await this.writeBad(kindOfBad, fields);
  }

  private async writeBad(kind: BadRowKind, good: string[]): Promise<void> {
    const fields = [...good];
    fields[0] = `R${1_000_000 + this.number++}`;
    let text: string;
    if (kind === 'bad_date') {
      fields[5] = 'yesterday';
      text = csvRow(fields);
    } else if (kind === 'missing_id') {
      fields[0] = '';
      text = csvRow(fields);
    } else {
      text = withBrokenQuote(fields, 1);
    }
    if (this.writer.push(text)) await this.writer.flush();
  }
}
