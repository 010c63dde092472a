import { isCalendarDate } from '../datasetFiles/calendarDate.js';
import { isDecimal } from '../datasetFiles/decimalText.js';
import { mapCsvLine } from '../datasetFiles/csvLines.js';
import { rejectLine, type LineOutcome } from '../datasetFiles/lineOutcome.js';

export const OLIST_DEAL_COLUMNS = [
  'mql_id', 'seller_id', 'sdr_id', 'sr_id', 'won_date', 'business_segment', 'lead_type', 'lead_behaviour_profile', 'has_company',
  'has_gtin', 'average_stock', 'business_type', 'declared_product_catalog_size', 'declared_monthly_revenue',
] as const;

/** won_date as written ("2018-02-26 19:58:54", no zone): its calendar day, or null when it is not one. */
function wonDay(wonDate: string): string | null {
  const match = /^(\d{4}-\d{2}-\d{2})( \d{2}:\d{2}:\d{2})?$/.exec(wonDate.trim());
  return match?.[1] !== undefined && isCalendarDate(match[1]) ? match[1] : null;
}

/**
 * olist_closed_deals → raw.opportunities: every line is a won deal of one MQL (mql_id is unique in
 * the file, so it is the deal's id and its lead_source_id); the seller who signed up is the
 * customer account. The file has no deal value: declared_monthly_revenue (the seller's own estimate
 * of its monthly revenue, BRL) is the only money field, so it is the amount, and 0.0, which the
 * file holds for 797 of 842 deals, is taken as "not declared" (null). Everything else stays in `record`.
 */
export function mapOlistDeal(text: string, position: string): LineOutcome {
  const object = 'closed_deals';
  return mapCsvLine(text, OLIST_DEAL_COLUMNS, object, position, (record) => {
    const id = record.mql_id.trim();
    if (!id) return rejectLine(object, position, 'missing_id', 'mql_id is empty', text);
    const wonOn = wonDay(record.won_date);
    if (wonOn === null) return rejectLine(object, position, 'bad_timestamp', `won_date is not "YYYY-MM-DD HH:MM:SS": ${JSON.stringify(record.won_date)}`, text);
    const revenue = record.declared_monthly_revenue.trim();
    if (revenue !== '' && !isDecimal(revenue)) {
      return rejectLine(object, position, 'bad_number', `declared_monthly_revenue is not a number: ${JSON.stringify(revenue)}`, text);
    }
    const sellerId = record.seller_id.trim();
    return {
      row: {
        entity: 'opportunities',
        sourceObject: object,
        sourceId: id,
        modifiedAt: null,
        position,
        record,
        fields: {
          account_source_id: sellerId === '' ? null : sellerId,
          lead_source_id: id,
          stage: 'won',
          amount: revenue === '' || Number(revenue) === 0 ? null : revenue,
          currency: 'BRL',
          is_closed: true,
          is_won: true,
          close_date: wonOn,
        },
      },
    };
  });
}

/**
 * The same file → raw.accounts: the sellers Olist signed are its B2B customers, one per deal
 * (seller_id is unique in the file). The data is anonymised: no name or country, only the segment.
 */
export function mapOlistSeller(text: string, position: string): LineOutcome {
  const object = 'sellers';
  return mapCsvLine(text, OLIST_DEAL_COLUMNS, object, position, (record) => {
    const sellerId = record.seller_id.trim();
    if (!sellerId) return rejectLine(object, position, 'missing_id', 'seller_id is empty', text);
    const segment = record.business_segment.trim();
    return {
      row: {
        entity: 'accounts',
        sourceObject: object,
        sourceId: sellerId,
        modifiedAt: null,
        position,
        record,
        fields: { industry: segment === '' ? null : segment },
      },
    };
  });
}
