import type { CompanyParameters } from './companyParameters.js';
import { BadRowSchedule, withBrokenQuote, type BadRowKind } from './badRows.js';
import { csvField, csvRow, type LineWriter } from './lineWriter.js';
import type { OrderContent } from './orderLines.js';
import { identityIn, IDENTITY_SYSTEMS } from './personIdentity.js';
import { VISIT_FLAG } from './personTimeline.js';
import type { Population } from './population.js';
import { Draws, STREAM } from './randomDraws.js';
import { customerNumber, sfAccountId } from './sourceIds.js';
import { isoSeconds } from './timeFormats.js';

export const ORDER_COLUMNS = ['order_id', 'customer_number', 'account_id', 'email', 'ordered_at', 'currency', 'total', 'status', 'country'] as const;
export const ORDER_LINE_COLUMNS = ['order_id', 'line', 'sku', 'description', 'quantity', 'unit_price'] as const;

const BAD_EVERY = 50_000;

export function orderIdText(n: number): string {
  return `SO${1_000_000 + n}`;
}

/** The billing system's export: orders.csv.gz and order_lines.csv.gz, in order time. */
export class BillingExport {
  private orderNumber = 0;
  private readonly orderBad = new BadRowSchedule(BAD_EVERY);
  private readonly lineBad = new BadRowSchedule(BAD_EVERY, ['missing_id', 'broken_quote', 'bad_number']);
  private goodOrders = 0;
  private goodLines = 0;

  constructor(
    private readonly parameters: CompanyParameters,
    private readonly population: Population,
    readonly orders: LineWriter,
    readonly lines: LineWriter,
  ) {
    orders.header(ORDER_COLUMNS.join(','));
    lines.header(ORDER_LINE_COLUMNS.join(','));
  }

  get badOrders() {
    return this.orderBad;
  }

  get badLines() {
    return this.lineBad;
  }

  /** Writes one order with its lines; returns the order id (GA4 and Adobe use it as transaction id). */
  async write(person: number, ordinal: number, flags: number, orderedAtMs: number, content: OrderContent): Promise<string> {
    const { people, companies } = this.population;
    const orderId = orderIdText(this.orderNumber++);
    const identity = identityIn(this.parameters, this.population, person, IDENTITY_SYSTEMS.billing);
    const draws = Draws.for(this.parameters.seed, STREAM.order, person, ordinal, 1);
    const company = people.company[person]!;
    // B2B orders carry the Salesforce account, except where finance never linked it.
    const accountId = company >= 0 && companies.hasSalesforceAccount[company] === 1 && draws.chance(0.9) ? sfAccountId(company) : '';
    const customer = flags & VISIT_FLAG.guest ? '' : customerNumber(person, flags & VISIT_FLAG.secondCustomer ? 1 : 0);
    const fields = [
      orderId, customer, accountId, identity.email, isoSeconds(orderedAtMs), content.currency, content.total.toFixed(content.currency === 'JPY' ? 0 : 2),
      flags & VISIT_FLAG.refunded ? 'refunded' : 'paid', identity.countryCode,
    ];
    if (this.orders.push(csvRow(fields))) await this.orders.flush();
    this.goodOrders++;
    const badOrder = this.orderBad.after(this.goodOrders);
    if (badOrder) await this.badOrderRow(badOrder, fields);
    for (let i = 0; i < content.lines.length; i++) {
      const line = content.lines[i]!;
      const lineFields = [orderId, String(i + 1), line.product.sku, csvField(line.product.description), String(line.quantity), String(line.unitPrice)];
      if (this.lines.push(lineFields.join(','))) await this.lines.flush();
      this.goodLines++;
      const badLine = this.lineBad.after(this.goodLines);
      if (badLine) await this.badLineRow(badLine, [orderId, String(i + 1), line.product.sku, line.product.description, String(line.quantity), String(line.unitPrice)]);
    }
    return orderId;
  }

  private async badOrderRow(kind: BadRowKind, good: string[]): Promise<void> {
    const fields = [...good];
    fields[0] = orderIdText(this.orderNumber++);
    let text: string;
    if (kind === 'bad_date') {
      fields[4] = `${good[4]!.slice(8, 10)}/${good[4]!.slice(5, 7)}/${good[4]!.slice(0, 4)} 25:61`;
      text = csvRow(fields);
    } else if (kind === 'missing_id') {
      fields[0] = '';
      text = csvRow(fields);
    } else {
      text = withBrokenQuote(fields, 3);
    }
    if (this.orders.push(text)) await this.orders.flush();
  }

  private async badLineRow(kind: BadRowKind, good: string[]): Promise<void> {
    const fields = [...good];
    let text: string;
    if (kind === 'missing_id') {
      fields[0] = '';
      text = csvRow(fields);
    } else if (kind === 'broken_quote') {
      text = withBrokenQuote(fields, 3);
    } else {
      fields[4] = 'two';
      text = csvRow(fields);
    }
    if (this.lines.push(text)) await this.lines.flush();
  }
}
